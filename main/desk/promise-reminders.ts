import type { Clock, ClockTimer } from '../../src/domain/clock';
import { dueReminders, nextReminderAt, type PromiseReminderKind, type RemindablePromise } from '../../src/domain/promise-reminders';

/** One reminder of a first-contact promise, as the agent (and the OS) is told it. */
export interface PromiseReminder {
  kind: PromiseReminderKind;
  promiseId: string;
  /** The customer's name, or their contact when the wrap-up named nobody. */
  customer: string;
  /** The number of the call the promise was made on. */
  number: string;
  dueAt: number;
}

/** An open promise of the agent's, as the reminders need it. */
export interface RemindedPromise extends RemindablePromise {
  customer: string;
  number: string;
}

export interface PromiseRemindersOptions {
  clock: Clock;
  /** The logged-in agent's open promises, with the reminders already given (from the store). */
  promises(): readonly RemindedPromise[];
  /** policy.promiseRemindBeforeMs of the session. */
  leadMs(): number;
  /** Writes down reminders as given (announced, or passed by), so a restart does not repeat them. */
  persist(given: readonly { id: string; kind: PromiseReminderKind }[]): void;
  /** Tells the agent: a notice, a sound, an OS notification. */
  remind(reminder: PromiseReminder): void;
  reportFault(where: string, error: unknown): void;
}

/** After a failure (the store could not be read), the reminders look again this much later. */
const RETRY_AFTER_FAULT_MS = 60_000;

/**
 * The reminders of the agent's first-contact promises (首问责任制, DOMAIN.md rule 3): one clock
 * timer for the next reminder over all open promises (src/domain/promise-reminders.ts), re-armed
 * whenever the promises change. A reminder is written down as given before it is announced; the
 * ones given in this session are also remembered here, so a store that refuses the write does not
 * make the desk repeat them. A failure is reported and never stops the desk.
 *
 *   start (login) ──▶ armed ──timer──▶ remind due ones, arm the next ──▶ … ──stop (logout)──▶ idle
 *                       ▲                                                   │
 *                       └──────────── arm (promises changed) ◀──────────────┘
 */
export class PromiseReminders {
  private timer: ClockTimer | undefined;
  private active = false;
  /** `${id}:${kind}` of the reminders given in this session. */
  private readonly given = new Set<string>();

  constructor(private readonly options: PromiseRemindersOptions) {}

  /** At login: reminders that fell due while the desk was closed are given now (only the latest each). */
  start(): void {
    this.active = true;
    this.arm();
  }

  /** At logout: no timer is left behind. */
  stop(): void {
    this.active = false;
    this.clear();
    this.given.clear();
  }

  /** The promises changed (made, kept, handed over, a new due time): gives what is due, sets the next timer. */
  arm(): void {
    if (!this.active) return;
    this.clear();
    const { clock } = this.options;
    let next: number | null;
    try {
      next = this.remindDue(clock.now());
    } catch (error) {
      this.options.reportFault('promise reminders', error);
      next = clock.now() + RETRY_AFTER_FAULT_MS;
    }
    if (next === null) return;
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.arm();
    }, Math.max(1, next - clock.now()));
  }

  /** Gives the reminders due at `now`; returns when the next one falls due. */
  private remindDue(now: number): number | null {
    const lead = this.options.leadMs();
    const promises = this.options.promises().map((promise) => ({
      ...promise,
      reminded: { soon: promise.reminded.soon || this.given.has(`${promise.id}:soon`), due: promise.reminded.due || this.given.has(`${promise.id}:due`) },
    }));
    const { due, skipped } = dueReminders(promises, lead, now);
    const given = [...due, ...skipped];
    if (given.length > 0) {
      for (const { id, kind } of given) this.given.add(`${id}:${kind}`);
      try {
        this.options.persist(given);
      } catch (error) {
        this.options.reportFault('promise reminders: write down', error);
      }
      for (const { id, kind } of due) {
        const promise = promises.find((candidate) => candidate.id === id);
        if (!promise) continue;
        try {
          this.options.remind({ kind, promiseId: id, customer: promise.customer, number: promise.number, dueAt: promise.dueAt });
        } catch (error) {
          this.options.reportFault('promise reminders: remind', error);
        }
      }
    }
    const marked = promises.map((promise) => ({
      ...promise,
      reminded: { soon: promise.reminded.soon || this.given.has(`${promise.id}:soon`), due: promise.reminded.due || this.given.has(`${promise.id}:due`) },
    }));
    return nextReminderAt(marked, lead, now);
  }

  private clear(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
