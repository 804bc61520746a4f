import { type BoardMessage } from '../../src/contract';
/** How the board's live connection stands. */
export type LinkState = 'connecting' | 'live' | 'retrying';
export interface BoardSocketHandlers {
    onMessage(message: BoardMessage): void;
    onLink(state: LinkState): void;
    /** The server refused the session (closed 1008): log in again. */
    onRefused(reason: string): void;
}
/**
 * The board's WebSocket to /v1/board/live: says hello with the session token (browsers cannot
 * set headers on a WebSocket), hands on every frame the contract accepts, and reconnects with
 * backoff when the connection drops; each reconnect brings every seat again.
 */
export declare class BoardSocket {
    private readonly token;
    private readonly handlers;
    private readonly url;
    private socket;
    private attempt;
    private timer;
    private stopped;
    constructor(token: string, handlers: BoardSocketHandlers, url?: string);
    start(): void;
    stop(): void;
    private open;
}
