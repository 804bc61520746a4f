import type { Database, Statement } from 'better-sqlite3';
import { serverSurveyResultSchema, type ServerSurveyResult, type SurveyRating } from '../../src/contract/survey';
import type { HistoryIndex } from './history-index';
import { StoreError } from './store-error';

interface SurveyResultRow {
  call_id: string;
  id: string;
  agent_id: string;
  rating: SurveyRating;
  rated_at: number;
  received_at: number;
}

/** Survey results relayed by the central server, one per call (the newest report wins). */
export class SurveyResultsRepo {
  private readonly upsert: Statement<[SurveyResultRow]>;
  private readonly selectNewest: Statement<[string], { received_at: number | null }>;
  private readonly selectByCall: Statement<[string], SurveyResultRow>;

  constructor(
    private readonly db: Database,
    private readonly history: HistoryIndex,
  ) {
    this.upsert = db.prepare(`
      INSERT INTO survey_results (call_id, id, agent_id, rating, rated_at, received_at)
      VALUES (@call_id, @id, @agent_id, @rating, @rated_at, @received_at)
      ON CONFLICT (call_id) DO UPDATE SET id = excluded.id, rating = excluded.rating, rated_at = excluded.rated_at, received_at = excluded.received_at
      WHERE excluded.received_at >= survey_results.received_at`);
    this.selectNewest = db.prepare('SELECT MAX(received_at) AS received_at FROM survey_results WHERE agent_id = ?');
    this.selectByCall = db.prepare('SELECT * FROM survey_results WHERE call_id = ?');
  }

  /** Stores a result (and the call's rating in the history's index); an older report than the one stored for the call changes nothing. */
  save(result: ServerSurveyResult): void {
    const parsed = serverSurveyResultSchema.safeParse(result);
    if (!parsed.success) throw new StoreError('invalid-record', `not a valid survey result: ${parsed.error.message}`);
    const valid = parsed.data;
    this.db.transaction(() => {
      this.upsert.run({
        call_id: valid.callId,
        id: valid.id,
        agent_id: valid.agentId,
        rating: valid.rating,
        rated_at: valid.ratedAt,
        received_at: valid.receivedAt,
      });
      this.history.refresh(valid.callId);
    }).immediate();
  }

  /** The server's receivedAt of the newest result this desk has for the agent: catch up from there. */
  newestReceivedAt(agentId: string): number {
    return this.selectNewest.get(agentId)?.received_at ?? 0;
  }

  ratingOf(callId: string): SurveyRating | null {
    return this.selectByCall.get(callId)?.rating ?? null;
  }
}
