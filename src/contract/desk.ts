import * as z from 'zod';
import { historyQuerySchema, type DeskHistoryPage, type HistoryQuery } from './history';
import type { SessionEnded, SessionEndReason } from './live';
import type { Phrase } from './phrases';
import { busyReasonSchema, type BusyReason, type Disposition, type Policy } from './policy';
import type { SurveyRating } from './survey';
import type { HandoverItem } from './handovers';
import type { PromisePerson } from './promises';
import { agentIdSchema, handoverPayloadSchema, ticketPayloadSchema, wrapUpPayloadSchema, type AttendanceDay, type DirectoryEntry } from './sync';
import type { TicketPerson, TicketSeverity, TicketStatus } from './tickets';
import type { TodayFigures } from './today';

/**
 * The desk API: what the renderer may ask of the main process, and what main pushes back.
 * The renderer is untrusted input: main parses every command with the schema below.
 *
 * Agent states (话务状态, DOMAIN.md):
 *
 *             login                 offer            answer
 *   offline ---------> ready ----------------> ringing ------> talking
 *      ^               ^  |  ^                   |               |
 *      |        setReady  |  |       reject /    |               | hang-up (either side)
 *      |               |  v  |       timeout     |               v
 *      +--- logout --- busy  +-------------------+-----------  wrapUp --(save / limit)--> ready
 *
 * While not `ready`, offers are declined (486) and never ring.
 */
export const deskStateSchema = z.enum(['offline', 'ready', 'busy', 'ringing', 'talking', 'wrapUp']);
export type DeskState = z.infer<typeof deskStateSchema>;

/** Whether the desk's SIP user agent is registered with the PBX, told truthfully. */
export type RegistrationState = 'unregistered' | 'connecting' | 'registered' | 'failed';

export interface CallView {
  id: string;
  /** The renderer's media session of the call: its id, unless a transfer to this desk replaced it. */
  mediaSessionId: string;
  direction: 'inbound' | 'outbound';
  /** As the PBX delivered it (digits); the UI groups it for read-back. */
  remoteNumber: string;
  /** The SIP display name: untrusted text, always rendered as text. */
  remoteDisplayName: string;
  phase: 'ringing' | 'connecting' | 'talking';
  offeredAt: number;
  /** 1-based ring of the offer, from main's clock. */
  ring: number;
  maxRings: number;
  /** When the last ring ends (offeredAt + maxRings x ringCycle). */
  ringDeadline: number;
  answeredAt: number | null;
  ringsAtAnswer: number | null;
  /** Answered after the ring deadline (policy keep-ringing): the agent should apologise. */
  late: boolean;
  /** The customer is on hold (hears nothing from the agent). */
  held: boolean;
  /** The agent's microphone is off for this call. */
  muted: boolean;
  /** A consultation (咨询) with a department while the customer waits, or a three-way call. */
  consult: ConsultView | null;
}

/** The consult leg of a call: the number the agent called and where it stands. */
export interface ConsultView {
  callId: string;
  number: string;
  /** The directory's department and person for the number ('' when it is not in the directory). */
  name: string;
  since: number;
  phase: 'connecting' | 'talking';
  /** All three hear each other (the customer is not on hold). */
  conference: boolean;
}

/**
 * Busy (示忙) with its clock (DOMAIN.md rule 2). `level` turns to warning at `warnAt` and to
 * overLimit at `limitAt`; the over-limit event then goes to the supervisor, and
 * `supervisorNotified` says how far it got: `no` (not recorded yet), `pending` (recorded here,
 * not on the server yet), `reported` (the server holds the alert: 已上报主管), `acknowledged` (a
 * supervisor confirmed it: who and when in `acknowledgedBy`).
 */
export interface BusyView {
  reason: BusyReason;
  since: number;
  warnAt: number;
  limitAt: number;
  level: 'ok' | 'warning' | 'overLimit';
  supervisorNotified: 'no' | 'pending' | 'reported' | 'acknowledged';
  acknowledgedBy: { agentId: string; name: string; at: number } | null;
  /** A supervisor approved a longer absence (the limit moved to `until`): who, and their note. */
  approvedBy: { agentId: string; name: string; until: number; note: string } | null;
}

/** A call the agent has finished, with where its wrap-up stands. */
export interface RecentCall {
  callId: string;
  direction: 'inbound' | 'outbound';
  remoteNumber: string;
  remoteDisplayName: string;
  offeredAt: number;
  answeredAt: number | null;
  endedAt: number;
  ringsAtAnswer: number | null;
  /** none: no wrap-up yet; draft: started, not saved; pending: saved here, not yet on the server; synced: the server has it. */
  wrapUp: 'none' | 'draft' | 'pending' | 'synced';
  /** DOMAIN.md rule 4: the customer went to the survey, or the agent skipped it. */
  survey: 'transferred' | 'skipped' | null;
  /** The survey IVR's verdict once the server relayed it ('none': the customer hung up without rating). */
  surveyRating: SurveyRating | null;
  /** Where the call was transferred, if it was. */
  transferredTo: string | null;
}

/**
 * Why the agent's last session ended other than by logging out here (one live seat per 工号,
 * DOMAIN.md): the server's account of it (src/contract/live.ts), or `refused` when the server
 * refused the token without saying how (then `endedAt` is when the desk found out, by its estimate
 * of the server's clock). A call in progress at that moment goes on to its end on this desk, and
 * its wrap-up (within the policy's limit); the desk takes no other call, and shows the login
 * screen after them.
 */
export type SessionEnd = Omit<SessionEnded, 'reason'> & { reason: SessionEndReason | 'refused' };

export interface DeskSnapshot {
  /** Main's clock when this snapshot was made: the renderer's timers count from it. */
  at: number;
  agent: { agentId: string; name: string } | null;
  /** A login in progress (the form shows it as busy). */
  loggingIn: boolean;
  /**
   * Set once the server ended the session, until the next login: with `agent` still set while a
   * call in progress and its wrap-up finish, then on the login screen.
   */
  sessionEnd: SessionEnd | null;
  state: DeskState;
  stateSince: number;
  busyReason: BusyReason | null;
  registration: RegistrationState;
  registrationError: string | null;
  /** Whether the last exchange with the central server worked (null: none yet). */
  serverReachable: boolean | null;
  policy: Policy | null;
  dispositions: Disposition[];
  call: CallView | null;
  /** After-call work in progress; `deadline` from policy.wrapUpLimitMs. */
  wrapUp: { callId: string; startedAt: number; deadline: number } | null;
  /** Set while the agent is busy. */
  busy: BusyView | null;
  /** Records saved on this desk that the server has not acknowledged yet. */
  pendingSync: number;
  recentCalls: RecentCall[];
  /** Today's attendance as the server computed it (null: not known yet). */
  attendanceToday: AttendanceDay | null;
  /** The department directory, for transfers. */
  directory: DirectoryEntry[];
  /** The standard phrases (标准话术), in the server's order; the last ones seen while logged out. */
  phrases: Phrase[];
  /** The agent's escalation tickets (疑难反馈单): open ones first, newest first. */
  tickets: TicketView[];
  /**
   * The first-contact promises the agent owns (首问责任制): open ones by due time (the soonest
   * first), then the ones kept on the center's today, newest first.
   */
  promises: PromiseView[];
  /** Shift handovers not accepted yet: to this agent (or the next shift) to accept, and the agent's own, awaiting. */
  handovers: { incoming: HandoverView[]; outgoing: HandoverView[] };
  /** The center's other agents, for a handover to a named colleague (from the login). */
  colleagues: PromisePerson[];
}

/**
 * One of the agent's promises as the desk shows it. How near it is (later, soon, overdue) is
 * `promiseUrgency` of src/domain with the policy's reminder lead, at the renderer's now.
 */
export interface PromiseView {
  /** The wrap-up record's id. */
  id: string;
  callId: string;
  dueAt: number;
  customerName: string;
  customerContact: string;
  /** The number of the call it was made on. */
  remoteNumber: string;
  disposition: string;
  /** The summary's first line, cut short for a list row. */
  summary: string;
  status: 'open' | 'kept';
  /** When it was kept, and the note. */
  kept: { at: number; note: string } | null;
  /** Calls placed from it on this desk or another. */
  callbacks: number;
  /** Saved here, not yet on the server. */
  pendingSync: boolean;
  /** In a handover the agent gave that nobody has accepted yet: read-only until then. */
  handingOver: { handoverId: string; to: PromisePerson | 'nextShift' } | null;
  /** Made by a colleague and handed to this agent. */
  madeBy: PromisePerson;
}

/** A shift handover as the desk shows it. `pending` outgoing: saved here, not on the server yet. */
export interface HandoverView {
  id: string;
  from: PromisePerson;
  to: PromisePerson | 'nextShift';
  note: string;
  /** As the server described them; for one not on the server yet, as this desk knows them. */
  items: HandoverItem[];
  handedAt: number;
  status: 'pending' | 'sent' | 'accepted';
}

/**
 * One of the agent's escalation tickets as the desk shows it. `status` is `pending` while the
 * ticket is saved here but the server has not told its state yet; then the server's.
 */
export interface TicketView {
  id: string;
  callId: string | null;
  severity: TicketSeverity;
  /** The content's first line, cut short for a list row. */
  content: string;
  status: 'pending' | TicketStatus;
  assignee: TicketPerson | null;
  /** The supervisor's newest reply. */
  reply: { text: string; by: TicketPerson; at: number } | null;
  /** The desk's clock when the agent raised it. */
  raisedAt: number;
  /** The server's last change (its clock); null while pending. */
  updatedAt: number | null;
}

/** A transient message for the agent; `code` is an i18n key, `params` its values. */
export interface DeskNotice {
  level: 'info' | 'warning' | 'error';
  code: string;
  params?: Record<string, string | number>;
}

const callId = z.string().min(1).max(64);
const callRef = z.object({ callId });
/** A dialable number or extension: digits, *, # and a leading +. */
const dialString = z.string().regex(/^\+?[0-9*#]{2,32}$/, 'digits, * and # only');

export const saveWrapUpSchema = wrapUpPayloadSchema;
export type SaveWrapUp = z.infer<typeof saveWrapUpSchema>;

/**
 * An unfinished wrap-up form. The renderer saves it as the agent types, so a form cut short by the
 * wrap-up limit, a reload or a restart is never lost; it may lack a disposition and the resolved answer.
 */
export const wrapUpDraftSchema = wrapUpPayloadSchema.extend({
  disposition: z.string().max(32),
  resolved: z.boolean().nullable(),
});
export type WrapUpDraft = z.infer<typeof wrapUpDraftSchema>;

/**
 * An escalation ticket (疑难反馈单) as the agent raises it: what they supply. The call's time and
 * the customer's number are main's to fill in from the call it knows, not the renderer's to claim.
 */
export const raiseTicketSchema = ticketPayloadSchema.omit({ callAt: true, remoteNumber: true });
export type RaiseTicket = z.infer<typeof raiseTicketSchema>;

/** Marks a promise kept, saying how (the note is required). */
export const keepPromiseSchema = z.object({ promiseId: z.uuid(), note: z.string().trim().min(1).max(2_000) });
export type KeepPromise = z.infer<typeof keepPromiseSchema>;

/** A shift handover as the agent writes it (src/contract/handovers.ts). */
export const handOverSchema = handoverPayloadSchema;
export type HandOver = z.infer<typeof handOverSchema>;

/** Input schemas of every desk command; a command without a schema cannot be called. */
export const deskApiSchemas = {
  getSnapshot: z.null(),
  login: z.object({ agentId: agentIdSchema, password: z.string().min(1).max(256) }),
  logout: z.null(),
  setReady: z.null(),
  setBusy: z.object({ reason: busyReasonSchema }),
  answer: callRef,
  reject: callRef,
  hangup: callRef,
  saveWrapUp: saveWrapUpSchema,
  saveWrapUpDraft: wrapUpDraftSchema,
  getWrapUpDraft: callRef,
  getToday: z.null(),
  hold: z.object({ callId, held: z.boolean() }),
  mute: z.object({ callId, muted: z.boolean() }),
  sendDtmf: z.object({ callId, tones: z.string().regex(/^[0-9A-D#*]{1,32}$/i) }),
  transfer: z.object({ callId, target: dialString }),
  consult: z.object({ callId, target: dialString }),
  completeTransfer: callRef,
  conference: callRef,
  endConsult: callRef,
  endWithSurvey: callRef,
  endWithoutSurvey: z.object({ callId, reason: z.string().trim().min(1).max(200) }),
  /** `promiseId`: a callback from one of the agent's open promises, linked to it. */
  dial: z.object({ number: dialString, promiseId: z.uuid().optional() }),
  searchHistory: historyQuerySchema,
  raiseTicket: raiseTicketSchema,
  keepPromise: keepPromiseSchema,
  handOver: handOverSchema,
  acceptHandover: z.object({ handoverId: z.uuid() }),
} satisfies Record<keyof DeskApi, z.ZodType>;

export interface DeskApi {
  getSnapshot(params: null): Promise<DeskSnapshot>;
  /** Fails with a DeskError: `bad-credentials`, `server-unreachable`, `server-error`. */
  login(params: { agentId: string; password: string }): Promise<void>;
  logout(params: null): Promise<void>;
  setReady(params: null): Promise<void>;
  setBusy(params: { reason: BusyReason }): Promise<void>;
  answer(params: { callId: string }): Promise<void>;
  reject(params: { callId: string }): Promise<void>;
  hangup(params: { callId: string }): Promise<void>;
  /** Resolves only once the wrap-up is committed on this desk (and queued for the server). */
  saveWrapUp(params: SaveWrapUp): Promise<{ pendingSync: number }>;
  /** Resolves once the draft is committed on this desk. Refused for a call already wrapped up. */
  saveWrapUpDraft(params: WrapUpDraft): Promise<void>;
  /** The draft of a call, or null when there is none (or it was saved). */
  getWrapUpDraft(params: { callId: string }): Promise<WrapUpDraft | null>;
  /** The agent's "today" (src/contract/today.ts), from the records this desk made. */
  getToday(params: null): Promise<TodayFigures>;
  /** Hold: the customer hears nothing from the agent until resumed (re-INVITE). */
  hold(params: { callId: string; held: boolean }): Promise<void>;
  /** The agent's microphone off or on for the customer; no renegotiation. */
  mute(params: { callId: string; muted: boolean }): Promise<void>;
  /** DTMF to the other side (RFC 4733 in the media, SIP INFO when the media cannot). */
  sendDtmf(params: { callId: string; tones: string }): Promise<void>;
  /** Blind transfer (REFER) to a directory extension or a typed number. */
  transfer(params: { callId: string; target: string }): Promise<void>;
  /**
   * Consult (attended) transfer, step 1: the customer goes on hold and the desk calls `target`.
   * Resolves once the call to the department is placed; its progress shows in `call.consult`.
   */
  consult(params: { callId: string; target: string }): Promise<{ consultCallId: string }>;
  /**
   * Hands the customer to the consulted department (REFER with Replaces) and leaves both calls.
   * Resolves once the department has the customer; refused by them, everything stays as it was.
   */
  completeTransfer(params: { callId: string }): Promise<void>;
  /** Three-way call: the customer comes off hold and all three hear each other. */
  conference(params: { callId: string }): Promise<void>;
  /** Hangs up the department and returns to the customer (taken off hold). */
  endConsult(params: { callId: string }): Promise<void>;
  /** DOMAIN.md rule 4: end the call by transferring the caller to the survey IVR. */
  endWithSurvey(params: { callId: string }): Promise<void>;
  /** End the call without the survey; the reason is recorded with the call. */
  endWithoutSurvey(params: { callId: string; reason: string }): Promise<void>;
  /** An outbound call (callback, 回访); it gets a wrap-up like an inbound one. */
  dial(params: { number: string; promiseId?: string }): Promise<{ callId: string }>;
  /**
   * A page of the agent's call history (src/contract/history.ts): this desk's calls merged with the
   * server's copy, so calls taken on another seat are found too. Resolves with this desk's calls alone
   * (`server: 'unavailable'`) when the server does not answer in time.
   */
  searchHistory(params: HistoryQuery): Promise<DeskHistoryPage>;
  /**
   * Raises an escalation ticket (疑难反馈单) to the supervisors, about one of the agent's calls (the
   * one in progress too: it never touches the call's state) or none. Resolves only once the ticket
   * is committed on this desk with its outbox row; the server's state then shows in
   * `DeskSnapshot.tickets`. Fails with `invalid-ticket` (e.g. content over 20,000 characters) or
   * `unknown-call`.
   */
  raiseTicket(params: RaiseTicket): Promise<{ ticketId: string }>;
  /**
   * Marks one of the agent's open promises kept, with a note. Resolves only once the step is
   * committed on this desk with its outbox row. Fails with `unknown-promise` (not the agent's, or
   * in a handover awaiting acceptance) or `promise-kept`.
   */
  keepPromise(params: KeepPromise): Promise<void>;
  /**
   * Hands open promises and tickets to a colleague or the next shift (交接班). Resolves only once the
   * handover is committed on this desk with its outbox row; the items are read-only here until the
   * receiver accepts. Fails with `unknown-colleague`, `unknown-item` or `item-in-handover`.
   */
  handOver(params: HandOver): Promise<{ handoverId: string }>;
  /**
   * Accepts a handover to this agent or the next shift: asks the server, which gives the agent its
   * open items. Fails with `server-unreachable`, `handover-accepted` (someone else was first,
   * `params.by`), `not-addressee` or `unknown-handover`.
   */
  acceptHandover(params: { handoverId: string }): Promise<void>;
}

export const DESK_SERVICE = 'desk';
/** Event topics main pushes to the renderer. */
export const DESK_EVENTS = { snapshot: 'desk.snapshot', notice: 'desk.notice' } as const;
