import type { ActionOutcomeRequest, SupervisorAction } from '../../src/contract/actions';
import type { Alert } from '../../src/contract/alerts';
import type { BusyView, DeskApi, DeskNotice, DeskSnapshot, HandOver, KeepPromise, RaiseTicket, SaveWrapUp, SessionEnd, WrapUpDraft } from '../../src/contract/desk';
import type { Handover, HandoverAcceptResponse, HandoverItem } from '../../src/contract/handovers';
import type { PromisePerson, PromiseRecord } from '../../src/contract/promises';
import type { DeskHistoryPage, HistoryQuery } from '../../src/contract/history';
import type { SessionEnded } from '../../src/contract/live';
import type { PhraseBook } from '../../src/contract/phrases';
import type { TodayFigures } from '../../src/contract/today';
import type { BusyReason, Policy } from '../../src/contract/policy';
import { SURVEY_CALL_PARAM, type ServerSurveyResult } from '../../src/contract/survey';
import type { AttendanceDay, LoginResponse, SipProvision } from '../../src/contract/sync';
import { ticketOwnerId, type Ticket } from '../../src/contract/tickets';
import {
  catchUp,
  currentCallId,
  dayOf,
  wallTimeLabel,
  nextWakeUpAt,
  offlineSince,
  transition,
  type AgentEvent,
  type AgentStatus,
  type Clock,
  type ClockTimer,
  type Effect,
} from '../../src/domain';
import { v7 as uuidv7 } from 'uuid';
import { DeskError } from '../../src/rpc';
import { StoreError } from '../store/store-error';
import type { CallEnd, IncomingCall, SoftphoneEvents } from '../phone/softphone';
import type { DeskRecords } from './desk-records';
import type { HistorySearch } from './history-search';
import { buildSnapshot } from './desk-snapshot';
import { OfferedCalls } from './offered-calls';
import { SipCredentialRenewal } from './sip-credential-renewal';
import { ticketChangeNotice } from './ticket-notice';
import { ticketViews } from './ticket-views';
import { PromiseReminders, type PromiseReminder } from './promise-reminders';
import { handoverView, promiseItem, promiseViews, ticketItem } from './promise-views';

/** The phone as the desk drives it; the real one is Softphone, created per login. */
export interface Phone {
  start(): Promise<void>;
  /** Leaves the PBX for good (the session ended) and keeps a call in progress. */
  unregister(): Promise<void>;
  stop(): Promise<void>;
  ring(callId: string): Promise<void>;
  answer(callId: string): Promise<void>;
  reject(callId: string, statusCode: number): Promise<void>;
  hangup(callId: string): Promise<void>;
  hold(callId: string, held: boolean): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
  sendDtmf(callId: string, tones: string, mode: 'rfc4733' | 'info'): Promise<'rfc4733' | 'info'>;
  transfer(callId: string, target: string, uriParams?: Record<string, string>): Promise<void>;
  completeTransfer(callId: string, consultCallId: string): Promise<void>;
  conference(callIds: string[]): Promise<void>;
  dial(callId: string, target: string): void;
  renewCredentials(sip: SipProvision): Promise<void>;
}

export interface DeskDependencies {
  clock: Clock;
  records: DeskRecords;
  /** Checks 工号 + password with the central server; throws a DeskError with a stable code. */
  login(agentId: string, password: string): Promise<LoginResponse>;
  logout(token: string): Promise<{ serverTime: number }>;
  /** Fresh SIP credentials for the session; throws a CentralError when it cannot have them. */
  renewSip(token: string): Promise<SipProvision>;
  /**
   * Whether a failure of a request to the server says the session ended: how (the server's
   * account), `refused` when the server refused the token without saying how; null otherwise.
   */
  sessionEndOf(error: unknown): SessionEnded | 'refused' | null;
  /** Tells the server how the desk took a supervisor's action (src/contract/actions.ts). */
  reportActionOutcome(token: string, agentId: string, actionId: string, outcome: ActionOutcomeRequest): Promise<void>;
  /** Today's attendance as the server computed it; null when it cannot be had now. */
  attendanceToday(token: string, agentId: string): Promise<AttendanceDay | null>;
  /** Builds the SIP user agent for a login; the desk listens through `events`. */
  createPhone(login: LoginResponse, events: SoftphoneEvents): Phone;
  /** The outbox pump for the logged-in agent: `kick` after every enqueue, `drain` before logout. */
  sync: { start(token: string, agentId: string): void; stop(): Promise<void>; kick(): void; drain(timeoutMs: number): Promise<boolean> };
  onSnapshot(snapshot: DeskSnapshot): void;
  onNotice(notice: DeskNotice): void;
  /** An offer is presented to the agent (the rules' ring, not every INVITE): the shell may notify the OS. */
  onRing?(call: { callId: string; remoteNumber: string; remoteDisplayName: string }): void;
  /**
   * A first-contact promise is soon due or due (DOMAIN.md rule 3): the shell may notify the OS
   * (the agent also gets a `promise-soon` / `promise-due` notice).
   */
  onPromiseReminder?(reminder: PromiseReminder & { dueLabel: string }): void;
  /**
   * Accepts a handover on the server (src/contract/handovers.ts). Throws a DeskError with the
   * contract's code (`server-unreachable`, `handover-accepted` with `params.by`, `not-addressee`,
   * `unknown-handover`), or the failure itself when it says the session ended (sessionEndOf).
   */
  acceptHandover?(token: string, handoverId: string): Promise<HandoverAcceptResponse>;
  /** A window asked for the desk's state for the first time: the login screen (or the desk) is up. */
  onShown?(): void;
  /** Something failed that the desk went on without (a record, a timer, a phone report): for the log. */
  reportFault(where: string, error: unknown): void;
  /** The agent's call history: this desk's store merged with the server's copy. */
  history: HistorySearch;
}

/** What the outbox pump reports (OutboxPumpState). */
interface SyncStatus {
  pendingCount: number;
  serverReachable: boolean | null;
  needsLogin: boolean;
  sessionEnded?: SessionEnded | null;
}

interface Session {
  login: LoginResponse;
  phone: Phone;
  renewal: SipCredentialRenewal;
  /** Server clock minus desk clock at login: estimates server time when the server is away. */
  clockOffset: number;
  /** The server ended it: the desk finishes a call in progress (and its wrap-up), then closes it. */
  ended: SessionEnd | null;
  closed: boolean;
  /** The standard phrases: from the login, then each newer revision the server pushes. */
  phrases: PhraseBook;
  /** The session's traffic with the server, waiting for the phone's first REGISTER to be answered. */
  afterPhone: { start: () => void; timer: ClockTimer } | null;
}

/**
 * The longest the session's server traffic waits for the phone's registration: a PBX that does
 * not answer must not keep the records, the live channel and attendance waiting.
 */
const PHONE_FIRST_MAX_MS = 1_000;

/** How long a logout waits for the outbox to reach the server before it goes anyway. */
const LOGOUT_DRAIN_MS = 3_000;

/**
 * The desk's brain in the main process. The call-center rules are the pure state machine of
 * src/domain; the desk feeds it events (the agent's commands, the phone's reports, its own
 * wake-ups from the clock), carries out the effects it returns (SIP answers, records, notices),
 * and pushes a fresh DeskSnapshot whenever anything changes.
 */
export class Desk implements DeskApi {
  private session: Session | undefined;
  private loggingIn = false;
  private shown = false;
  private status: AgentStatus;
  private registration: DeskSnapshot['registration'] = 'unregistered';
  private registrationError: string | null = null;
  private serverReachable: boolean | null = null;
  /** Why the last session ended, for the login screen until the next login. */
  private lastSessionEnd: SessionEnd | null = null;
  /**
   * What an ended session still has to stop: its sync (the pump is shared, so a new login waits
   * for it) and its phone (a phone of its own per login: only the desk's shutdown waits for it).
   */
  private syncStopped: Promise<void> = Promise.resolve();
  private phoneStopped: Promise<void> = Promise.resolve();
  private pendingSync = 0;
  private attendanceToday: AttendanceDay | null = null;
  private readonly calls = new OfferedCalls();
  /** The over-limit record of the current busy period, to show whether the supervisor has it. */
  private overLimitRecordId: string | null = null;
  /** A supervisor's acknowledgement of that record's alert (the alert's id is the record's). */
  private overLimitAck: Alert['acknowledged'] = null;
  /** The supervisor's approval the current busy period runs on, for the busy clock to say whose. */
  private approval: BusyView['approvedBy'] = null;
  /** How each supervisor action was taken, so one delivered twice (live, then a catch-up) is applied once. */
  private readonly actionOutcomes = new Map<string, ActionOutcomeRequest>();
  private wakeUp: ClockTimer | undefined;
  private snapshotQueued = false;
  /** Something changed since the last push. */
  private snapshotDirty = false;
  /** The reminders of the agent's open promises: armed at login, re-armed when they change, stopped at logout. */
  private readonly reminders: PromiseReminders;

  constructor(private readonly deps: DeskDependencies) {
    this.status = offlineSince(deps.clock.now());
    this.reminders = new PromiseReminders({
      clock: deps.clock,
      promises: () => {
        const agentId = this.session?.login.agent.agentId;
        if (!agentId) return [];
        return deps.records.openPromises(agentId).map((promise) => ({
          id: promise.id,
          dueAt: promise.dueAt,
          reminded: promise.reminded,
          customer: promise.customerName || promise.customerContact,
          number: promise.remoteNumber,
        }));
      },
      leadMs: () => this.session?.login.policy.promiseRemindBeforeMs ?? 0,
      persist: (given) => deps.records.markReminded(given),
      remind: (reminder) => this.remindOfPromise(reminder),
      reportFault: (where, error) => deps.reportFault(where, error),
    });
  }

  // ---- commands (validated by the RPC layer before they get here) ----

  async getSnapshot(): Promise<DeskSnapshot> {
    if (!this.shown) {
      this.shown = true;
      this.guard('desk shown', () => this.deps.onShown?.());
    }
    return this.snapshot();
  }

  async login({ agentId, password }: { agentId: string; password: string }): Promise<void> {
    if (this.session) throw new DeskError('already-logged-in', 'already logged in');
    if (this.loggingIn) throw new DeskError('login-in-progress', 'a login is already in progress');
    this.loggingIn = true;
    this.changed();
    try {
      await this.syncStopped;
      const sentAt = this.deps.clock.now();
      const login = await this.deps.login(agentId, password);
      const now = this.deps.clock.now();
      this.serverReachable = true;
      const phone = this.deps.createPhone(login, this.phoneEvents());
      const session: Session = {
        login,
        phone,
        renewal: new SipCredentialRenewal({
          clock: this.deps.clock,
          expiresAt: login.sip.expiresAt,
          fetch: () => this.deps.renewSip(login.token),
          apply: (sip) => phone.renewCredentials(sip),
          isFinal: (error) => this.deps.sessionEndOf(error) !== null,
          onFinal: (error) => this.guard('session ended', () => this.endSession(session, this.deps.sessionEndOf(error) ?? 'refused')),
        }),
        // The server stamped its time somewhere between sending and receiving.
        clockOffset: login.serverTime - Math.round((sentAt + now) / 2),
        ended: null,
        closed: false,
        phrases: login.phrases ?? this.deps.records.cachedPhrases() ?? { revision: 0, phrases: [] },
        afterPhone: null,
      };
      this.session = session;
      this.lastSessionEnd = null;
      // Connecting first: the socket opens while the rest of this turn writes the login down. The
      // phone reports nothing before this turn ends, so the desk is logged in by its first report.
      void session.phone.start();
      this.guard('remember login', () => this.deps.records.rememberLogin(login));
      if (login.phrases) this.guard('remember phrases', () => this.deps.records.rememberPhrases(session.phrases));
      this.saveRecord('record attendance', () =>
        this.deps.records.recordAttendance(login.agent.agentId, {
          event: 'login',
          deskTime: now,
          serverTime: login.serverTime,
          serverTimeSource: 'confirmed',
        }),
      );
      // The phone first: the outbox, the live channel (and its catch-up) and the attendance
      // request wait until the PBX answered the REGISTER, so their requests, and the code they run
      // for the first time, do not stand between the 401 challenge and the second REGISTER.
      session.afterPhone = {
        start: () => {
          this.deps.sync.start(login.token, login.agent.agentId);
          void this.refreshAttendance();
        },
        timer: this.deps.clock.setTimeout(() => this.settleAfterPhone(session, true), PHONE_FIRST_MAX_MS),
      };
      this.dispatch({ type: 'login' });
      // Overdue promises not reminded yet get their due reminder now (not also the soon one).
      this.reminders.start();
      session.renewal.start();
    } catch (error) {
      if (error instanceof DeskError && error.code === 'server-unreachable') this.serverReachable = false;
      throw error;
    } finally {
      this.loggingIn = false;
      this.changed();
    }
  }

  /**
   * What the server probe found while nobody is logged in (the login screen shows it). Once a
   * session runs, the desk's own requests say whether the server is reachable.
   */
  serverProbed(reachable: boolean): void {
    if (!this.wantsServerProbe || this.serverReachable === reachable) return;
    this.serverReachable = reachable;
    this.changed();
  }

  /** Whether the server probe should ask: only while nobody is logged in. */
  get wantsServerProbe(): boolean {
    return !this.session && !this.loggingIn;
  }

  async logout(): Promise<void> {
    const session = this.requireSession();
    // Its records go out below: the sync runs, whether or not the phone got through.
    this.settleAfterPhone(session, true);
    this.dispatch({ type: 'logout' });
    this.reminders.stop();
    // A session the server ended closed with that dispatch (closeIfEnded): no server session is left to end.
    if (session.ended) return;
    // Delivered below, with the day's other records, while the session token still works;
    // offline, they wait in the outbox for the next login.
    this.recordLogout(session);
    await this.deps.sync.drain(LOGOUT_DRAIN_MS);
    this.session = undefined;
    session.renewal.stop();
    this.attendanceToday = null;
    await this.deps.sync.stop();
    await session.phone.stop();
    await this.deps.logout(session.login.token).catch(() => {});
    this.changed();
  }

  async setReady(): Promise<void> {
    this.requireSession();
    this.dispatch({ type: 'setReady' });
  }

  async setBusy({ reason }: { reason: BusyReason }): Promise<void> {
    this.requireSession();
    this.dispatch({ type: 'setBusy', reason });
  }

  async answer({ callId }: { callId: string }): Promise<void> {
    this.requireSession();
    this.dispatch({ type: 'answer', callId });
  }

  async reject({ callId }: { callId: string }): Promise<void> {
    this.requireSession();
    this.dispatch({ type: 'reject', callId });
  }

  async hangup({ callId }: { callId: string }): Promise<void> {
    this.requireSession();
    this.dispatch({ type: 'hangup', callId });
  }

  async saveWrapUp(wrapUp: SaveWrapUp): Promise<{ pendingSync: number }> {
    const agentId = this.agentId();
    if (!this.deps.records.hasCall(agentId, wrapUp.callId)) throw new DeskError('unknown-call', 'no such call of yours');
    if (!wrapUp.resolved && wrapUp.promisedReplyAt === null) {
      throw new DeskError('promise-required', 'an unresolved call needs a promised reply time');
    }
    // Committed (with its outbox row, and the promise it makes) before we answer: what the UI calls saved is durable.
    this.deps.records.saveWrapUp(agentId, wrapUp, this.deps.clock.now(), this.requireSession().login.agent.name);
    this.deps.sync.kick();
    this.reminders.arm();
    if (this.status.state === 'wrapUp' && this.status.callId === wrapUp.callId) this.dispatch({ type: 'wrapUpSaved', callId: wrapUp.callId });
    this.refreshPending();
    return { pendingSync: this.pendingSync };
  }

  async saveWrapUpDraft(draft: WrapUpDraft): Promise<void> {
    const agentId = this.agentId();
    if (!this.deps.records.hasCall(agentId, draft.callId)) throw new DeskError('unknown-call', 'no such call of yours');
    this.deps.records.saveDraft(agentId, draft, this.deps.clock.now());
    this.changed();
  }

  async getWrapUpDraft({ callId }: { callId: string }): Promise<WrapUpDraft | null> {
    return this.deps.records.draft(this.agentId(), callId);
  }

  async getToday(): Promise<TodayFigures> {
    const { login } = this.requireSession();
    return this.deps.records.today(login.agent.agentId, login.policy, this.deps.clock.now());
  }

  async hold({ callId, held }: { callId: string; held: boolean }): Promise<void> {
    const phone = this.requireSession().phone;
    this.dispatch({ type: held ? 'hold' : 'unhold', callId });
    try {
      await phone.hold(callId, held);
    } catch (error) {
      // The other side refused the re-INVITE: the call stays as it was.
      this.dispatchQuietly({ type: held ? 'unhold' : 'hold', callId });
      throw new DeskError('hold-failed', errorText(error));
    }
  }

  async mute({ callId, muted }: { callId: string; muted: boolean }): Promise<void> {
    this.requireSession();
    this.dispatch({ type: muted ? 'mute' : 'unmute', callId });
  }

  async sendDtmf({ callId, tones }: { callId: string; tones: string }): Promise<void> {
    const { phone, login } = this.requireSession();
    this.requireTalking(callId);
    await phone.sendDtmf(callId, tones, login.policy.dtmfMode);
  }

  async transfer({ callId, target }: { callId: string; target: string }): Promise<void> {
    await this.blindTransfer(callId, target, {});
  }

  private async blindTransfer(callId: string, target: string, uriParams: Record<string, string>): Promise<void> {
    const { phone } = this.requireSession();
    this.requireTalking(callId);
    await this.calls.noteDuring(callId, { transferredTo: target, transferKind: 'blind' }, () =>
      phone.transfer(callId, target, uriParams).catch((error: unknown) => {
        throw new DeskError('transfer-failed', errorText(error));
      }),
    );
  }

  async consult({ callId, target }: { callId: string; target: string }): Promise<{ consultCallId: string }> {
    this.requireSession();
    this.requireTalking(callId);
    if (this.talking()?.consult) throw new DeskError('consult-in-progress', 'a consultation is already in progress');
    // The customer must not overhear the consultation: on hold first (a refusal changes nothing).
    if (!this.talking()?.held) await this.hold({ callId, held: true });
    const consultCallId = uuidv7();
    this.calls.outbound(consultCallId, target, this.deps.clock.now());
    try {
      this.dispatch({ type: 'consult', callId, consultCallId });
    } catch (error) {
      this.calls.forget(consultCallId);
      throw error;
    }
    this.calls.note(callId, { consultedWith: target });
    return { consultCallId };
  }

  async completeTransfer({ callId }: { callId: string }): Promise<void> {
    const { phone } = this.requireSession();
    this.requireTalking(callId);
    const consult = this.connectedConsult();
    const target = this.calls.get(consult.callId)?.remoteNumber ?? '';
    // The customer's call ends as soon as the target has them.
    await this.calls.noteDuring(callId, { transferredTo: target, transferKind: 'attended' }, () =>
      phone.completeTransfer(callId, consult.callId).catch((error: unknown) => {
        throw new DeskError('transfer-failed', errorText(error));
      }),
    );
  }

  async conference({ callId }: { callId: string }): Promise<void> {
    const { phone } = this.requireSession();
    this.requireTalking(callId);
    if (this.connectedConsult().conference) return;
    // The customer comes off hold first; if they refuse the re-INVITE, nothing changes.
    try {
      await phone.hold(callId, false);
    } catch (error) {
      throw new DeskError('hold-failed', errorText(error));
    }
    this.dispatch({ type: 'conference', callId });
    this.calls.note(callId, { conference: true });
  }

  async endConsult({ callId }: { callId: string }): Promise<void> {
    this.requireTalking(callId);
    this.dispatch({ type: 'endConsult', callId });
    // Back with the customer: take them off hold (after a conference they are not on hold).
    if (this.talking()?.held) await this.hold({ callId, held: false });
  }

  async endWithSurvey({ callId }: { callId: string }): Promise<void> {
    const survey = this.policy().surveyExtension;
    if (!survey) throw new DeskError('no-survey', 'no survey extension is configured');
    this.requireTalking(callId);
    // The call id rides along to the survey IVR, which reports the rating against it.
    await this.calls.noteDuring(callId, { survey: { kind: 'transferred' } }, () => this.blindTransfer(callId, survey, { [SURVEY_CALL_PARAM]: callId }));
  }

  async endWithoutSurvey({ callId, reason }: { callId: string; reason: string }): Promise<void> {
    this.requireTalking(callId);
    this.calls.note(callId, { survey: { kind: 'skipped', reason } });
    this.dispatch({ type: 'hangup', callId });
  }

  async dial({ number, promiseId }: { number: string; promiseId?: string }): Promise<{ callId: string }> {
    const session = this.requireSession();
    if (session.ended) throw new DeskError('session-ended', 'the session has ended: no new calls');
    // A callback from a promise: the agent's own, open, not being handed over.
    if (promiseId !== undefined) this.actionablePromise(promiseId);
    const callId = uuidv7();
    this.calls.outbound(callId, number, this.deps.clock.now());
    try {
      this.dispatch({ type: 'dial', callId });
    } catch (error) {
      this.calls.forget(callId);
      throw error;
    }
    // Placed (the phone did not refuse it): linked to the promise, committed before we answer.
    const placed = this.status.state === 'talking' && this.status.callId === callId;
    if (promiseId !== undefined && placed) {
      this.saveRecord('record callback', () => this.deps.records.promiseCalledBack(session.login.agent.agentId, promiseId, callId, this.deps.clock.now()));
      this.refreshPending();
    }
    return { callId };
  }

  async keepPromise({ promiseId, note }: KeepPromise): Promise<void> {
    const agentId = this.agentId();
    try {
      // Committed with its outbox row before we answer.
      this.deps.records.keepPromise(agentId, promiseId, note, this.deps.clock.now());
    } catch (error) {
      throw promiseError(error, promiseId);
    }
    this.guard('sync kick', () => this.deps.sync.kick());
    this.reminders.arm();
    this.refreshPending();
  }

  async handOver({ to, note, items }: HandOver): Promise<{ handoverId: string }> {
    const session = this.requireSession();
    const me: PromisePerson = session.login.agent;
    let receiver: PromisePerson | 'nextShift' = 'nextShift';
    if (to.kind === 'agent') {
      const colleague = session.login.colleagues.find((candidate) => candidate.agentId === to.agentId);
      if (!colleague || to.agentId === me.agentId) throw new DeskError('unknown-colleague', `${to.agentId} is not a colleague to hand over to`);
      receiver = colleague;
    }
    const seen = new Set<string>();
    const described: HandoverItem[] = [];
    for (const item of items) {
      const key = `${item.kind}:${item.id.toLowerCase()}`;
      if (seen.has(key)) throw new DeskError('unknown-item', `${item.kind} ${item.id} is listed twice`, { kind: item.kind, id: item.id });
      seen.add(key);
      if (this.deps.records.pendingHandoverOf(item.kind, item.id)) {
        throw new DeskError('item-in-handover', `${item.kind} ${item.id} is in a handover nobody has accepted yet`, { kind: item.kind, id: item.id });
      }
      described.push(item.kind === 'promise' ? this.promiseToHandOver(me.agentId, item.id, item.note) : this.ticketToHandOver(me.agentId, item.id, item.note));
    }
    let handoverId: string;
    try {
      // The handover, its items' marks and its outbox row in one transaction, before we answer.
      handoverId = this.deps.records.giveHandover(me, receiver, { to, note, items }, described, this.deps.clock.now());
    } catch (error) {
      if (error instanceof StoreError && error.code === 'item-in-handover') throw new DeskError('item-in-handover', error.message);
      if (error instanceof StoreError && error.code === 'invalid-record') throw new DeskError('invalid-handover', error.message);
      throw error;
    }
    this.guard('sync kick', () => this.deps.sync.kick());
    this.refreshPending();
    return { handoverId };
  }

  async acceptHandover({ handoverId }: { handoverId: string }): Promise<void> {
    const session = this.requireSession();
    if (session.ended) throw new DeskError('session-ended', 'the session has ended');
    if (!this.deps.acceptHandover) throw new DeskError('server-unreachable', 'this desk cannot reach the server to accept a handover');
    let reply: HandoverAcceptResponse;
    try {
      reply = await this.deps.acceptHandover(session.login.token, handoverId);
    } catch (error) {
      const ended = this.deps.sessionEndOf(error);
      if (ended) {
        this.guard('session ended', () => this.endSession(session, ended));
        throw new DeskError('session-ended', 'the session has ended');
      }
      if (error instanceof DeskError) throw error;
      throw new DeskError('server-unreachable', errorText(error));
    }
    const agentId = session.login.agent.agentId;
    // The server gave the items: what it says is stored (a live push of the same states changes nothing).
    for (const promise of reply.promises) this.promiseChanged(promise);
    for (const ticket of reply.tickets) this.ticketChanged(ticket);
    this.guard('handover accepted', () => this.deps.records.handoverChanged(reply.handover, agentId));
    const from = reply.handover.from;
    this.deps.onNotice({ level: 'info', code: 'handover-received', params: { from: from.name || from.agentId, count: reply.promises.length + reply.tickets.length } });
    this.reminders.arm();
    this.changed();
  }

  /** One of the agent's promises the agent may act on (keep, call back, hand over), or the DeskError why not. */
  private actionablePromise(promiseId: string) {
    try {
      return this.deps.records.actionablePromise(this.agentId(), promiseId);
    } catch (error) {
      throw promiseError(error, promiseId);
    }
  }

  private promiseToHandOver(agentId: string, id: string, note: string): HandoverItem {
    let promise;
    try {
      promise = this.deps.records.actionablePromise(agentId, id);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'item-in-handover') throw new DeskError('item-in-handover', error.message, { kind: 'promise', id });
      if (error instanceof StoreError) throw new DeskError('unknown-item', error.message, { kind: 'promise', id });
      throw error;
    }
    return promiseItem(promise, note);
  }

  private ticketToHandOver(agentId: string, id: string, note: string): HandoverItem {
    const ticket = this.deps.records.ticket(id);
    // The agent's own (owned now), open: pending on the server counts as open.
    if (!ticket || ticket.ownerId !== agentId || ticket.server?.status === 'closed') {
      throw new DeskError('unknown-item', `no open ticket ${id} of yours`, { kind: 'ticket', id });
    }
    return ticketItem(ticket, note);
  }

  /** A reminder fell due: the agent hears it (notice, sound, OS notification); a failure of the shell's part is not the desk's. */
  private remindOfPromise(reminder: PromiseReminder): void {
    this.deps.onNotice({
      level: 'warning',
      code: reminder.kind === 'soon' ? 'promise-soon' : 'promise-due',
      params: { customer: reminder.customer, number: reminder.number, dueAt: reminder.dueAt },
    });
    this.guard('promise reminder hook', () => {
      const offset = this.session?.login.policy.shift.utcOffsetMinutes ?? 0;
      // The center's wall time, with the date when it is not today: the OS notification says it as the desk does.
      const label = wallTimeLabel(reminder.dueAt, this.deps.clock.now(), offset);
      this.deps.onPromiseReminder?.({ ...reminder, dueLabel: label.date ? `${label.date} ${label.time}` : label.time });
    });
    this.changed();
  }

  async searchHistory(query: HistoryQuery): Promise<DeskHistoryPage> {
    const session = this.requireSession();
    // A session the server ended has no token to ask it with: this desk's calls only.
    return this.deps.history.search(session.login.agent.agentId, session.ended ? null : session.login.token, query);
  }

  async raiseTicket(ticket: RaiseTicket): Promise<{ ticketId: string }> {
    const agentId = this.agentId();
    // The call's time and number come from what this desk knows of the call, in progress or ended.
    const call = ticket.callId === null ? null : this.callFacts(agentId, ticket.callId);
    if (ticket.callId !== null && !call) throw new DeskError('unknown-call', 'no such call of yours');
    let ticketId: string;
    try {
      // Committed with its outbox row before we answer; the call's state is not touched.
      ticketId = this.deps.records.raiseTicket(agentId, { ...ticket, callAt: call?.offeredAt ?? null, remoteNumber: call?.remoteNumber ?? '' }, this.deps.clock.now());
    } catch (error) {
      if (error instanceof StoreError && error.code === 'invalid-record') throw new DeskError('invalid-ticket', error.message);
      throw error;
    }
    this.guard('sync kick', () => this.deps.sync.kick());
    this.refreshPending();
    return { ticketId };
  }

  /** When and with whom a call of the agent's was: the one in progress, or one recorded here. */
  private callFacts(agentId: string, callId: string): { offeredAt: number; remoteNumber: string } | null {
    const current = this.calls.get(callId);
    if (current) return { offeredAt: current.offeredAt, remoteNumber: current.remoteNumber };
    return this.deps.records.storedCall(agentId, callId);
  }

  // ---- reports from the outside world ----

  /**
   * The server pushed (or the desk caught up on) the state of one of the agent's tickets. A state
   * older than the one held is dropped (a catch-up overlapping a live push); a new reply or a
   * close of a ticket this desk knew is announced.
   */
  ticketChanged(ticket: Ticket): void {
    this.guard('ticket changed', () => {
      const agentId = this.session?.login.agent.agentId;
      if (!agentId) return;
      const before = this.deps.records.ticket(ticket.id);
      // The agent raised it, owns it now (a handover), or owned it until now: anything else is not ours to keep.
      if (ticket.agentId !== agentId && ticketOwnerId(ticket) !== agentId && before?.ownerId !== agentId) return;
      if (!this.deps.records.ticketChanged(ticket)) return;
      // A ticket that left the agent's hands (handed over) leaves the list quietly.
      const notice = before && ticketOwnerId(ticket) === agentId ? ticketChangeNotice(before.server, ticket) : null;
      if (notice) this.deps.onNotice(notice);
      this.changed();
    });
  }

  /**
   * The server pushed (or the desk caught up on, or an accepted handover gave) the state of a
   * promise the agent owns or owned. An older state than the one held is dropped; a kept one is
   * final (a keep made here and not yet acknowledged stays kept); one whose owner is someone else
   * now (handed over) leaves the agent's list.
   */
  promiseChanged(promise: PromiseRecord): void {
    this.guard('promise changed', () => {
      const agentId = this.session?.login.agent.agentId;
      if (!agentId) return;
      const held = this.deps.records.promise(promise.id);
      if (promise.owner.agentId !== agentId && promise.madeBy.agentId !== agentId && held?.ownerId !== agentId) return;
      if (!this.deps.records.promiseChanged(promise, agentId)) return;
      this.reminders.arm();
      this.changed();
    });
  }

  /**
   * The server told of a handover the agent gave, one to the agent, or one to the next shift from
   * someone else. Newer states only; a live one new to this desk, for the agent to accept, is announced.
   */
  handoverChanged(handover: Handover, live: boolean): void {
    this.guard('handover changed', () => {
      const agentId = this.session?.login.agent.agentId;
      if (!agentId) return;
      const given = handover.from.agentId === agentId;
      const forAgent = !given && (handover.to.kind === 'nextShift' || handover.to.agent.agentId === agentId);
      if (!given && !forAgent) return;
      const before = this.deps.records.handover(handover.id);
      if (!this.deps.records.handoverChanged(handover, agentId)) return;
      if (live && forAgent && handover.status === 'pending' && !before?.server) {
        this.deps.onNotice({ level: 'info', code: 'handover-incoming', params: { from: handover.from.name || handover.from.agentId, count: handover.items.length } });
      }
      // The giver hears once that the work is someone else's now (交得清，接得明), live or on the next catch-up.
      if (given && handover.accepted && before && before.server?.status !== 'accepted') {
        const by = handover.accepted.by;
        this.deps.onNotice({ level: 'info', code: 'handover-taken', params: { by: by.name || by.agentId, count: handover.items.length } });
      }
      this.changed();
    });
  }

  /** The outbox pump reports after each attempt. */
  syncStatus(status: SyncStatus): void {
    this.guard('sync status', () => this.takeSyncStatus(status));
  }

  private takeSyncStatus(status: SyncStatus): void {
    const delivered = this.pendingSync > 0 && status.pendingCount === 0;
    this.pendingSync = status.pendingCount;
    if (status.serverReachable !== null) this.serverReachable = status.serverReachable;
    // The server refused the records' session: they wait in the outbox for the next login.
    if (status.needsLogin && this.session) this.endSession(this.session, status.sessionEnded ?? 'refused');
    if (delivered) void this.refreshAttendance();
    this.changed();
  }

  /**
   * The server ended the session (its /v1/live said so, or refused the token: `null`), because
   * the 工号 logged in on another desk, a supervisor ended it, or it ran out.
   */
  sessionEnded(ended: SessionEnded | null): void {
    this.guard('session ended', () => {
      if (this.session) this.endSession(this.session, ended ?? 'refused');
    });
  }

  /**
   * One live seat per 工号: from now on the PBX offers this desk nothing (unregistered at once, an
   * offer ringing goes back to the queue), and nothing goes to the server on this session (its
   * records wait in the outbox for the next login). A call in progress is not cut off mid-sentence:
   * it goes on, and its wrap-up, then the session closes (closeIfEnded) and the login screen says why.
   */
  private endSession(session: Session, ended: SessionEnded | 'refused'): void {
    // A second report of the end (the live frame, then a 401), or a late one of an earlier session.
    if (this.session !== session || session.ended) return;
    session.ended =
      ended === 'refused' ? { reason: 'refused', endedAt: this.deps.clock.now() + session.clockOffset, byDeviceId: null, byAgentId: null } : ended;
    session.renewal.stop();
    this.settleAfterPhone(session, false);
    this.syncStopped = this.deps.sync.stop().catch((error: unknown) => this.deps.reportFault('sync stop', error));
    if (this.status.state === 'ringing') this.dispatchQuietly({ type: 'reject', callId: this.status.callId });
    this.closeIfEnded();
    // Still open: a call goes on. The PBX must not offer another one meanwhile.
    if (!session.closed) void session.phone.unregister().catch((error: unknown) => this.deps.reportFault('phone unregister', error));
    this.changed();
  }

  /** An ended session closes once no call or wrap-up is left on it: the agent is logged out here. */
  private closeIfEnded(): void {
    const session = this.session;
    if (!session?.ended || session.closed || ['ringing', 'talking', 'wrapUp'].includes(this.status.state)) return;
    session.closed = true;
    if (this.status.state !== 'offline') this.dispatchQuietly({ type: 'logout' });
    this.recordLogout(session);
    this.session = undefined;
    this.lastSessionEnd = session.ended;
    this.attendanceToday = null;
    this.clearWakeUp();
    this.reminders.stop();
    this.phoneStopped = session.phone.stop().catch((error: unknown) => this.deps.reportFault('phone stop', error));
    this.changed();
  }

  /** Starts the session's server traffic that waited for the phone, once; `run` false drops it (the session ended). */
  private settleAfterPhone(session: Session, run: boolean): void {
    const pending = session.afterPhone;
    if (!pending) return;
    session.afterPhone = null;
    this.deps.clock.clearTimeout(pending.timer);
    if (run) this.guard('start the session sync', pending.start);
  }

  private recordLogout(session: Session): void {
    const deskTime = this.deps.clock.now();
    this.saveRecord('record attendance', () =>
      this.deps.records.recordAttendance(session.login.agent.agentId, {
        event: 'logout',
        deskTime,
        serverTime: deskTime + session.clockOffset,
        serverTimeSource: 'estimated',
      }),
    );
  }

  /**
   * The server relayed a survey result (DOMAIN.md rule 4): kept with the call and shown in its
   * history row; a live one (not a catch-up after being away) is also announced to the agent.
   */
  surveyResult(result: ServerSurveyResult, live: boolean): void {
    this.guard('survey result', () => this.takeSurveyResult(result, live));
  }

  private takeSurveyResult(result: ServerSurveyResult, live: boolean): void {
    const agentId = this.session?.login.agent.agentId;
    // The channel is the agent's own; anything else is not ours to keep.
    if (!agentId || result.agentId !== agentId) return;
    const first = this.deps.records.saveSurveyResult(result);
    if (live && first) this.deps.onNotice({ level: result.rating === 'dissatisfied' ? 'warning' : 'info', code: 'survey-result', params: { rating: result.rating, number: result.customerNumber } });
    this.changed();
  }

  /**
   * The server pushed (or the desk caught up on) one of the agent's alerts: a supervisor's
   * acknowledgement of the current busy period's over-limit report shows as 主管已确认.
   */
  alert(alert: Alert): void {
    this.guard('alert', () => {
      if (!alert.acknowledged || alert.agentId !== this.session?.login.agent.agentId) return;
      if (alert.id.toLowerCase() !== this.overLimitRecordId?.toLowerCase() || this.overLimitAck) return;
      this.overLimitAck = alert.acknowledged;
      this.changed();
    });
  }

  /**
   * A supervisor acted on this seat from the board: the rules apply it (an approval lets the busy
   * period run to its end; putting a seat left ready into busy), or refuse it with their reason
   * (not busy any more, not ready). Either way the server is told, and the agent sees who did it.
   */
  supervisorAction(action: SupervisorAction): void {
    this.guard('supervisor action', () => {
      const session = this.session;
      if (!session || action.agentId !== session.login.agent.agentId) return;
      let outcome = this.actionOutcomes.get(action.id);
      if (!outcome) {
        const requested = action.action;
        const event: AgentEvent =
          requested.kind === 'approveBusy' ? { type: 'approveBusy', until: requested.until, supervisorId: action.by.agentId } : { type: 'forceBusy', supervisorId: action.by.agentId };
        const result = transition(this.status, event, this.policy(), this.deps.clock.now());
        this.adopt(result.status, result.effects);
        outcome = result.ok ? { status: 'applied', reason: null } : { status: 'refused', reason: result.error.code };
        if (result.ok && requested.kind === 'approveBusy') this.approval = { agentId: action.by.agentId, name: action.by.name, until: requested.until, note: requested.note };
        this.actionOutcomes.set(action.id, outcome);
        this.changed();
      }
      this.deps.reportActionOutcome(session.login.token, session.login.agent.agentId, action.id, outcome).catch((error: unknown) => this.deps.reportFault('report action outcome', error));
    });
  }

  /**
   * The server pushed (or the desk caught up on) the standard phrases after a supervisor changed
   * them. Two changes may arrive out of order (live, then an older catch-up): the newer revision stays.
   */
  phrasesChanged(book: PhraseBook): void {
    this.guard('phrases changed', () => {
      const session = this.session;
      if (!session || book.revision <= session.phrases.revision) return;
      session.phrases = book;
      this.changed();
      this.deps.records.rememberPhrases(book);
    });
  }

  /** Ends the session as if logging out (window closed, app quitting). */
  async shutdown(): Promise<void> {
    this.clearWakeUp();
    if (this.session) {
      const callId = currentCallId(this.status);
      if (callId && this.status.state !== 'wrapUp') await this.session.phone.hangup(callId).catch(() => {});
      this.status = { state: 'ready', since: this.deps.clock.now() };
      await this.logout().catch(() => {});
    }
    // A session the server ended may still be stopping its sync and phone.
    await Promise.all([this.syncStopped, this.phoneStopped]);
  }

  /** What the softphone reports; a failure inside is the desk's, and never goes back into SIP.js. */
  private phoneEvents(): SoftphoneEvents {
    const events: SoftphoneEvents = {
      registration: (state, error) => {
        this.registration = state;
        this.registrationError = error;
        if ((state === 'registered' || state === 'failed') && this.session) this.settleAfterPhone(this.session, true);
        this.changed();
      },
      incoming: (offer) => this.onOffer(offer),
      replaced: (callId, party) => {
        const from = this.calls.replaced(callId, party);
        if (from === null) return;
        this.deps.onNotice({ level: 'info', code: 'call-handed-over', params: { from, number: party.remoteNumber } });
        this.changed();
      },
      established: (callId) => {
        this.calls.connected(callId, this.deps.clock.now());
        this.dispatchQuietly({ type: 'callEstablished', callId });
      },
      ended: (callId, reason) => this.onCallEnded(callId, reason),
    };
    const guarded = <A extends unknown[]>(name: string, report: (...args: A) => void) => (...args: A) => this.guard(`phone ${name}`, () => report(...args));
    return {
      registration: guarded('registration', events.registration),
      incoming: guarded('incoming', events.incoming),
      replaced: guarded('replaced', events.replaced),
      established: guarded('established', events.established),
      ended: guarded('ended', events.ended),
    };
  }

  private onOffer(offer: IncomingCall): void {
    if (!this.session) return;
    // One instant for the offer's record and for the rules: the ring deadline counts from it.
    const now = this.deps.clock.now();
    this.calls.inbound(offer, now);
    this.dispatchQuietly({ type: 'offer', callId: offer.callId }, now);
  }

  private onCallEnded(callId: string, reason: CallEnd): void {
    const now = this.deps.clock.now();
    const record = this.calls.finish(callId, this.status, reason, now);
    // The call ends whatever became of its record.
    if (record) this.saveRecord('record call', () => this.deps.records.recordCall(this.agentId(), record, now));
    this.dispatchQuietly({ type: 'callEnded', callId });
  }

  // ---- the state machine, carried out ----

  /** Feeds an event to the rules; a refusal is thrown to the caller as a DeskError. */
  private dispatch(event: AgentEvent, now = this.deps.clock.now()): void {
    const result = transition(this.status, event, this.policy(), now);
    this.adopt(result.status, result.effects);
    if (!result.ok) throw new DeskError(result.error.code, result.error.message);
  }

  /** For reports of the phone and the clock: a refusal there is stale news, not an error. */
  private dispatchQuietly(event: AgentEvent, now?: number): void {
    try {
      this.dispatch(event, now);
    } catch {
      // e.g. a call ended that the rules had already declined.
    }
  }

  private adopt(status: AgentStatus, effects: Effect[]): void {
    const before = this.status;
    this.status = status;
    // An offer that starts ringing is shown first, then written down: the prompt is the desk's
    // heartbeat, and the records (a commit each) and SIP.js's 180 can follow it by a few ms.
    if (status.state === 'ringing' && (before.state !== 'ringing' || before.callId !== status.callId)) this.guard('ring prompt', () => this.pushSnapshot());
    if (status.state === 'busy' && before.state !== 'busy') {
      this.overLimitRecordId = null;
      this.overLimitAck = null;
      this.approval = null;
    }
    // Write down first, then act: SIP.js may report a declined call ended synchronously, and the
    // records need the offer's details before that report clears them. An answer acts first: the
    // renderer hands over its answer while the records commit, and SIP.js reports nothing of an
    // accept() within this turn.
    // Each effect on its own: one that fails (a refused record) must not keep the others (the SIP
    // answer) from happening, nor the next wake-up from being scheduled.
    const order = (effect: Effect) => (effect.kind === 'answer' ? 0 : effect.kind === 'record' ? 1 : 2);
    for (const effect of [...effects].sort((a, b) => order(a) - order(b))) this.guard(`effect ${effect.kind}`, () => this.carryOut(effect));
    this.scheduleWakeUp();
    this.guard('pending count', () => this.refreshPending());
    this.closeIfEnded();
  }

  private carryOut(effect: Effect): void {
    const phone = this.session?.phone;
    switch (effect.kind) {
      case 'ring': {
        this.calls.rang(effect.callId);
        void phone?.ring(effect.callId).catch(() => {});
        const call = this.calls.get(effect.callId);
        if (call) this.deps.onRing?.({ callId: call.callId, remoteNumber: call.remoteNumber, remoteDisplayName: call.remoteDisplayName });
        return;
      }
      case 'answer':
        void phone?.answer(effect.callId).catch((error: unknown) => {
          this.deps.onNotice({ level: 'error', code: 'answer-failed', params: { reason: errorText(error) } });
          void phone.hangup(effect.callId).catch(() => {});
        });
        return;
      case 'decline':
        void phone?.reject(effect.callId, effect.sipStatus).catch(() => {});
        return;
      case 'hangup':
        void phone?.hangup(effect.callId).catch(() => {});
        return;
      case 'hold':
        // The hold command carries out the re-INVITE itself, so it can report a refusal.
        return;
      case 'conference':
        void phone?.conference(effect.callIds).catch((error: unknown) => {
          this.deps.onNotice({ level: 'error', code: 'conference-failed', params: { reason: errorText(error) } });
        });
        return;
      case 'mute':
        void phone?.mute(effect.callId, effect.muted).catch((error: unknown) => {
          this.deps.onNotice({ level: 'error', code: 'mute-failed', params: { reason: errorText(error) } });
        });
        return;
      case 'dial': {
        const call = this.calls.get(effect.callId);
        try {
          if (call) phone?.dial(effect.callId, call.remoteNumber);
        } catch (error) {
          this.deps.onNotice({ level: 'error', code: 'dial-failed', params: { reason: errorText(error) } });
          this.dispatchQuietly({ type: 'callEnded', callId: effect.callId });
        }
        return;
      }
      case 'keepDraft':
        // The renderer saves the form as a draft as the agent types; nothing is lost here.
        return;
      case 'record': {
        const { record } = effect;
        this.saveRecord(`record ${record.kind}`, () => {
          const id = this.deps.records.recordAgentEvent(this.agentId(), record, this.policy(), (callId) => this.calls.callerOf(callId, record.at));
          if (record.kind === 'busyOverLimit') this.overLimitRecordId = id;
        });
        return;
      }
      case 'notify':
        this.deps.onNotice(effect.notice);
        return;
    }
  }

  /** One clock timer for whatever the rules need next (a ring tick, a deadline, a busy level). */
  private scheduleWakeUp(): void {
    this.clearWakeUp();
    if (!this.session) return;
    const now = this.deps.clock.now();
    const at = nextWakeUpAt(this.status, this.policy(), now);
    if (at === null) return;
    this.wakeUp = this.deps.clock.setTimeout(() => {
      this.wakeUp = undefined;
      this.guard('wake-up', () => this.wake());
    }, Math.max(0, at - now) + 1);
  }

  /** A wake-up: apply the rules that fell due (each at its own instant), then re-render. */
  private wake(): void {
    if (!this.session) return;
    const due = catchUp(this.status, this.policy(), this.deps.clock.now());
    this.adopt(due.status, due.effects);
  }

  /**
   * Writes a record and sends it on its way. One the store refuses is in quarantine by then
   * (DeskRecords): the agent is told, and the desk goes on.
   */
  private saveRecord(where: string, save: () => void): void {
    try {
      save();
    } catch (error) {
      this.deps.reportFault(where, error);
      this.deps.onNotice({ level: 'error', code: 'record-not-saved' });
      return;
    }
    this.guard('sync kick', () => this.deps.sync.kick());
  }

  /** Runs a piece of the desk's own work; a failure is reported and the desk goes on. */
  private guard(where: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.deps.reportFault(where, error);
    }
  }

  private clearWakeUp(): void {
    this.deps.clock.clearTimeout(this.wakeUp);
    this.wakeUp = undefined;
  }

  private async refreshAttendance(): Promise<void> {
    const session = this.session;
    if (!session || session.ended) return;
    const day = await this.deps.attendanceToday(session.login.token, session.login.agent.agentId).catch((error: unknown) => {
      const ended = this.deps.sessionEndOf(error);
      if (ended) this.guard('session ended', () => this.endSession(session, ended));
      return null;
    });
    if (this.session !== session || !day) return;
    this.attendanceToday = day;
    this.changed();
  }

  private refreshPending(): void {
    if (this.session) this.pendingSync = this.deps.records.pendingCount(this.session.login.agent.agentId);
    this.changed();
  }

  private policy(): Policy {
    return this.requireSession().login.policy;
  }

  private agentId(): string {
    return this.requireSession().login.agent.agentId;
  }

  private talking(): Extract<AgentStatus, { state: 'talking' }> | null {
    return this.status.state === 'talking' ? this.status : null;
  }

  /** The consult leg of the current call, answered by the department. */
  private connectedConsult(): NonNullable<Extract<AgentStatus, { state: 'talking' }>['consult']> {
    const consult = this.talking()?.consult;
    if (!consult) throw new DeskError('no-consult', 'no consultation in progress');
    if (!consult.connected) throw new DeskError('not-connected', 'the department has not answered yet');
    return consult;
  }

  /** The call in progress with that id, connected: transfers and keypad need a dialog. */
  private requireTalking(callId: string): void {
    if (this.status.state !== 'talking' || this.status.callId !== callId) throw new DeskError('not-talking', 'no such call in progress');
    if (!this.status.connected) throw new DeskError('not-connected', 'the call is not connected yet');
    this.calls.require(callId);
  }

  private requireSession(): Session {
    if (!this.session) throw new DeskError('not-logged-in', 'log in first');
    return this.session;
  }

  /** Coalesces the changes of one turn into one snapshot push. */
  private changed(): void {
    this.snapshotDirty = true;
    if (this.snapshotQueued) return;
    this.snapshotQueued = true;
    queueMicrotask(() => {
      this.snapshotQueued = false;
      if (this.snapshotDirty) this.pushSnapshot();
    });
  }

  /** Pushes the snapshot now; changes later in the turn still coalesce into one more push. */
  private pushSnapshot(): void {
    this.snapshotDirty = false;
    this.deps.onSnapshot(this.snapshot());
  }

  private snapshot(): DeskSnapshot {
    const login = this.session?.login ?? null;
    const agentId = login?.agent.agentId ?? null;
    return buildSnapshot({
      now: this.deps.clock.now(),
      login,
      cached: login ? null : this.deps.records.cachedPolicy(),
      loggingIn: this.loggingIn,
      sessionEnd: this.session?.ended ?? this.lastSessionEnd,
      status: this.status,
      calls: this.calls,
      registration: this.registration,
      registrationError: this.registrationError,
      serverReachable: this.serverReachable,
      pendingSync: this.pendingSync,
      overLimit: this.overLimitRecordId ? { delivered: this.deps.records.isDelivered(this.overLimitRecordId), acknowledged: this.overLimitAck } : null,
      approval: this.approval,
      recentCalls: agentId ? this.deps.records.recentCalls(agentId, 20) : [],
      attendanceToday: this.attendanceToday,
      phrases: (this.session?.phrases ?? this.deps.records.cachedPhrases())?.phrases ?? [],
      tickets: agentId ? ticketViews(this.deps.records.tickets(agentId)) : [],
      ...(login ? this.promisesAndHandovers(login) : { promises: [], handovers: { incoming: [], outgoing: [] } }),
    });
  }

  private promisesAndHandovers(login: LoginResponse): Pick<DeskSnapshot, 'promises' | 'handovers'> {
    const { records } = this.deps;
    const agentId = login.agent.agentId;
    const today = dayOf(this.deps.clock.now(), login.policy.shift.utcOffsetMinutes);
    const isDelivered = (recordId: string) => records.isDelivered(recordId);
    return {
      promises: promiseViews(records.openPromises(agentId), records.keptPromisesBetween(agentId, today.startMs, today.endMs), {
        pendingOf: (kind, id) => records.pendingHandoverOf(kind, id),
        handover: (id) => records.handover(id),
        isDelivered,
      }),
      handovers: {
        incoming: records.incomingHandovers(agentId).map((handover) => handoverView(handover, 'incoming', isDelivered)),
        outgoing: records.outgoingHandovers(agentId).map((handover) => handoverView(handover, 'outgoing', isDelivered)),
      },
    };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A promise the store refused to act on, in the contract's codes (a promise being handed over is not the agent's to act on). */
function promiseError(error: unknown, promiseId: string): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.code) {
    case 'promise-kept':
      return new DeskError('promise-kept', error.message, { promiseId });
    case 'unknown-promise':
    case 'item-in-handover':
      return new DeskError('unknown-promise', error.message, { promiseId });
    case 'invalid-record':
      return new DeskError('invalid-promise-step', error.message, { promiseId });
    default:
      return error;
  }
}
