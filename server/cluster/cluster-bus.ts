/**
 * How the server instances of one center hear each other (DESIGN.md, the center side): what one
 * instance learns (a desk's state, an alert, a session's end) the others must show their own
 * boards and desks at once. With PGlite there is one instance (`soloBus`); with PostgreSQL every
 * instance listens on one channel (`PostgresBus`).
 */
export interface ClusterBus {
  /** This instance, as the others know it. */
  readonly instanceId: string;
  /** Sends a message to every other instance (not to this one); lost while the bus is down. */
  publish(body: string): void;
  /**
   * Whether this instance is the one that raises what the server finds by itself (a desk that
   * stayed unreachable): every instance watches, exactly one raises.
   */
  isLeader(): boolean;
  close(): Promise<void>;
}

export interface ClusterBusHandlers {
  /** A message another instance published. */
  onMessage(from: string, body: string): void;
  /** Listening again after the bus was down: what was published meanwhile was missed. */
  onResumed(): void;
  /** Something went wrong that the bus recovers from by itself (logged). */
  onError(error: unknown, what: string): void;
}

/** The one instance of a PGlite server: nobody to tell, and always the leader. */
export function soloBus(instanceId: string): ClusterBus {
  return { instanceId, publish: () => undefined, isLeader: () => true, close: () => Promise.resolve() };
}
