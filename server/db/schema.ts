import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AlertKind, AttendancePayload, CalendarEntryKind, PhraseCategory, SupervisorActionRequest, LoginFailureReason, SessionEndReason, SurveyRating, SyncRecordKind, TicketEvent, TicketSeverity, TicketStatus, PromiseEvent, PromiseStatus, HandoverStatus, HandoverItem } from '../../src/contract';

/**
 * The server's tables as Kysely sees them. Times are ms since the epoch in `bigint` columns; both
 * drivers are configured to return them as numbers (see connect-database.ts).
 */
export interface Database {
  agents: AgentsTable;
  sessions: SessionsTable;
  records: RecordsTable;
  wrap_ups: WrapUpsTable;
  attendance: AttendanceTable;
  dispositions: DispositionsTable;
  directory: DirectoryTable;
  survey_results: SurveyResultsTable;
  login_failures: LoginFailuresTable;
  alerts: AlertsTable;
  supervisor_actions: SupervisorActionsTable;
  calendar_entries: CalendarEntriesTable;
  phrases: PhrasesTable;
  phrase_book: PhraseBookTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  promises: PromisesTable;
  promise_events: PromiseEventsTable;
  promise_owners: PromiseOwnersTable;
  handovers: HandoversTable;
  handover_items: HandoverItemsTable;
}

export type AgentRole = 'agent' | 'supervisor';
/** A desk (a seat, one live per 工号, counted for attendance) or a supervisor's board. */
export type SessionKind = 'desk' | 'board';

export interface AgentsTable {
  /** 工号. */
  agent_id: string;
  name: string;
  /** Self-describing scrypt hash, see passwords.ts. */
  password_hash: string;
  role: AgentRole;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a leaked database does not leak live sessions. */
  token_hash: string;
  agent_id: string;
  kind: ColumnType<SessionKind, SessionKind | undefined, SessionKind>;
  device_id: string;
  /** The client's address at login; null for sessions from before it was recorded. */
  address: string | null;
  created_at: number;
  /** The desk's last authenticated request or answered live ping: the idle limit counts from here. */
  last_seen_at: number;
  ended_at: number | null;
  end_reason: SessionEndReason | null;
  /** For `replaced`: the device of the login that replaced it. */
  ended_by_device_id: string | null;
  /** For `admin`: the supervisor who ended it. */
  ended_by_agent_id: string | null;
}

export interface RecordsTable {
  id: string;
  agent_id: string;
  kind: SyncRecordKind;
  occurred_at: number;
  received_at: number;
  /** Written as a JSON string, read back as the parsed object. */
  payload: ColumnType<unknown, string, string>;
}

export interface WrapUpsTable {
  /** The id of the `records` row this wrap-up was extracted from. */
  id: string;
  call_id: string;
  agent_id: string;
  disposition: string;
  summary: string;
  customer_name: string;
  customer_contact: string;
  resolved: boolean;
  promised_reply_at: number | null;
  occurred_at: number;
  received_at: number;
}

/** Logins and logouts as desks reported them (`attendance` records), for audit; reports use `sessions`. */
export interface AttendanceTable {
  /** The id of the `records` row this event was extracted from. */
  id: string;
  agent_id: string;
  event: AttendancePayload['event'];
  desk_time: number;
  /** The server time the desk claims; never what attendance is judged by. */
  server_time: number;
  server_time_source: AttendancePayload['serverTimeSource'];
  received_at: number;
}

export interface DispositionsTable {
  code: string;
  label_zh: string;
  label_en: string;
  sort_order: number;
}

/** The department directory (公司各部门通讯录): where an agent can transfer a call. */
export interface DirectoryTable {
  extension: string;
  department: string;
  /** A person or desk within the department; '' when the extension is the department's own. */
  name: ColumnType<string, string | undefined, string>;
}

/** What the survey IVR reported (src/contract/survey.ts), one row per IVR-made id. */
export interface SurveyResultsTable {
  id: string;
  call_id: string;
  agent_id: string;
  rating: SurveyRating;
  customer_number: string;
  /** By the IVR's clock. */
  rated_at: number;
  /** By the server's clock: the order desks catch up in. */
  received_at: number;
}

/** A failed login (src/contract/sessions.ts); never the password. */
export interface LoginFailuresTable {
  id: Generated<string>;
  /** The 工号 that was tried; it may not exist. */
  agent_id: string;
  address: string;
  device_id: string;
  /** By the server's clock. */
  attempted_at: number;
  reason: LoginFailureReason;
}

/** An alert of the supervisor board (src/contract/alerts.ts). */
export interface AlertsTable {
  id: string;
  agent_id: string | null;
  kind: AlertKind;
  occurred_at: number;
  raised_at: number;
  /** Written as a JSON string, read back as the parsed object. */
  details: ColumnType<unknown, string, string>;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

/** A supervisor's action on a seat (src/contract/actions.ts). */
export interface SupervisorActionsTable {
  id: string;
  agent_id: string;
  by_agent_id: string;
  kind: SupervisorActionRequest['kind'];
  /** The request as the supervisor made it; written as a JSON string, read back parsed. */
  action: ColumnType<unknown, string, string>;
  created_at: number;
  outcome: 'applied' | 'refused' | null;
  outcome_reason: string | null;
  outcome_at: number | null;
}

/** One date of the center's working-day calendar (src/contract/calendar.ts). */
export interface CalendarEntriesTable {
  /** `YYYY-MM-DD`. */
  date: string;
  kind: CalendarEntryKind;
  /** e.g. 国庆节, 国庆调休上班; '' when none was given. */
  name: ColumnType<string, string | undefined, string>;
  /** The supervisor who set it last. */
  set_by: string;
  set_at: number;
}

/** One standard phrase (src/contract/phrases.ts). */
export interface PhrasesTable {
  id: string;
  category: PhraseCategory;
  /** Set exactly for `disposition` phrases. */
  disposition_code: string | null;
  title: string;
  text: string;
  sort_order: number;
  /** The supervisor who last changed its wording, and when; both null as seeded. */
  edited_by: string | null;
  edited_at: number | null;
}

/** One row: the phrase book's revision, raised by every change. */
export interface PhraseBookTable {
  id: ColumnType<boolean, never, never>;
  revision: number;
}

/** An escalation ticket's current state (src/contract/tickets.ts); its id is its `ticket` record's. */
export interface TicketsTable {
  id: string;
  agent_id: string;
  /** Who owns it now: `agent_id` until a shift handover of it is accepted. */
  owner_id: string;
  call_id: string | null;
  severity: TicketSeverity;
  content: string;
  customer_name: string;
  customer_contact: string;
  call_at: number | null;
  remote_number: string;
  promised_reply_at: number | null;
  /** The desk's clock when raised. */
  raised_at: number;
  received_at: number;
  status: TicketStatus;
  assignee_id: string | null;
  /** The newest reply: all three set or none. */
  reply_text: string | null;
  reply_by: string | null;
  reply_at: number | null;
  updated_at: number;
}

/** One step of a ticket's history, `seq` counting from 1 (`raised`). */
export interface TicketEventsTable {
  ticket_id: string;
  seq: number;
  kind: TicketEvent['kind'];
  at: number;
  by_agent_id: string;
  text: ColumnType<string, string | undefined, string>;
  /** Set exactly for `assigned`. */
  assignee_id: string | null;
}

/** A first-contact promise's current state (src/contract/promises.ts); its id is its wrap-up record's. */
export interface PromisesTable {
  id: string;
  call_id: string;
  made_by: string;
  owner_id: string;
  due_at: number;
  /** The desk's clock when the wrap-up was saved. */
  made_at: number;
  disposition: string;
  /** Cut to 2,000 characters. */
  summary: string;
  customer_name: string;
  customer_contact: string;
  remote_number: string;
  status: PromiseStatus;
  /** All three set exactly when kept. */
  kept_at: number | null;
  kept_by: string | null;
  kept_note: string | null;
  pending_handover_id: string | null;
  received_at: number;
  updated_at: number;
}

/** One step of a promise's history, `seq` counting from 1 (`made`). */
export interface PromiseEventsTable {
  promise_id: string;
  seq: number;
  kind: PromiseEvent['kind'];
  at: number;
  by_agent_id: string;
  text: ColumnType<string, string | undefined, string>;
  /** Set exactly for `calledBack`. */
  call_id: string | null;
}

/** Everyone who owned a promise: its maker, then each receiver of a handover of it. */
export interface PromiseOwnersTable {
  agent_id: string;
  promise_id: string;
}

/** A shift handover (src/contract/handovers.ts); its id is its `handover` record's. */
export interface HandoversTable {
  id: string;
  from_id: string;
  to_kind: 'agent' | 'nextShift';
  /** Set exactly for `agent`; perhaps a 工号 the server does not know. */
  to_agent_id: string | null;
  note: string;
  /** The desk's clock. */
  handed_at: number;
  received_at: number;
  status: HandoverStatus;
  accepted_by: string | null;
  accepted_at: number | null;
  updated_at: number;
}

/** One item of a handover, in the giver's order, described as it was when the server stored it. */
export interface HandoverItemsTable {
  handover_id: string;
  position: number;
  kind: HandoverItem['kind'];
  item_id: string;
  note: string;
  title: string;
  due_at: number | null;
  remote_number: string;
  /** The giver owned the item when the server stored the handover: only then can it move. */
  valid: boolean;
  /** What the accept did: moved to the receiver, or stayed (finished, or no longer the giver's). */
  outcome: 'moved' | 'stayed' | null;
}

export type PromiseRow = Selectable<PromisesTable>;
export type PromiseEventRow = Selectable<PromiseEventsTable>;
export type HandoverRow = Selectable<HandoversTable>;
export type HandoverItemRow = Selectable<HandoverItemsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type AgentRow = Selectable<AgentsTable>;
export type NewAgentRow = Insertable<AgentsTable>;
export type WrapUpRow = Selectable<WrapUpsTable>;
export type SurveyResultRow = Selectable<SurveyResultsTable>;
export type LoginFailureRow = Selectable<LoginFailuresTable>;
export type SessionRow = Selectable<SessionsTable>;
