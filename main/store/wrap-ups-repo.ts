import type { Database, Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { wrapUpDraftSchema, type WrapUpDraft } from '../../src/contract/desk';
import { wrapUpPayloadSchema, type WrapUpPayload } from '../../src/contract/sync';
import type { HistoryIndex } from './history-index';
import type { OutboxRepo } from './outbox-repo';
import type { PromisesRepo } from './promises-repo';
import { StoreError } from './store-error';

export { wrapUpDraftSchema, type WrapUpDraft };

/** A row of `wrap_ups`. `id` is the sync record id the server will store it under. */
export interface WrapUpRow {
  id: string;
  call_id: string;
  agent_id: string;
  status: 'draft' | 'saved';
  disposition: string;
  summary: string;
  customer_name: string;
  customer_contact: string;
  resolved: 0 | 1 | null;
  promised_reply_at: number | null;
  updated_at: number;
  saved_at: number | null;
}

export interface StoredWrapUp extends WrapUpDraft {
  id: string;
  agentId: string;
  status: 'draft' | 'saved';
  updatedAt: number;
  savedAt: number | null;
}

/**
 * Wrap-ups: at most one per call. A draft may be rewritten any number of times; saving is final.
 * The server treats a record id as immutable, so a second save for the same call is refused
 * rather than sent under the same id with different content.
 */
export class WrapUpsRepo {
  private readonly selectByCall: Statement<[string], WrapUpRow>;
  private readonly selectDrafts: Statement<[string], WrapUpRow>;
  private readonly selectCallAgent: Statement<[string], { agent_id: string; remote_number: string }>;
  private readonly upsert: Statement<[WrapUpRow]>;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepo,
    private readonly history: HistoryIndex,
    /** Where a saved wrap-up that promises a reply makes its promise (首问责任制), in the same transaction. */
    private readonly promises: PromisesRepo | null = null,
    private readonly newRecordId: () => string = uuidv7,
  ) {
    this.selectByCall = db.prepare('SELECT * FROM wrap_ups WHERE call_id = ?');
    this.selectDrafts = db.prepare("SELECT * FROM wrap_ups WHERE agent_id = ? AND status = 'draft' ORDER BY updated_at");
    this.selectCallAgent = db.prepare('SELECT agent_id, remote_number FROM calls WHERE id = ?');
    this.upsert = db.prepare(`
      INSERT INTO wrap_ups (id, call_id, agent_id, status, disposition, summary, customer_name, customer_contact, resolved, promised_reply_at, updated_at, saved_at)
      VALUES (@id, @call_id, @agent_id, @status, @disposition, @summary, @customer_name, @customer_contact, @resolved, @promised_reply_at, @updated_at, @saved_at)
      ON CONFLICT (id) DO UPDATE SET
        status = excluded.status, disposition = excluded.disposition, summary = excluded.summary,
        customer_name = excluded.customer_name, customer_contact = excluded.customer_contact,
        resolved = excluded.resolved, promised_reply_at = excluded.promised_reply_at,
        updated_at = excluded.updated_at, saved_at = excluded.saved_at`);
  }

  /** Keeps the agent's unfinished form. Refused once the wrap-up is saved. */
  saveDraft(agentId: string, draft: WrapUpDraft, at: number): StoredWrapUp {
    const parsed = wrapUpDraftSchema.safeParse(draft);
    if (!parsed.success) throw new StoreError('invalid-record', `not a valid wrap-up draft: ${parsed.error.message}`);
    const valid = parsed.data;
    return this.db.transaction(() => {
      const id = this.idForWriting(agentId, valid.callId);
      const row = toRow(id, agentId, valid, 'draft', at);
      this.upsert.run(row);
      // A draft's words are the agent's too: the history finds the call by them.
      this.history.refresh(valid.callId);
      return toStored(row);
    }).immediate();
  }

  /**
   * Saves the wrap-up and queues it for the server in one transaction: when this returns, both
   * are committed, and so is the promise an unresolved wrap-up with a promised reply time makes
   * (its id is the record id; `agentName` names its maker). Returns the record id. Refused for an
   * unknown call, another agent's call, or a call whose wrap-up is already saved.
   */
  save(agentId: string, wrapUp: WrapUpPayload, at: number, agentName = ''): { recordId: string } {
    const parsed = wrapUpPayloadSchema.safeParse(wrapUp);
    if (!parsed.success) throw new StoreError('invalid-record', `not a valid wrap-up: ${parsed.error.message}`);
    const valid = parsed.data;
    return this.db.transaction(() => {
      const id = this.idForWriting(agentId, valid.callId);
      this.upsert.run(toRow(id, agentId, valid, 'saved', at));
      this.outbox.enqueue({ id, agentId, kind: 'wrapUp', occurredAt: at, payload: valid }, at);
      this.promises?.makeFromWrapUp({ agentId, name: agentName }, id, valid, this.selectCallAgent.get(valid.callId)?.remote_number ?? '', at);
      this.history.refresh(valid.callId);
      return { recordId: id };
    }).immediate();
  }

  /** The wrap-up of a call, draft or saved, or null if none was started. */
  get(callId: string): StoredWrapUp | null {
    const row = this.selectByCall.get(callId);
    return row ? toStored(row) : null;
  }

  /** The agent's unfinished wrap-ups, oldest first: the desk offers them to finish later. */
  drafts(agentId: string): StoredWrapUp[] {
    return this.selectDrafts.all(agentId).map(toStored);
  }

  /** The id a write for this call goes under: the draft's, or a fresh one. Enforces the rules. */
  private idForWriting(agentId: string, callId: string): string {
    const call = this.selectCallAgent.get(callId);
    if (!call) throw new StoreError('unknown-call', `no recorded call ${callId}`);
    if (call.agent_id !== agentId) throw new StoreError('not-your-call', `call ${callId} belongs to another agent`);
    const existing = this.selectByCall.get(callId);
    if (existing?.status === 'saved') {
      throw new StoreError('wrap-up-already-saved', `the wrap-up of call ${callId} is already saved`);
    }
    return existing?.id ?? this.newRecordId();
  }
}

function toRow(id: string, agentId: string, wrapUp: WrapUpDraft, status: 'draft' | 'saved', at: number): WrapUpRow {
  return {
    id,
    call_id: wrapUp.callId,
    agent_id: agentId,
    status,
    disposition: wrapUp.disposition,
    summary: wrapUp.summary,
    customer_name: wrapUp.customerName,
    customer_contact: wrapUp.customerContact,
    resolved: wrapUp.resolved === null ? null : wrapUp.resolved ? 1 : 0,
    promised_reply_at: wrapUp.promisedReplyAt,
    updated_at: at,
    saved_at: status === 'saved' ? at : null,
  };
}

function toStored(row: WrapUpRow): StoredWrapUp {
  return {
    id: row.id,
    callId: row.call_id,
    agentId: row.agent_id,
    status: row.status,
    disposition: row.disposition,
    summary: row.summary,
    customerName: row.customer_name,
    customerContact: row.customer_contact,
    resolved: row.resolved === null ? null : row.resolved === 1,
    promisedReplyAt: row.promised_reply_at,
    updatedAt: row.updated_at,
    savedAt: row.saved_at,
  };
}
