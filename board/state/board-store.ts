import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BoardLoginResponse, SeatPresence } from '../../src/contract';
import type { LinkState } from '../api/board-socket';

/** The supervisor's board session, kept for the tab (a reload, a wall display's refresh). */
export type BoardSession = Pick<BoardLoginResponse, 'token' | 'supervisor' | 'policy'>;

export interface BoardState {
  session: BoardSession | null;
  /** Every seat by 工号, as the server last said. */
  seats: Record<string, SeatPresence>;
  /** Server clock minus this page's clock, from the last frame: ticking times use the server's. */
  serverOffsetMs: number;
  link: LinkState;
  /** Why the board is back at the login (the server ended or refused the session). */
  endedReason: string | null;
  loggedIn(session: BoardSession): void;
  seatsReceived(seats: readonly SeatPresence[], serverTime: number): void;
  seatChanged(seat: SeatPresence, serverTime: number): void;
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
    serverOffsetMs: 0,
    link: 'connecting',
    endedReason: null,
    loggedIn: (session) => {
      remember(storage, session);
      set({ session, endedReason: null, seats: {} });
    },
    seatsReceived: (seats, serverTime) => set({ seats: Object.fromEntries(seats.map((seat) => [seat.agentId, seat])), serverOffsetMs: serverTime - now() }),
    seatChanged: (seat, serverTime) => set((state) => ({ seats: { ...state.seats, [seat.agentId]: seat }, serverOffsetMs: serverTime - now() })),
    linkChanged: (link) => set({ link }),
    loggedOut: (reason) => {
      remember(storage, null);
      set({ session: null, seats: {}, endedReason: reason });
    },
  }));
}

export const boardStore = createBoardStore(typeof sessionStorage === 'undefined' ? null : sessionStorage);

export function useBoardStore<T>(selector: (state: BoardState) => T): T {
  return useStore(boardStore, selector);
}
