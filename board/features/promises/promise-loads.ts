import { boardApi } from '../../api/board-api';
import { boardStore } from '../../state/board-store';

// The badge and the view both load the open list when the socket comes back: one request serves both.
let openInFlight: { token: string; done: Promise<void> } | null = null;

/**
 * Loads every open promise into the store. The list is complete: what the store held before
 * asking and the list no longer has (kept while the socket was down) leaves.
 */
export function loadOpenPromises(token: string): Promise<void> {
  if (openInFlight?.token === token) return openInFlight.done;
  const before = boardStore.getState().promises;
  const done = boardApi
    .openPromises(token)
    .then((open) => {
      // A logout or another supervisor's login while the request was out: its answer is not theirs.
      if (boardStore.getState().session?.token === token) boardStore.getState().openPromisesLoaded(open, before);
    })
    .finally(() => {
      if (openInFlight?.done === done) openInFlight = null;
    });
  openInFlight = { token, done };
  return done;
}

/** Loads every handover not accepted yet; a held pending one the list no longer has was accepted meanwhile and leaves. */
export async function loadPendingHandovers(token: string): Promise<void> {
  const before = boardStore.getState().handovers;
  const pending = await boardApi.pendingHandovers(token);
  if (boardStore.getState().session?.token === token) boardStore.getState().pendingHandoversLoaded(pending, before);
}

/** Loads the handovers given on a center date (accepted ones included). */
export async function loadHandoversOfDay(token: string, date: string): Promise<void> {
  const handovers = await boardApi.handoversOfDay(token, date);
  if (boardStore.getState().session?.token === token) boardStore.getState().handoversChanged(handovers);
}
