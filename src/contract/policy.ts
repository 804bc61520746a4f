import * as z from 'zod';

/**
 * Why an agent is not ready. `missed` is set by the desk itself after an unanswered offer, `away`
 * (离席) by a supervisor for a seat left ready; neither can be chosen by the agent.
 */
export const busyReasonSchema = z.enum(['break', 'restroom', 'meeting', 'training', 'meal', 'missed', 'away', 'other']);
export type BusyReason = z.infer<typeof busyReasonSchema>;

/** What the desk does when an offer reaches its last ring unanswered (DOMAIN.md rule 1). */
export const ringTimeoutActionSchema = z.enum(['reject-and-pause', 'keep-ringing', 'auto-answer']);
export type RingTimeoutAction = z.infer<typeof ringTimeoutActionSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/**
 * The call-center policy set, delivered by the central server at login and cached by the desk.
 * Every duration of DOMAIN.md lives here; nothing is hard-coded in the UI. Durations are in ms.
 */
export const policySchema = z.object({
  companyName: z.string().min(1).max(100),
  /** One ring cycle: `ringToneMs` of tone, then silence up to `ringCycleMs`. */
  ringCycleMs: z.number().int().min(200).max(60_000),
  ringToneMs: z.number().int().min(50).max(60_000),
  maxRings: z.number().int().min(1).max(20),
  onRingTimeout: ringTimeoutActionSchema,
  busyReasons: z.array(busyReasonSchema).min(1),
  busyWarnAtMs: z.number().int().min(0),
  busyLimitMs: z.number().int().min(1),
  /**
   * The busy time a center allows an agent in a day, all busy periods together (reasons the desk
   * sets itself, missed, count too): the agent's "today" shows what is used of it. 0: no allowance shown.
   */
  busyAllowancePerDayMs: z.number().int().min(0).default(60 * 60_000),
  wrapUpLimitMs: z.number().int().min(1),
  /**
   * First-contact promises (src/contract/promises.ts): the owner is reminded this long before the
   * promised reply time, and again when it is due. 0: only when it is due.
   */
  promiseRemindBeforeMs: z.number().int().min(0).max(7 * 24 * 60 * 60_000).default(15 * 60_000),
  shift: z.object({
    loginBy: clockTime,
    lateAfter: clockTime,
    logoutFrom: clockTime,
    absentBeyondMs: z.number().int().min(0),
    /** The center's offset from UTC, in minutes (China: +480, no DST); shift times are local. */
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
    /** A month with more late arrivals than this is flagged (seed 001: more than 3). */
    lateArrivalsAllowedPerMonth: z.number().int().min(0).default(3),
    /** A month with more early leaves than this is flagged (seed 001: more than 2). */
    earlyLeavesAllowedPerMonth: z.number().int().min(0).default(2),
  }),
  surveyExtension: z.string().max(32),
  /** How keypad digits travel: in the media (RFC 4733), or as SIP INFO for PBXs that want that. */
  dtmfMode: z.enum(['rfc4733', 'info']).default('rfc4733'),
  /**
   * SIP keepalive on the PBX connection (RFC 5626 double-CRLF ping, single-CRLF pong): how often;
   * a silently dead connection (NAT or Wi-Fi drop, no FIN) is found within this plus 10 s. 0: off.
   */
  sipKeepAliveMs: z.number().int().min(0).max(600_000).default(25_000),
  /**
   * Days the desk keeps a finished call (with its wrap-up and survey result) after it ended, once
   * the server has acknowledged its records (DOMAIN.md rule 8: customer data does not linger on a
   * seat's machine). A call not yet on the server is never purged.
   */
  callRetentionDays: z.number().int().min(1).max(3_650).default(90),
  /** When the server raises the alerts of the supervisor board (src/contract/alerts.ts). */
  alerts: z
    .object({
      /** This many missed offers of one agent within the window is an alert of its own. */
      repeatedMisses: z.number().int().min(2).max(100),
      repeatedMissesWindowMs: z.number().int().min(60_000),
      /** A desk ready or busy whose live connection stays lost this long. */
      deskUnreachableAfterMs: z.number().int().min(1_000),
      /** This many failed logins of one 工号, or from one address, within the window. */
      loginFailures: z.number().int().min(2).max(1_000),
      loginFailuresWindowMs: z.number().int().min(60_000),
    })
    .default({ repeatedMisses: 3, repeatedMissesWindowMs: 30 * 60_000, deskUnreachableAfterMs: 60_000, loginFailures: 5, loginFailuresWindowMs: 10 * 60_000 }),
});
export type Policy = z.infer<typeof policySchema>;

/** DOMAIN.md's defaults: 3 rings of 5 s, busy warned at 12 min and over-limit at 15, 60 s wrap-up. */
export const defaultPolicy: Policy = {
  companyName: 'SeatDesk',
  ringCycleMs: 5_000,
  ringToneMs: 1_000,
  maxRings: 3,
  onRingTimeout: 'reject-and-pause',
  busyReasons: ['break', 'restroom', 'meeting', 'training', 'meal', 'other'],
  busyWarnAtMs: 12 * 60_000,
  busyLimitMs: 15 * 60_000,
  busyAllowancePerDayMs: 60 * 60_000,
  wrapUpLimitMs: 60_000,
  promiseRemindBeforeMs: 15 * 60_000,
  sipKeepAliveMs: 25_000,
  callRetentionDays: 90,
  shift: {
    loginBy: '08:25',
    lateAfter: '08:30',
    logoutFrom: '17:35',
    absentBeyondMs: 60 * 60_000,
    utcOffsetMinutes: 480,
    lateArrivalsAllowedPerMonth: 3,
    earlyLeavesAllowedPerMonth: 2,
  },
  surveyExtension: '9999',
  dtmfMode: 'rfc4733',
  alerts: { repeatedMisses: 3, repeatedMissesWindowMs: 30 * 60_000, deskUnreachableAfterMs: 60_000, loginFailures: 5, loginFailuresWindowMs: 10 * 60_000 },
};

/** A wrap-up category the server offers (咨询, 查询, 投诉, …), with labels in both UI languages. */
export const dispositionSchema = z.object({
  code: z.string().min(1).max(32),
  label: z.object({ 'zh-CN': z.string().min(1).max(64), en: z.string().min(1).max(64) }),
});
export type Disposition = z.infer<typeof dispositionSchema>;
