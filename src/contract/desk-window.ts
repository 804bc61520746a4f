/**
 * The browser shell carries the desk over a WebSocket on 127.0.0.1, and the window attached to it
 * carries the call audio. One window drives the desk at a time: while one is attached, another
 * connection (a second tab, a process that got hold of the launch token) is closed at once with
 * this code and reason, and that window says why. A window that closed frees the place, so a
 * reload reconnects.
 */
export const DESK_WINDOW_IN_USE = { code: 4409, reason: 'desk-open-in-another-window' } as const;
