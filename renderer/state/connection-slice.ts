import type { StateCreator } from 'zustand/vanilla';

/**
 * Where the carrier to the main process stands. `connecting` is before the desk was ever
 * reached; `reconnecting` means we had it and lost it, which the UI must say loudly.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionSlice {
  connection: {
    status: ConnectionStatus;
    carrier: 'electron' | 'websocket' | null;
    everConnected: boolean;
    /** Failed attempts since the last success: drives the backoff and the banner text. */
    failedAttempts: number;
    /** The shell refused this window because another one drives the desk (until this one gets in). */
    otherWindowAttached: boolean;
  };
  connectionOpened(carrier: 'electron' | 'websocket'): void;
  connectionLost(): void;
  connectionAttemptFailed(): void;
  connectionRefusedForOtherWindow(): void;
}

export const createConnectionSlice: StateCreator<ConnectionSlice, [], [], ConnectionSlice> = (set) => ({
  connection: { status: 'connecting', carrier: null, everConnected: false, failedAttempts: 0, otherWindowAttached: false },
  connectionOpened(carrier) {
    set({ connection: { status: 'connected', carrier, everConnected: true, failedAttempts: 0, otherWindowAttached: false } });
  },
  connectionLost() {
    set((state) => ({ connection: { ...state.connection, status: 'reconnecting' } }));
  },
  connectionAttemptFailed() {
    set((state) => ({
      connection: {
        ...state.connection,
        status: state.connection.everConnected ? 'reconnecting' : 'connecting',
        failedAttempts: state.connection.failedAttempts + 1,
      },
    }));
  },
  connectionRefusedForOtherWindow() {
    set((state) => ({ connection: { ...state.connection, otherWindowAttached: true } }));
  },
});
