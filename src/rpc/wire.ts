import * as z from 'zod';

/**
 * The one wire format of SeatDesk's RPC, whatever carries it (Electron IPC, a WebSocket, or an
 * in-memory pair in tests):
 *
 * - `req`: call `method` of the service registered as `service` on the other end;
 * - `res`: the answer to the `req` with the same `id`, either a value or a serialised error;
 * - `evt`: a one-way notification on `topic`.
 *
 * Every message is plain JSON data: nothing that crosses may be a function.
 */
export const wireMessageSchema = z.union([
  z.object({
    t: z.literal('req'),
    id: z.number().int().nonnegative(),
    service: z.string().min(1).max(64),
    method: z.string().min(1).max(64),
    params: z.unknown(),
  }),
  z.object({
    t: z.literal('res'),
    id: z.number().int().nonnegative(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    t: z.literal('res'),
    id: z.number().int().nonnegative(),
    ok: z.literal(false),
    error: z.object({
      name: z.string(),
      message: z.string(),
      code: z.string().optional(),
      params: z.record(z.string().max(64), z.union([z.string().max(256), z.number()])).optional(),
    }),
  }),
  z.object({
    t: z.literal('evt'),
    topic: z.string().min(1).max(64),
    payload: z.unknown(),
  }),
]);

export type WireMessage = z.infer<typeof wireMessageSchema>;

/** A bidirectional message pipe. Carriers implement it; the RPC layer never sees sockets. */
export interface Transport {
  send(message: WireMessage): void;
  /** Registers the receiver of incoming messages (already parsed from the carrier's framing). */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the carrier is gone; pending calls fail instead of hanging. */
  onClose(listener: () => void): () => void;
}
