import { type StoreApi } from 'zustand/vanilla';
import type { Alert, BoardLoginResponse, SeatPresence, SupervisorAction } from '../../src/contract';
import type { LinkState } from '../api/board-socket';
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
    seatChanged(seat: SeatPresence, serverTime: number): void;
    alertsReceived(alerts: readonly Alert[]): void;
    alertChanged(alert: Alert): void;
    actionsReceived(actions: readonly SupervisorAction[]): void;
    actionChanged(action: SupervisorAction): void;
    select(agentId: string | null): void;
    linkChanged(link: LinkState): void;
    loggedOut(reason: string | null): void;
}
export declare function createBoardStore(storage?: Storage | null, now?: () => number): StoreApi<BoardState>;
export declare const boardStore: StoreApi<BoardState>;
export declare function useBoardStore<T>(selector: (state: BoardState) => T): T;
