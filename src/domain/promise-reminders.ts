/**
 * When the owner of a first-contact promise (首问责任制, src/contract/promises.ts) hears about it.
 * Two reminders per open promise: `soon` at `dueAt - remindBeforeMs` (policy
 * promiseRemindBeforeMs, default 15 min), `due` at `dueAt`. From `dueAt` on it is overdue.
 *
 *   ──── later ────┬──── soon ────┬──── overdue ────▶ time
 *            dueAt - lead        dueAt
 *            (soon reminder)     (due reminder)
 *
 * A reminder is given once: the desk keeps which ones it gave. A promise found already past a
 * reminder's instant (the desk was closed then) gets that reminder at once, but only the latest
 * one that applies: a promise already due is not also announced as soon.
 */

export type PromiseUrgency = 'later' | 'soon' | 'overdue';
export type PromiseReminderKind = 'soon' | 'due';

/** What the reminders need of a promise. */
export interface RemindablePromise {
  id: string;
  dueAt: number;
  /** The reminders already given. */
  reminded: { soon: boolean; due: boolean };
}

/** How near a promise is at `now`. */
export function promiseUrgency(dueAt: number, remindBeforeMs: number, now: number): PromiseUrgency {
  if (now >= dueAt) return 'overdue';
  if (remindBeforeMs > 0 && now >= dueAt - remindBeforeMs) return 'soon';
  return 'later';
}

/**
 * The reminders due at `now`, at most one per promise; `skipped` are the earlier ones a late look
 * passed by (to be marked given, never announced).
 */
export function dueReminders(
  promises: readonly RemindablePromise[],
  remindBeforeMs: number,
  now: number,
): { due: { id: string; kind: PromiseReminderKind }[]; skipped: { id: string; kind: PromiseReminderKind }[] } {
  const due: { id: string; kind: PromiseReminderKind }[] = [];
  const skipped: { id: string; kind: PromiseReminderKind }[] = [];
  for (const promise of promises) {
    const urgency = promiseUrgency(promise.dueAt, remindBeforeMs, now);
    if (urgency === 'overdue') {
      if (!promise.reminded.due) due.push({ id: promise.id, kind: 'due' });
      if (!promise.reminded.soon && remindBeforeMs > 0) skipped.push({ id: promise.id, kind: 'soon' });
    } else if (urgency === 'soon' && !promise.reminded.soon) {
      due.push({ id: promise.id, kind: 'soon' });
    }
  }
  return { due, skipped };
}

/** The next instant after `now` at which a reminder falls due; null when none is left to give. */
export function nextReminderAt(promises: readonly RemindablePromise[], remindBeforeMs: number, now: number): number | null {
  let next: number | null = null;
  const consider = (at: number) => {
    if (at > now && (next === null || at < next)) next = at;
  };
  for (const promise of promises) {
    if (!promise.reminded.soon && remindBeforeMs > 0) consider(promise.dueAt - remindBeforeMs);
    if (!promise.reminded.due) consider(promise.dueAt);
  }
  return next;
}
