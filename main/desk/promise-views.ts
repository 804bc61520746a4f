import { shortenText } from '../../src/domain/cut-text';
import type { HandoverView, PromiseView } from '../../src/contract/desk';
import type { HandoverItem } from '../../src/contract/handovers';
import type { PendingHandoverOf, StoredHandover } from '../store/handovers-repo';
import type { StoredPromise } from '../store/promises-repo';
import type { StoredTicket } from '../store/tickets-repo';
import { firstLine } from './ticket-views';

/** What the views need to know besides the promises themselves. */
export interface PromiseViewLookups {
  /** The pending handover an item rides in (this desk's knowledge), if any. */
  pendingOf(kind: 'promise' | 'ticket', id: string): PendingHandoverOf | null;
  /** A handover this desk holds (for a promise the server says is being handed over). */
  handover(id: string): StoredHandover | null;
  /** Whether the server acknowledged a record. */
  isDelivered(recordId: string): boolean;
}

/** The agent's promises as the desk shows them: the open ones (soonest due first), then the ones kept today (latest first). */
export function promiseViews(open: readonly StoredPromise[], keptToday: readonly StoredPromise[], lookups: PromiseViewLookups): PromiseView[] {
  return [...open, ...keptToday].map((promise) => promiseView(promise, lookups));
}

function promiseView(promise: StoredPromise, lookups: PromiseViewLookups): PromiseView {
  const { server, keptHere } = promise;
  const kept = keptHere ? { at: keptHere.at, note: keptHere.note } : server?.kept ? { at: server.kept.at, note: server.kept.note } : null;
  const callbacks = new Set([...(server?.callbacks ?? []), ...promise.callbacksHere].map((callback) => callback.callId.toLowerCase()));
  const pendingSync = (server === null && !lookups.isDelivered(promise.id)) || (keptHere?.recordId != null && !lookups.isDelivered(keptHere.recordId));
  return {
    id: promise.id,
    callId: promise.callId,
    dueAt: promise.dueAt,
    customerName: promise.customerName,
    customerContact: promise.customerContact,
    remoteNumber: promise.remoteNumber,
    disposition: promise.disposition,
    summary: firstLine(promise.summary),
    status: kept ? 'kept' : 'open',
    kept,
    callbacks: callbacks.size,
    pendingSync,
    handingOver: kept ? null : handingOver(promise, lookups),
    madeBy: promise.madeBy,
  };
}

function handingOver(promise: StoredPromise, lookups: PromiseViewLookups): PromiseView['handingOver'] {
  const local = lookups.pendingOf('promise', promise.id);
  if (local) return local;
  const serverHandoverId = promise.server?.pendingHandoverId;
  if (!serverHandoverId) return null;
  // Given on another desk of the agent's: its handover comes with the catch-up; until then, say where it is not known.
  const held = lookups.handover(serverHandoverId);
  return { handoverId: serverHandoverId, to: held?.to ?? 'nextShift' };
}

/** A handover as the desk shows it; `incoming` ones are pending on the server by definition. */
export function handoverView(handover: StoredHandover, direction: 'incoming' | 'outgoing', isDelivered: (recordId: string) => boolean): HandoverView {
  const server = handover.server;
  const status: HandoverView['status'] =
    direction === 'incoming' ? 'pending' : server?.status === 'accepted' ? 'accepted' : server || isDelivered(handover.id) ? 'sent' : 'pending';
  return {
    id: handover.id,
    from: server?.from ?? handover.from,
    to: server ? (server.to.kind === 'agent' ? server.to.agent : 'nextShift') : handover.to,
    note: server?.note ?? handover.payload?.note ?? '',
    items: handover.items,
    handedAt: handover.handedAt,
    status,
  };
}

/** The title a handover item carries (src/contract/handovers.ts: at most 200 characters). */
const TITLE_CHARS = 200;

/** Cut to the contract's length, never splitting a character; `…` when cut. */
function title(text: string): string {
  return shortenText(text.trim(), TITLE_CHARS);
}

/** A promise as the giver's desk describes it in a handover. */
export function promiseItem(promise: StoredPromise, note: string): HandoverItem {
  return {
    kind: 'promise',
    id: promise.id,
    note,
    title: title([promise.customerName, firstLine(promise.summary)].filter(Boolean).join(' ')),
    dueAt: promise.dueAt,
    remoteNumber: promise.remoteNumber,
    open: true,
  };
}

/** A ticket as the giver's desk describes it in a handover. */
export function ticketItem(ticket: StoredTicket, note: string): HandoverItem {
  return {
    kind: 'ticket',
    id: ticket.id,
    note,
    title: title(firstLine(ticket.payload.content)),
    dueAt: ticket.payload.promisedReplyAt,
    remoteNumber: ticket.payload.remoteNumber,
    open: true,
  };
}
