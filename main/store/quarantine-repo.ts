import type { Database, Statement } from 'better-sqlite3';

interface QuarantineRow {
  seq: number;
  agent_id: string;
  kind: string;
  record: string;
  error: string;
  kept_at: number;
}

/** A record the store refused, as it was kept. */
export interface QuarantinedRecord {
  kind: string;
  /** The record as the desk built it. */
  record: unknown;
  error: string;
  keptAt: number;
}

/**
 * Records the store refused to save (an invalid record, a failed write), kept as they were so
 * nothing the desk saw is lost. Nothing here is sent to the server: support reads it.
 */
export class QuarantineRepo {
  private readonly insert: Statement<[Omit<QuarantineRow, 'seq'>]>;
  private readonly selectByAgent: Statement<[string], QuarantineRow>;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO quarantine (agent_id, kind, record, error, kept_at) VALUES (@agent_id, @kind, @record, @error, @kept_at)');
    this.selectByAgent = db.prepare('SELECT * FROM quarantine WHERE agent_id = ? ORDER BY seq');
  }

  keep(agentId: string, kind: string, record: unknown, error: string, at: number): void {
    this.insert.run({ agent_id: agentId, kind, record: JSON.stringify(record) ?? 'null', error, kept_at: at });
  }

  /** The agent's quarantined records, oldest first. */
  all(agentId: string): QuarantinedRecord[] {
    return this.selectByAgent.all(agentId).map((row) => ({ kind: row.kind, record: JSON.parse(row.record) as unknown, error: row.error, keptAt: row.kept_at }));
  }
}
