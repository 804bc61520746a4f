import type {
  CallView,
  DeskApi,
  DeskNotice,
  DeskSnapshot,
  DeskState,
  RegistrationState,
  SaveWrapUp,
} from '../../src/contract/desk';
import type { BusyReason, Disposition, Policy } from '../../src/contract/policy';
import type { LoginResponse } from '../../src/contract/sync';
import type { Clock, ClockTimer } from '../../src/domain/clock';
import { DeskError } from '../../src/rpc';
import type { CallEnd, IncomingCall, SoftphoneEvents } from '../phone/softphone';
import type { DeskRecords } from './desk-records';

/** The phone as the desk drives it; the real one is Softphone, created per login. */
export interface Phone {
  start(): Promise<void>;
  stop(): Promise<void>;
  ring(callId: string): Promise<void>;
  answer(callId: string): Promise<void>;
  reject(callId: string, statusCode: number): Promise<void>;
  hangup(callId: string): Promise<void>;
}

export interface DeskDependencies {
  clock: Clock;
  records: DeskRecords;
  /** Checks 工号 + password with the central server; throws a DeskError with a stable code. */
  login(agentId: string, password: string): Promise<LoginResponse>;
  logout(token: string): Promise<void>;
  /** Builds the SIP user agent for a login; the desk listens through `events`. */
  createPhone(login: LoginResponse, events: SoftphoneEvents): Phone;
  /** Starts or stops the outbox pump for the logged-in agent; `kick` after every enqueue. */
  sync: { start(token: string, agentId: string): void; stop(): Promise<void>; kick(): void };
  onSnapshot(snapshot: DeskSnapshot): void;
  onNotice(notice: DeskNotice): void;
}

/** SIP statuses the desk declines with (DOMAIN.md: the queue then tries the next agent). */
const BUSY_HERE = 486;
const TEMPORARILY_UNAVAILABLE = 480;

interface Session {
  login: LoginResponse;
  phone: Phone;
}

interface LiveCall {
  view: CallView;
  ringTimer: ClockTimer | undefined;
}

/**
 * The desk's brain in the main process: it owns the agent's state and the call in progress,
 * applies the policy clocks, records what happened, and pushes a fresh DeskSnapshot whenever
 * anything changes. The renderer only renders snapshots and sends commands.
 */
export class Desk implements DeskApi {
  private session: Session | undefined;
  private loggingIn = false;
  private state: DeskState = 'offline';
  private stateSince: number;
  private busyReason: BusyReason | null = null;
  private registration: RegistrationState = 'unregistered';
  private registrationError: string | null = null;
  private serverReachable: boolean | null = null;
  private pendingSync = 0;
  private needsLogin = false;
  private call: LiveCall | undefined;
  private wrapUp: { callId: string; startedAt: number; deadline: number; timer: ClockTimer } | undefined;
  private snapshotQueued = false;

  constructor(private readonly deps: DeskDependencies) {
    this.stateSince = deps.clock.now();
  }

  // ---- commands (validated by the RPC layer before they get here) ----

  async getSnapshot(): Promise<DeskSnapshot> {
    return this.snapshot();
  }

  async login({ agentId, password }: { agentId: string; password: string }): Promise<void> {
    if (this.session) throw new DeskError('already-logged-in', 'already logged in');
    if (this.loggingIn) throw new DeskError('login-in-progress', 'a login is already in progress');
    this.loggingIn = true;
    this.changed();
    try {
      const login = await this.deps.login(agentId, password);
      this.serverReachable = true;
      const phone = this.deps.createPhone(login, this.phoneEvents());
      this.session = { login, phone };
      this.deps.records.rememberLogin(login);
      this.deps.sync.start(login.token, login.agent.agentId);
      this.setState('ready', null);
      void phone.start();
    } catch (error) {
      if (error instanceof DeskError && error.code === 'server-unreachable') this.serverReachable = false;
      throw error;
    } finally {
      this.loggingIn = false;
      this.changed();
    }
  }

  async logout(): Promise<void> {
    const session = this.requireSession();
    if (this.call) throw new DeskError('call-in-progress', 'finish the call before logging out');
    this.finishWrapUpTimer();
    this.session = undefined;
    await this.deps.sync.stop();
    await session.phone.stop();
    this.setState('offline', null);
    // Logging out works offline too; the server session then ends by replacement or expiry.
    await this.deps.logout(session.login.token).catch(() => {});
  }

  async setReady(): Promise<void> {
    this.requireSession();
    if (this.call) throw new DeskError('call-in-progress', 'a call is in progress');
    this.finishWrapUpTimer();
    this.setState('ready', null);
  }

  async setBusy({ reason }: { reason: BusyReason }): Promise<void> {
    this.requireSession();
    if (this.call) throw new DeskError('call-in-progress', 'a call is in progress');
    this.finishWrapUpTimer();
    this.setState('busy', reason);
  }

  async answer({ callId }: { callId: string }): Promise<void> {
    const { phone } = this.requireSession();
    const call = this.requireCall(callId);
    if (call.view.phase !== 'ringing') throw new DeskError('not-ringing', 'the call is not ringing');
    const now = this.deps.clock.now();
    this.stopRinging(call);
    call.view = { ...call.view, phase: 'connecting', answeredAt: now, ringsAtAnswer: ringAt(call.view, now, this.policy()) };
    this.setState('talking', null);
    try {
      await phone.answer(callId);
    } catch (error) {
      throw new DeskError('answer-failed', `could not answer: ${(error as Error).message}`);
    }
  }

  async reject({ callId }: { callId: string }): Promise<void> {
    const { phone } = this.requireSession();
    const call = this.requireCall(callId);
    if (call.view.phase !== 'ringing') throw new DeskError('not-ringing', 'the call is not ringing');
    this.stopRinging(call);
    await phone.reject(callId, BUSY_HERE);
  }

  async hangup({ callId }: { callId: string }): Promise<void> {
    const { phone } = this.requireSession();
    this.requireCall(callId);
    await phone.hangup(callId);
  }

  async saveWrapUp(wrapUp: SaveWrapUp): Promise<{ pendingSync: number }> {
    const { login } = this.requireSession();
    const agentId = login.agent.agentId;
    if (!this.deps.records.hasCall(agentId, wrapUp.callId)) throw new DeskError('unknown-call', 'no such call of yours');
    if (!wrapUp.resolved && wrapUp.promisedReplyAt === null) {
      throw new DeskError('promise-required', 'an unresolved call needs a promised reply time');
    }
    // Committed (with its outbox row) before we answer: what the UI calls saved is durable.
    this.deps.records.saveWrapUp(agentId, wrapUp, this.deps.clock.now());
    this.pendingSync = this.deps.records.pendingCount(agentId);
    this.deps.sync.kick();
    if (this.wrapUp?.callId === wrapUp.callId) {
      this.finishWrapUpTimer();
      this.setState('ready', null);
    }
    this.changed();
    return { pendingSync: this.pendingSync };
  }

  // ---- reports from the outside world ----

  /** The outbox pump reports after each attempt. */
  syncStatus(status: { pendingCount: number; serverReachable: boolean | null; needsLogin: boolean }): void {
    this.pendingSync = status.pendingCount;
    if (status.serverReachable !== null) this.serverReachable = status.serverReachable;
    // Another login for this 工号 ended our server session: records wait until the agent logs in again.
    if (status.needsLogin && !this.needsLogin) this.deps.onNotice({ level: 'error', code: 'session-ended' });
    this.needsLogin = status.needsLogin;
    this.changed();
  }

  /** Ends the session as if logging out (window closed, app quitting). */
  async shutdown(): Promise<void> {
    if (!this.session) return;
    if (this.call) await this.session.phone.hangup(this.call.view.id).catch(() => {});
    this.call = undefined;
    await this.logout().catch(() => {});
  }

  private phoneEvents(): SoftphoneEvents {
    return {
      registration: (state, error) => {
        this.registration = state;
        this.registrationError = error;
        this.changed();
      },
      incoming: (offer) => this.onOffer(offer),
      established: (callId) => {
        if (this.call?.view.id !== callId) return;
        this.call.view = { ...this.call.view, phase: 'talking' };
        this.changed();
      },
      ended: (callId, reason) => this.onCallEnded(callId, reason),
    };
  }

  private onOffer(offer: IncomingCall): void {
    const session = this.session;
    if (!session) return;
    if (this.state !== 'ready' || this.call) {
      // One call at a time: the queue re-routes a 486 to the next agent.
      void session.phone.reject(offer.callId, BUSY_HERE).catch(() => {});
      return;
    }
    const policy = this.policy();
    const now = this.deps.clock.now();
    const view: CallView = {
      id: offer.callId,
      direction: 'inbound',
      remoteNumber: offer.remoteNumber,
      remoteDisplayName: offer.remoteDisplayName,
      phase: 'ringing',
      offeredAt: now,
      ring: 1,
      maxRings: policy.maxRings,
      ringDeadline: now + policy.maxRings * policy.ringCycleMs,
      answeredAt: null,
      ringsAtAnswer: null,
    };
    this.call = { view, ringTimer: undefined };
    this.setState('ringing', null);
    void session.phone.ring(offer.callId).catch(() => {});
    this.scheduleRingTick(this.call);
  }

  /** Ring ticks come from main's clock: Chromium throttles timers in background windows. */
  private scheduleRingTick(call: LiveCall): void {
    const policy = this.policy();
    const nextBoundary = call.view.offeredAt + call.view.ring * policy.ringCycleMs;
    call.ringTimer = this.deps.clock.setTimeout(() => {
      call.ringTimer = undefined;
      if (this.call !== call || call.view.phase !== 'ringing') return;
      if (call.view.ring < call.view.maxRings) {
        call.view = { ...call.view, ring: call.view.ring + 1 };
        this.changed();
        this.scheduleRingTick(call);
      } else {
        this.onRingTimeout(call);
      }
    }, nextBoundary - this.deps.clock.now());
  }

  private onRingTimeout(call: LiveCall): void {
    const session = this.requireSession();
    // Default policy reject-and-pause: decline so the queue re-routes, and stop offering calls.
    void session.phone.reject(call.view.id, TEMPORARILY_UNAVAILABLE).catch(() => {});
    this.setState('busy', 'missed');
    this.deps.onNotice({ level: 'warning', code: 'missed-call', params: { rings: call.view.maxRings } });
  }

  private onCallEnded(callId: string, reason: CallEnd): void {
    const call = this.call;
    if (!call || call.view.id !== callId || !this.session) return;
    this.stopRinging(call);
    this.call = undefined;
    const agentId = this.session.login.agent.agentId;
    const now = this.deps.clock.now();
    this.deps.records.recordCall(agentId, {
      callId,
      direction: call.view.direction,
      remoteNumber: call.view.remoteNumber,
      remoteDisplayName: call.view.remoteDisplayName,
      offeredAt: call.view.offeredAt,
      answeredAt: call.view.answeredAt,
      endedAt: now,
      ringsAtAnswer: call.view.ringsAtAnswer,
      endReason: reason,
    }, now);
    this.pendingSync = this.deps.records.pendingCount(agentId);
    this.deps.sync.kick();
    if (call.view.answeredAt !== null) this.startWrapUp(callId, now);
    else if (this.state === 'ringing') this.setState('ready', null);
    this.changed();
  }

  private startWrapUp(callId: string, now: number): void {
    const deadline = now + this.policy().wrapUpLimitMs;
    const timer = this.deps.clock.setTimeout(() => {
      // Wrap-up must not block incoming calls: back to ready; the form stays as a draft.
      this.wrapUp = undefined;
      if (this.state === 'wrapUp') this.setState('ready', null);
    }, deadline - now);
    this.wrapUp = { callId, startedAt: now, deadline, timer };
    this.setState('wrapUp', null);
  }

  private finishWrapUpTimer(): void {
    if (!this.wrapUp) return;
    this.deps.clock.clearTimeout(this.wrapUp.timer);
    this.wrapUp = undefined;
  }

  private stopRinging(call: LiveCall): void {
    this.deps.clock.clearTimeout(call.ringTimer);
    call.ringTimer = undefined;
  }

  private setState(state: DeskState, busyReason: BusyReason | null): void {
    const from = this.state;
    if (from === state && this.busyReason === busyReason) return;
    this.state = state;
    this.busyReason = busyReason;
    this.stateSince = this.deps.clock.now();
    if (this.session) this.deps.records.recordStateChange(this.session.login.agent.agentId, from, state, busyReason, this.stateSince);
    this.deps.sync.kick();
    this.changed();
  }

  private policy(): Policy {
    return this.requireSession().login.policy;
  }

  private requireSession(): Session {
    if (!this.session) throw new DeskError('not-logged-in', 'log in first');
    return this.session;
  }

  private requireCall(callId: string): LiveCall {
    if (!this.call || this.call.view.id !== callId) throw new DeskError('unknown-call', 'no such call');
    return this.call;
  }

  /** Coalesces the changes of one turn into one snapshot push. */
  private changed(): void {
    if (this.snapshotQueued) return;
    this.snapshotQueued = true;
    queueMicrotask(() => {
      this.snapshotQueued = false;
      this.deps.onSnapshot(this.snapshot());
    });
  }

  private snapshot(): DeskSnapshot {
    const login = this.session?.login;
    const dispositions: Disposition[] = login?.dispositions ?? [];
    return {
      at: this.deps.clock.now(),
      agent: login ? login.agent : null,
      loggingIn: this.loggingIn,
      state: this.state,
      stateSince: this.stateSince,
      busyReason: this.busyReason,
      registration: this.registration,
      registrationError: this.registrationError,
      serverReachable: this.serverReachable,
      policy: login?.policy ?? null,
      dispositions,
      call: this.call ? { ...this.call.view } : null,
      wrapUp: this.wrapUp ? { callId: this.wrapUp.callId, startedAt: this.wrapUp.startedAt, deadline: this.wrapUp.deadline } : null,
      pendingSync: this.pendingSync,
      recentCalls: login ? this.deps.records.recentCalls(login.agent.agentId, 20) : [],
    };
  }
}

/** The ring (1-based) an offer is in at `now`, never beyond the last. */
function ringAt(view: CallView, now: number, policy: Policy): number {
  return Math.min(view.maxRings, Math.floor((now - view.offeredAt) / policy.ringCycleMs) + 1);
}
