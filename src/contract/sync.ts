import * as z from 'zod';
import { phraseBookSchema } from './phrases';
import { busyReasonSchema, dispositionSchema, policySchema } from './policy';

/**
 * The protocol between a desk and the central server (HTTP + JSON, version 1).
 *
 *   POST /v1/login        LoginRequest  -> LoginResponse         (no token)
 *   POST /v1/logout       {}            -> { serverTime }        (Bearer token)
 *   POST /v1/sip-credentials {}         -> { sip: SipProvision }  (Bearer token): fresh SIP credentials
 *   POST /v1/sync         SyncBatch     -> SyncAck               (Bearer token)
 *   GET  /v1/agents/:agentId/wrap-ups   -> { wrapUps: ServerWrapUp[] } (Bearer: that agent, or a supervisor)
 *   GET  /v1/agents/:agentId/attendance?from=YYYY-MM-DD&to=YYYY-MM-DD -> AttendanceReport (same access)
 *   GET  /v1/agents/:agentId/events?kind=missedRing|declinedOffer|busyOverLimit|attendance
 *                                       -> { events: ServerEvent[] }  (same access)
 *
 * Errors are `{ error: { code, message } }` with a 4xx/5xx status. A 401 `session-ended` also says
 * how the session ended (`error.session`, see SessionEndedError in sessions.ts); a 429
 * `too-many-attempts` (login throttling) comes with `Retry-After` in seconds. Sessions expire
 * (idle and absolute limits of the server's config); every authenticated request and every
 * answered ping on /v1/live renews the idle one. Records carry ids made by the desk (UUIDv7), so a
 * batch sent twice is stored once: the server acknowledges ids it already has.
 */

/** 工号: digits, as printed on the agent's badge. */
export const agentIdSchema = z.string().regex(/^\d{3,10}$/, 'employee number: 3-10 digits');
export type AgentId = z.infer<typeof agentIdSchema>;

export const loginRequestSchema = z.object({
  agentId: agentIdSchema,
  password: z.string().min(1).max(256),
  /** Identifies the desk installation so a second desk for the same 工号 is visible. */
  deviceId: z.string().min(1).max(64),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Where and how the desk registers. Credentials are minted by the server; the agent never sees them. */
export const sipProvisionSchema = z.object({
  /** SIP over WebSocket server, e.g. `ws://127.0.0.1:8080` or `wss://pbx.example.com:8443`. */
  wsServer: z.string().url(),
  /** The agent's address of record, e.g. `sip:1001@seatdesk.local`. */
  aor: z.string().startsWith('sip:'),
  authorizationUsername: z.string().min(1),
  authorizationPassword: z.string().min(1),
  /** When the credentials stop working (ms since epoch); the desk logs in again before that. */
  expiresAt: z.number().int(),
  displayName: z.string().max(64),
});
export type SipProvision = z.infer<typeof sipProvisionSchema>;

/** Fresh credentials for a desk that stays logged in longer than they live. */
export const sipCredentialsResponseSchema = z.object({ sip: sipProvisionSchema });
export type SipCredentialsResponse = z.infer<typeof sipCredentialsResponseSchema>;

/** One line of the company's department directory (公司各部门通讯录), for one-click transfer. */
export const directoryEntrySchema = z.object({
  department: z.string().min(1).max(64),
  name: z.string().max(64),
  extension: z.string().regex(/^[0-9*#+]{2,20}$/),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(16),
  agent: z.object({ agentId: agentIdSchema, name: z.string().max(64) }),
  policy: policySchema,
  dispositions: z.array(dispositionSchema),
  /** The department directory; older servers send none. */
  directory: z.array(directoryEntrySchema).default([]),
  /** The standard phrases (src/contract/phrases.ts); older servers send none (the desk keeps its last). */
  phrases: phraseBookSchema.optional(),
  /** The center's other agents (not supervisors, not the one logging in), for a shift handover to a named colleague. */
  colleagues: z.array(z.object({ agentId: agentIdSchema, name: z.string().max(64) })).max(10_000).default([]),
  sip: sipProvisionSchema,
  serverTime: z.number().int(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

const recordId = z.uuid();
const epochMs = z.number().int().nonnegative();
const text = (max: number) => z.string().max(max);

/** A finished call, inbound or outbound, as the desk saw it. */
export const callPayloadSchema = z.object({
  callId: recordId,
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: text(64),
  remoteDisplayName: text(128),
  offeredAt: epochMs,
  answeredAt: epochMs.nullable(),
  endedAt: epochMs,
  ringsAtAnswer: z.number().int().min(0).nullable(),
  endReason: text(64),
  /** DOMAIN.md rule 4: the caller went to the survey IVR, or the agent said why not. */
  survey: z.enum(['transferred', 'skipped']).nullable().default(null),
  surveySkipReason: text(200).nullable().default(null),
  /** Where the call was transferred (to a department or a number). */
  transferredTo: text(64).nullable().default(null),
  /** blind: REFER straight away; attended: after consulting the target (REFER with Replaces). */
  transferKind: z.enum(['blind', 'attended']).nullable().default(null),
  /** The last number the agent consulted during the call, whatever came of it. */
  consultedWith: text(64).nullable().default(null),
  /** The call became a three-way call with `consultedWith` at some point. */
  conference: z.boolean().default(false),
});

/** The after-call record (话后处理) of DOMAIN.md rule 3. */
export const wrapUpPayloadSchema = z.object({
  callId: recordId,
  disposition: text(32).min(1),
  summary: text(1_000_000),
  customerName: text(128),
  customerContact: text(128),
  resolved: z.boolean(),
  /** 约定回复时间: required by the desk's form when `resolved` is false. */
  promisedReplyAt: epochMs.nullable(),
});

export const stateChangePayloadSchema = z.object({
  from: text(16),
  to: text(16),
  busyReason: busyReasonSchema.nullable(),
  /** Ringing and talking: the call it is about, for the supervisor board (older desks send none). */
  call: z
    .object({ callId: recordId, direction: z.enum(['inbound', 'outbound']), remoteNumber: text(64) })
    .nullable()
    .default(null),
});

/** An offer that rang out unanswered (DOMAIN.md rule 1); `action` is what the policy did. */
export const missedRingPayloadSchema = z.object({
  callId: recordId,
  remoteNumber: text(64),
  remoteDisplayName: text(128),
  offeredAt: epochMs,
  deadline: epochMs,
  rings: z.number().int().min(1),
  action: z.enum(['reject-and-pause', 'keep-ringing', 'auto-answer']),
});

/** An offer declined with 486 because the agent was not ready (it never rang). */
export const declinedOfferPayloadSchema = z.object({
  callId: recordId,
  remoteNumber: text(64),
  remoteDisplayName: text(128),
  offeredAt: epochMs,
  /** The agent's state when the offer arrived. */
  agentState: text(16),
  sipStatus: z.number().int().min(400).max(699),
});

/** Busy beyond the limit (DOMAIN.md rule 2): goes to the supervisor at once, or when back online. */
export const busyOverLimitPayloadSchema = z.object({
  busySince: epochMs,
  busyReason: busyReasonSchema,
  limitMs: z.number().int().min(1),
  /** When the limit was reached, by the desk's clock (the record's occurredAt too). */
  reachedAt: epochMs,
});

/**
 * Login or logout for attendance (DOMAIN.md rule 6). The server's clock is the authority:
 * `serverTime` is confirmed when the server answered the login/logout itself, estimated from the
 * clock offset measured at login when it did not (a logout while offline).
 */
export const attendancePayloadSchema = z.object({
  event: z.enum(['login', 'logout']),
  deskTime: epochMs,
  serverTime: epochMs,
  serverTimeSource: z.enum(['confirmed', 'estimated']),
});

/**
 * An escalation ticket raised by the agent (疑难反馈单, DOMAIN.md rule 3; src/contract/tickets.ts),
 * from the wrap-up form or during the call; `emergency` at once during the call (rule 3, 第二十四条).
 */
export const ticketPayloadSchema = z.object({
  /** The call it is about; null for one raised without a call. */
  callId: recordId.nullable(),
  severity: z.enum(['normal', 'urgent', 'emergency']),
  content: text(20_000).min(1),
  customerName: text(128),
  customerContact: text(128),
  /** When the call was (its offer), for the supervisor; null without a call. */
  callAt: epochMs.nullable(),
  /** The customer's number as the desk had it ('' without a call). */
  remoteNumber: text(64),
  /** 约定回复时间, if the agent promised one. */
  promisedReplyAt: epochMs.nullable(),
});

/**
 * What the owner's desk did with a first-contact promise (src/contract/promises.ts): called the
 * customer back from it (the call placed is linked), or kept it, with a note saying how.
 */
export const promiseStepPayloadSchema = z.object({
  /** The promise: its wrap-up record's id. */
  promiseId: recordId,
  step: z.enum(['calledBack', 'kept']),
  /** For `calledBack`: the call placed; null for `kept`. */
  callId: recordId.nullable(),
  /** For `kept`: how it was kept (required by the desk); '' for `calledBack`. */
  note: text(2_000),
});

/** Who a handover is for: a named colleague (工号), or whoever of the next shift accepts it first. */
export const handoverRecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: agentIdSchema }),
  z.object({ kind: z.literal('nextShift') }),
]);

/** A shift handover (交接班, src/contract/handovers.ts): the agent's open promises and tickets, each with a note. */
export const handoverPayloadSchema = z.object({
  to: handoverRecipientSchema,
  /** The note for the whole handover. */
  note: text(2_000),
  items: z
    .array(z.object({ kind: z.enum(['promise', 'ticket']), id: recordId, note: text(1_000) }))
    .min(1)
    .max(200),
});

const recordBase = {
  id: recordId,
  agentId: agentIdSchema,
  /** The desk's clock when it happened (ms since epoch). */
  occurredAt: epochMs,
};

export const syncRecordSchema = z.discriminatedUnion('kind', [
  z.object({ ...recordBase, kind: z.literal('call'), payload: callPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('wrapUp'), payload: wrapUpPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('stateChange'), payload: stateChangePayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('missedRing'), payload: missedRingPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('declinedOffer'), payload: declinedOfferPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('busyOverLimit'), payload: busyOverLimitPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('attendance'), payload: attendancePayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('ticket'), payload: ticketPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('promiseStep'), payload: promiseStepPayloadSchema }),
  z.object({ ...recordBase, kind: z.literal('handover'), payload: handoverPayloadSchema }),
]);
export type SyncRecord = z.infer<typeof syncRecordSchema>;
export type SyncRecordKind = SyncRecord['kind'];
export type CallPayload = z.infer<typeof callPayloadSchema>;
export type WrapUpPayload = z.infer<typeof wrapUpPayloadSchema>;
export type MissedRingPayload = z.infer<typeof missedRingPayloadSchema>;
export type DeclinedOfferPayload = z.infer<typeof declinedOfferPayloadSchema>;
export type BusyOverLimitPayload = z.infer<typeof busyOverLimitPayloadSchema>;
export type AttendancePayload = z.infer<typeof attendancePayloadSchema>;
export type TicketPayload = z.infer<typeof ticketPayloadSchema>;
export type PromiseStepPayload = z.infer<typeof promiseStepPayloadSchema>;
export type HandoverRecipient = z.infer<typeof handoverRecipientSchema>;
export type HandoverPayload = z.infer<typeof handoverPayloadSchema>;

export const MAX_BATCH_RECORDS = 200;

export const syncBatchSchema = z.object({
  records: z.array(syncRecordSchema).min(1).max(MAX_BATCH_RECORDS),
});
export type SyncBatch = z.infer<typeof syncBatchSchema>;

export const syncAckSchema = z.object({
  /** Ids now stored on the server (newly or before). The desk marks these rows sent. */
  acknowledged: z.array(recordId),
  serverTime: z.number().int(),
});
export type SyncAck = z.infer<typeof syncAckSchema>;

/** A wrap-up as the server returns it to readers (the agent's history, the supervisor board). */
export const serverWrapUpSchema = wrapUpPayloadSchema.extend({
  id: recordId,
  agentId: agentIdSchema,
  occurredAt: epochMs,
  receivedAt: epochMs,
});
export type ServerWrapUp = z.infer<typeof serverWrapUpSchema>;

export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof apiErrorSchema>;

export const logoutResponseSchema = z.object({ serverTime: z.number().int() });

/** A record other than a wrap-up as readers get it back (the supervisor board, tests). */
export const serverEventSchema = z.object({
  id: recordId,
  agentId: agentIdSchema,
  kind: z.enum(['call', 'stateChange', 'missedRing', 'declinedOffer', 'busyOverLimit', 'attendance']),
  occurredAt: epochMs,
  receivedAt: epochMs,
  payload: z.record(z.string(), z.unknown()),
});
export type ServerEvent = z.infer<typeof serverEventSchema>;

const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * One day of an agent's attendance as the server computes it against the shift policy. A day
 * that is not a working day of the center's calendar (src/contract/calendar.ts) is listed with
 * its times but judged nothing: never late, early or absent.
 */
export const attendanceDaySchema = z.object({
  date: calendarDay,
  /** First login and last logout of the day, by the server's clock (null: none). */
  firstLoginAt: epochMs.nullable(),
  lastLogoutAt: epochMs.nullable(),
  late: z.boolean(),
  lateByMs: z.number().int().min(0),
  leftEarly: z.boolean(),
  earlyByMs: z.number().int().min(0),
  absent: z.boolean(),
});
export type AttendanceDay = z.infer<typeof attendanceDaySchema>;

export const attendanceReportSchema = z.object({
  agentId: agentIdSchema,
  days: z.array(attendanceDaySchema),
  /** Counts over the calendar month of `to`, with the policy's thresholds applied. */
  month: z.object({
    lateCount: z.number().int().min(0),
    earlyLeaveCount: z.number().int().min(0),
    absentCount: z.number().int().min(0),
    flagged: z.boolean(),
  }),
});
export type AttendanceReport = z.infer<typeof attendanceReportSchema>;
