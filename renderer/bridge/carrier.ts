import type { Transport } from '../../src/rpc';

export type CarrierKind = 'electron' | 'websocket';

/** One live link to the main process. */
export interface CarrierConnection {
  transport: Transport;
  /** Drops the link (its transport then reports close where the carrier can). */
  close(): void;
}

/** A way to reach the main process: opens one connection per (re)connect. */
export interface Carrier {
  kind: CarrierKind;
  /** Resolves once the transport can send; rejects when this attempt failed. */
  connect(): Promise<CarrierConnection>;
}
