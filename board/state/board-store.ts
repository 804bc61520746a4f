import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Alert, BoardLoginResponse, Handover, PromiseRecord, SeatPresence, SupervisorAction, Ticket } from '../../src/contract';
import type { LinkState } from '../api/board-socket';
import { mergeHandovers, mergePromises, reconcileOpenPromises, reconcilePendingHandovers } from './promise-merge';
import { mergeTickets } from './ticket-merge';

/** The supervisor's board session, kept for the tab (a reload, a wall display's refresh). */
export type BoardSession = Pick<BoardLoginResponse, 'token' | 'supervisor' | 'policy'>;

export interface BoardState {
  session: BoardSession | null;
  /** Every seat by 工号, as the server last said. */
  seats: Record<string, SeatPresence>;
  /** The open alerts and the day's others, by id. */
  alerts: Record<string, Alert>;
  /** The day's supervisor actions, by id. */
  actions: Record<string, SupervisorAction>;
  /** Escalation tickets by id: the open ones loaded at start and every one pushed since; each the newest copy. */
  tickets: Record<string, Ticket>;
  /** First-contact promises by id, each the newest copy: open ones, and kept ones pushed since (not shown as open). */
  promises: Record<string, PromiseRecord>;
  /** Shift handovers by id, each the newest copy: the pending ones and the accepted ones loaded or pushed. */
  handovers: Record<string, Handover>;
  /** The seat whose actions panel is open. */
  selected: string | null;
  /** Alerts raised while this board watched (not those it found on connecting): each one rang. */
  chimes: number;
  /** Server clock minus this page's clock, from the last frame: ticking times use the server's. */
  serverOffsetMs: number;
  link: LinkState;
  /** Why the board is back at the login (the server ended or refused the session). */
  endedReason: string | null;
  loggedIn(session: BoardSession): void;
  seatsReceived(seats: readonly SeatPresence[], serverTime: number): void;
  /** Seats that changed (each the seat's newest presence), applied together. */
  seatsChanged(seats: readonly SeatPresence[], serverTime: number): void;
  alertsReceived(alerts: readonly Alert[]): void;
  alertChanged(alert: Alert): void;
  actionsReceived(actions: readonly SupervisorAction[]): void;
  actionChanged(action: SupervisorAction): void;
  /** Tickets loaded or pushed or answered to a change: each kept only if newer than the copy held. */
  ticketsChanged(tickets: readonly Ticket[]): void;
  /** Promises pushed or loaded: each kept only if newer than the copy held. */
  promisesChanged(promises: readonly PromiseRecord[]): void;
  /** The complete open list, asked for when `before` was held: see reconcileOpenPromises. */
  openPromisesLoaded(open: readonly PromiseRecord[], before: Readonly<Record<string, PromiseRecord>>): void;
  handoversChanged(handovers: readonly Handover[]): void;
  /** The complete pending list, asked for when `before` was held: see reconcilePendingHandovers. */
  pendingHandoversLoaded(pending: readonly Handover[], before: Readonly<Record<string, Handover>>): void;
  select(agentId: string | null): void;
  linkChanged(link: LinkState): void;
  loggedOut(reason: string | null): void;
}

const SESSION_KEY = 'seatdesk.board.session';

function remembered(storage: Storage | null): BoardSession | null {
  try {
    const text = storage?.getItem(SESSION_KEY);
    return text ? (JSON.parse(text) as BoardSession) : null;
  } catch {
    return null;
  }
}

function remember(storage: Storage | null, session: BoardSession | null): void {
  try {
    if (session) storage?.setItem(SESSION_KEY, JSON.stringify(session));
    else storage?.removeItem(SESSION_KEY);
  } catch {
    // Not remembering costs a login after a reload, nothing more.
  }
}

export function createBoardStore(storage: Storage | null = null, now: () => number = Date.now): StoreApi<BoardState> {
  return createStore<BoardState>()((set) => ({
    session: remembered(storage),
    seats: {},
    alerts: {},
    actions: {},
    tickets: {},
    promises: {},
    handovers: {},
    selected: null,
    chimes: 0,
    serverOffsetMs: 0,
    link: 'connecting',
    endedReason: null,
    loggedIn: (session) => {
      remember(storage, session);
      set({ session, endedReason: null, seats: {}, alerts: {}, tickets: {}, promises: {}, handovers: {} });
    },
    seatsReceived: (seats, serverTime) => set({ seats: Object.fromEntries(seats.map((seat) => [seat.agentId, seat])), serverOffsetMs: serverTime - now() }),
    seatsChanged: (changed, serverTime) =>
      set((state) => {
        const seats = { ...state.seats };
        for (const seat of changed) seats[seat.agentId] = seat;
        return { seats, serverOffsetMs: serverTime - now() };
      }),
    alertsReceived: (alerts) => set({ alerts: Object.fromEntries(alerts.map((alert) => [alert.id, alert])) }),
    // Likewise an acknowledgement is never undone by an older copy of the alert.
    alertChanged: (alert) =>
      set((state) =>
        state.alerts[alert.id]?.acknowledged && !alert.acknowledged
          ? state
          : { alerts: { ...state.alerts, [alert.id]: alert }, chimes: state.chimes + (alert.acknowledged === null && !state.alerts[alert.id] ? 1 : 0) },
      ),
    actionsReceived: (actions) => set({ actions: Object.fromEntries(actions.map((action) => [action.id, action])) }),
    // The POST's answer (no outcome yet) can arrive after the pushed outcome: never go back.
    actionChanged: (action) => set((state) => (state.actions[action.id]?.outcome && !action.outcome ? state : { actions: { ...state.actions, [action.id]: action } })),
    ticketsChanged: (tickets) => set((state) => ({ tickets: mergeTickets(state.tickets, tickets) })),
    promisesChanged: (promises) => set((state) => ({ promises: mergePromises(state.promises, promises) })),
    openPromisesLoaded: (open, before) => set((state) => ({ promises: reconcileOpenPromises(state.promises, open, before) })),
    handoversChanged: (handovers) => set((state) => ({ handovers: mergeHandovers(state.handovers, handovers) })),
    pendingHandoversLoaded: (pending, before) => set((state) => ({ handovers: reconcilePendingHandovers(state.handovers, pending, before) })),
    select: (selected) => set({ selected }),
    linkChanged: (link) => set({ link }),
    loggedOut: (reason) => {
      remember(storage, null);
      set({ session: null, seats: {}, alerts: {}, actions: {}, tickets: {}, promises: {}, handovers: {}, selected: null, endedReason: reason });
    },
  }));
}

export const boardStore = createBoardStore(typeof sessionStorage === 'undefined' ? null : sessionStorage);

export function useBoardStore<T>(selector: (state: BoardState) => T): T {
  return useStore(boardStore, selector);
}
