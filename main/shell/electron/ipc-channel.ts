/** The one IPC channel the renderer and main talk on; every message on it is an RPC WireMessage. */
export const RPC_CHANNEL = 'seatdesk:rpc';
