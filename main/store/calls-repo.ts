import type { Database, Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { RecentCall } from '../../src/contract/desk';
import type { SurveyRating } from '../../src/contract/survey';
import { callPayloadSchema, type CallPayload } from '../../src/contract/sync';
import type { HistoryIndex } from './history-index';
import type { OutboxRepo } from './outbox-repo';
import { StoreError } from './store-error';

/** A row of `calls`: one finished call as this desk saw it. */
export interface CallRow {
  id: string;
  agent_id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  remote_display_name: string;
  offered_at: number;
  answered_at: number | null;
  ended_at: number;
  rings_at_answer: number | null;
  end_reason: string;
  survey: 'transferred' | 'skipped' | null;
  survey_skip_reason: string | null;
  transferred_to: string | null;
  transfer_kind: 'blind' | 'attended' | null;
  consulted_with: string | null;
  /** SQLite has no booleans: 0 or 1. */
  conference: number;
}

export interface StoredCall extends CallPayload {
  agentId: string;
}

interface RecentCallRow extends CallRow {
  wrap_up_status: 'draft' | 'saved' | null;
  wrap_up_acked_at: number | null;
  survey_rating: SurveyRating | null;
}

/** Finished calls, each written together with the outbox record that carries it to the server. */
export class CallsRepo {
  private readonly insert: Statement<[CallRow]>;
  private readonly selectById: Statement<[string], CallRow>;
  private readonly selectRecent: Statement<[string, number], RecentCallRow>;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepo,
    private readonly history: HistoryIndex,
    private readonly newRecordId: () => string = uuidv7,
  ) {
    this.insert = db.prepare(`
      INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, answered_at, ended_at, rings_at_answer, end_reason,
                         survey, survey_skip_reason, transferred_to, transfer_kind, consulted_with, conference)
      VALUES (@id, @agent_id, @direction, @remote_number, @remote_display_name, @offered_at, @answered_at, @ended_at, @rings_at_answer, @end_reason,
              @survey, @survey_skip_reason, @transferred_to, @transfer_kind, @consulted_with, @conference)`);
    this.selectById = db.prepare('SELECT * FROM calls WHERE id = ?');
    // The wrap-up's record id is its outbox id, so the join tells whether the server has it.
    this.selectRecent = db.prepare(`
      SELECT calls.*, wrap_ups.status AS wrap_up_status, outbox.acked_at AS wrap_up_acked_at, survey_results.rating AS survey_rating
      FROM calls
      LEFT JOIN wrap_ups ON wrap_ups.call_id = calls.id
      LEFT JOIN outbox ON outbox.id = wrap_ups.id
      LEFT JOIN survey_results ON survey_results.call_id = calls.id
      WHERE calls.agent_id = ?
      ORDER BY calls.ended_at DESC, calls.id DESC
      LIMIT ?`);
  }

  /**
   * Stores a finished call, queues it for the server and adds it to the history's index, in one transaction.
   * Returns the sync record id. Refuses a call id that is already recorded.
   */
  recordFinished(agentId: string, call: CallPayload, at: number): { recordId: string } {
    const parsed = callPayloadSchema.safeParse(call);
    if (!parsed.success) throw new StoreError('invalid-record', `not a valid call: ${parsed.error.message}`);
    const valid = parsed.data;
    const recordId = this.newRecordId();
    this.db.transaction(() => {
      if (this.selectById.get(valid.callId)) {
        throw new StoreError('call-already-recorded', `call ${valid.callId} is already recorded`);
      }
      this.insert.run({
        id: valid.callId,
        agent_id: agentId,
        direction: valid.direction,
        remote_number: valid.remoteNumber,
        remote_display_name: valid.remoteDisplayName,
        offered_at: valid.offeredAt,
        answered_at: valid.answeredAt,
        ended_at: valid.endedAt,
        rings_at_answer: valid.ringsAtAnswer,
        end_reason: valid.endReason,
        survey: valid.survey,
        survey_skip_reason: valid.surveySkipReason,
        transferred_to: valid.transferredTo,
        transfer_kind: valid.transferKind,
        consulted_with: valid.consultedWith,
        conference: valid.conference ? 1 : 0,
      });
      this.outbox.enqueue({ id: recordId, agentId, kind: 'call', occurredAt: valid.endedAt, payload: valid }, at);
      this.history.refresh(valid.callId);
    }).immediate();
    return { recordId };
  }

  get(callId: string): StoredCall | null {
    const row = this.selectById.get(callId);
    return row ? toStoredCall(row) : null;
  }

  /** The agent's latest finished calls, newest first, with where each wrap-up stands and the survey's verdict. */
  recentCalls(agentId: string, limit: number): RecentCall[] {
    return this.selectRecent.all(agentId, limit).map((row) => {
      const { callId, direction, remoteNumber, remoteDisplayName, offeredAt, answeredAt, endedAt, ringsAtAnswer, survey, transferredTo } = toStoredCall(row);
      const wrapUp = row.wrap_up_status === null ? 'none' : row.wrap_up_status === 'draft' ? 'draft' : row.wrap_up_acked_at === null ? 'pending' : 'synced';
      return {
        callId,
        direction,
        remoteNumber,
        remoteDisplayName,
        offeredAt,
        answeredAt,
        endedAt,
        ringsAtAnswer,
        wrapUp,
        survey,
        surveyRating: row.survey_rating,
        transferredTo,
      };
    });
  }
}

function toStoredCall(row: CallRow): StoredCall {
  return {
    agentId: row.agent_id,
    callId: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    remoteDisplayName: row.remote_display_name,
    offeredAt: row.offered_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    ringsAtAnswer: row.rings_at_answer,
    endReason: row.end_reason,
    survey: row.survey,
    surveySkipReason: row.survey_skip_reason,
    transferredTo: row.transferred_to,
    transferKind: row.transfer_kind,
    consultedWith: row.consulted_with,
    conference: row.conference === 1,
  };
}
