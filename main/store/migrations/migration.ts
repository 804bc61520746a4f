import type { Database } from 'better-sqlite3';

/**
 * One step of the desk schema. `version` is the value `PRAGMA user_version` holds after `up` ran;
 * versions are consecutive from 1. A migration never changes once shipped: fix forward with a new one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the transaction that also bumps `user_version`; throwing rolls both back. */
  up(db: Database): void;
}
