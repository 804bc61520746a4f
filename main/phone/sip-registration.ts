import { Registerer, RegistererState, RequestPendingError, type UserAgent } from 'sip.js';
import type { RegistrationState } from '../../src/contract/desk';
import type { SipProvision } from '../../src/contract/sync';
import { backoffDelay, type BackoffSteps } from '../../src/domain/backoff';
import type { Clock, ClockTimer } from '../../src/domain/clock';

export interface SipRegistrationOptions {
  userAgent: UserAgent;
  clock: Clock;
  /** Reconnect backoff (full jitter on each step). */
  backoff: BackoffSteps;
  random: () => number;
  onChange(state: RegistrationState, error: string | null): void;
}

/**
 * The desk's connection to the PBX and its registration, kept up: connect, REGISTER, and on a
 * lost connection reconnect with backoff and register again. SIP.js's own reconnection is off
 * (SIP.js's default, `reconnectionAttempts: 0`): this one re-registers.
 */
export class SipRegistration {
  private registerer: Registerer;
  private reconnectTimer: ClockTimer | undefined;
  private reconnectAttempt = 0;
  private stopped = false;
  /** Unregistered for good (the session ended): the connection stays for a call, no REGISTER goes out. */
  private withdrawn = false;
  private current: RegistrationState = 'unregistered';

  constructor(private readonly options: SipRegistrationOptions) {
    this.registerer = this.createRegisterer();
  }

  get state(): RegistrationState {
    return this.current;
  }

  /** Connects and registers; a failure is reported as state and retried, never thrown. */
  async start(): Promise<void> {
    this.report('connecting', null);
    try {
      await this.options.userAgent.start();
    } catch (error) {
      this.report('connecting', errorMessage(error));
      this.scheduleReconnect();
    }
  }

  /** No reconnecting from now on (the phone is being stopped). */
  stopReconnecting(): void {
    this.stopped = true;
    this.options.clock.clearTimeout(this.reconnectTimer);
  }

  /**
   * Leaves the PBX's location service at once and for good, keeping the connection (and a call
   * on it, reconnected if need be): no REGISTER goes out any more, not a refresh, not after a
   * reconnect or new credentials, so the PBX never offers this desk a call again.
   */
  async withdraw(): Promise<void> {
    this.withdrawn = true;
    // Waits for a REGISTER in flight, then unregisters if it made us registered; stops refreshes.
    await this.registerer.dispose().catch(() => {});
    this.report('unregistered', null);
  }

  /** Unregisters (a courtesy: the registration expires anyway) and disconnects. */
  async stop(): Promise<void> {
    this.stopReconnecting();
    try {
      if (this.registerer.state === RegistererState.Registered) await this.registerer.unregister();
    } catch {
      // The PBX forgets us when the registration expires.
    }
    await this.options.userAgent.stop().catch(() => {});
    this.report('unregistered', null);
  }

  /** The user agent (re)connected: register on the new connection. */
  connected(): void {
    this.reconnectAttempt = 0;
    if (!this.withdrawn) void this.register();
  }

  /** The user agent lost its connection: say so and try again. */
  disconnected(error: Error | undefined): void {
    if (this.stopped) return;
    if (!this.withdrawn) this.report('connecting', error ? error.message : null);
    this.scheduleReconnect();
  }

  /**
   * Fresh credentials from the server: SIP.js reads them at every challenge, so the next REGISTER,
   * INVITE or refresh uses them; a REGISTER right away proves them (a refusal shows as 'failed').
   */
  async renewCredentials(sip: SipProvision): Promise<void> {
    const configuration = this.options.userAgent.configuration;
    configuration.authorizationUsername = sip.authorizationUsername;
    configuration.authorizationPassword = sip.authorizationPassword;
    if (this.options.userAgent.isConnected() && !this.withdrawn) await this.register();
  }

  private createRegisterer(): Registerer {
    const registerer = new Registerer(this.options.userAgent, { expires: 300 });
    registerer.stateChange.addListener((state) => {
      // A replaced registerer's late outcome says nothing about the registration we have now.
      if (registerer !== this.registerer) return;
      if (state === RegistererState.Registered && !this.withdrawn) this.report('registered', null);
      else if (state === RegistererState.Unregistered && !this.stopped) this.report('unregistered', null);
    });
    return registerer;
  }

  /** Called on every (re)connect. */
  private async register(): Promise<void> {
    try {
      await this.sendRegister(this.registerer);
    } catch (error) {
      if (!(error instanceof RequestPendingError)) {
        this.report('failed', errorMessage(error));
        return;
      }
      // A REGISTER went out on a connection that is gone, so its answer never comes, and SIP.js
      // refuses a new one until that times out (32 s), then never retries. Start afresh.
      const stale = this.registerer;
      this.registerer = this.createRegisterer();
      void stale.dispose().catch(() => {});
      await this.sendRegister(this.registerer).catch((retryError: unknown) => this.report('failed', errorMessage(retryError)));
    }
  }

  /** Sends REGISTER; only the current registerer's answer changes the state shown. */
  private sendRegister(registerer: Registerer): Promise<unknown> {
    const current = () => registerer === this.registerer;
    return registerer.register({
      requestDelegate: {
        // A re-REGISTER after a reconnect leaves SIP.js's state at Registered: no change event.
        onAccept: () => {
          if (current() && !this.withdrawn) this.report('registered', null);
        },
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message;
          if (current()) this.report('failed', `${statusCode} ${reasonPhrase}`);
        },
      },
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== undefined) return;
    const delay = backoffDelay(this.reconnectAttempt++, this.options.backoff, this.options.random);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stopped) return;
      this.options.userAgent.reconnect().catch(() => this.scheduleReconnect());
    }, delay);
  }

  private report(state: RegistrationState, error: string | null): void {
    this.current = state;
    this.options.onChange(state, error);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
