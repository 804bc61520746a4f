import type { Handover, PromiseRecord } from '../../src/contract';

/**
 * Whether `incoming` is at least as new as `current`. The GET, a pushed frame and a reload after a
 * reconnect arrive in any order; the server's `updatedAt` never goes back, and two changes within
 * one millisecond are told apart by the history (a promise) or the status (a handover).
 */
export function isNewerPromise(incoming: PromiseRecord, current: PromiseRecord | undefined): boolean {
  if (!current) return true;
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt;
  return incoming.history.length >= current.history.length;
}

export function isNewerHandover(incoming: Handover, current: Handover | undefined): boolean {
  if (!current) return true;
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt;
  // Accepting is final: a pending copy stamped in the same millisecond never undoes it.
  return incoming.status === 'accepted' || current.status === 'pending';
}

function merged<T extends { id: string }>(held: Readonly<Record<string, T>>, incoming: readonly T[], isNewer: (incoming: T, current: T | undefined) => boolean): Record<string, T> {
  let next: Record<string, T> | null = null;
  for (const item of incoming) {
    if (!isNewer(item, (next ?? held)[item.id])) continue;
    next ??= { ...held };
    next[item.id] = item;
  }
  return next ?? (held as Record<string, T>);
}

/**
 * `held` with each of `incoming` that is newer than the copy held. A kept promise stays held (it
 * is no longer shown as open): an older open copy arriving after it must not bring it back.
 */
export function mergePromises(held: Readonly<Record<string, PromiseRecord>>, incoming: readonly PromiseRecord[]): Record<string, PromiseRecord> {
  return merged(held, incoming, isNewerPromise);
}

/** `held` with each of `incoming` that is newer; an accepted handover stays held (the day's list shows it). */
export function mergeHandovers(held: Readonly<Record<string, Handover>>, incoming: readonly Handover[]): Record<string, Handover> {
  return merged(held, incoming, isNewerHandover);
}

/**
 * A complete list from the server (every open promise, or every pending handover) taken after
 * `before` was read: merged like pushed copies, and what it no longer contains is dropped when it
 * was held before the request and has not changed since (kept, or accepted, while the socket was
 * down: the frame that said so was missed). What a frame brought during the request stays: the
 * list may have been taken before that change.
 */
function reconciled<T extends { id: string }>(
  held: Readonly<Record<string, T>>,
  complete: readonly T[],
  before: Readonly<Record<string, T>>,
  isNewer: (incoming: T, current: T | undefined) => boolean,
  droppable: (item: T) => boolean,
): Record<string, T> {
  const next = merged(held, complete, isNewer);
  const listed = new Set(complete.map((item) => item.id));
  let pruned: Record<string, T> | null = null;
  for (const [id, item] of Object.entries(next)) {
    if (listed.has(id) || before[id] !== item || !droppable(item)) continue;
    pruned ??= { ...next };
    delete pruned[id];
  }
  return pruned ?? next;
}

/** After GET /v1/board/promises: open or kept, a promise not in the open list and unchanged since `before` is gone. */
export function reconcileOpenPromises(
  held: Readonly<Record<string, PromiseRecord>>,
  open: readonly PromiseRecord[],
  before: Readonly<Record<string, PromiseRecord>>,
): Record<string, PromiseRecord> {
  return reconciled(held, open, before, isNewerPromise, () => true);
}

/** After GET /v1/board/handovers?view=pending: a pending one not listed and unchanged since `before` was accepted meanwhile. */
export function reconcilePendingHandovers(
  held: Readonly<Record<string, Handover>>,
  pending: readonly Handover[],
  before: Readonly<Record<string, Handover>>,
): Record<string, Handover> {
  return reconciled(held, pending, before, isNewerHandover, (handover) => handover.status === 'pending');
}
