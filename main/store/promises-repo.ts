import { cutText } from '../../src/domain/cut-text';
import type { Database, Statement } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import * as z from 'zod';
import { promiseSchema, type PromisePerson, type PromiseRecord } from '../../src/contract/promises';
import type { WrapUpPayload } from '../../src/contract/sync';
import type { PromiseReminderKind } from '../../src/domain/promise-reminders';
import type { HandoversRepo } from './handovers-repo';
import type { OutboxRepo } from './outbox-repo';
import { StoreError } from './store-error';

/** A row of `promises` (migration 0008). */
interface PromiseRow {
  id: string;
  owner_id: string;
  call_id: string;
  made_by_id: string;
  made_by_name: string;
  due_at: number;
  made_at: number;
  disposition: string;
  summary: string;
  customer_name: string;
  customer_contact: string;
  remote_number: string;
  kept_at: number | null;
  kept_note: string | null;
  kept_record_id: string | null;
  callbacks: string;
  server_state: string | null;
  server_updated_at: number | null;
  heard_by: string | null;
  reminded_soon: 0 | 1;
  reminded_due: 0 | 1;
}

/** A promise as this desk holds it: what it was made of, what this desk did, and the server's last word. */
export interface StoredPromise {
  id: string;
  /** Who owns it as this desk last knew. */
  ownerId: string;
  callId: string;
  madeBy: PromisePerson;
  dueAt: number;
  madeAt: number;
  disposition: string;
  summary: string;
  customerName: string;
  customerContact: string;
  remoteNumber: string;
  /** Kept on this desk (final, whatever an older server state says); `recordId` is its promiseStep. */
  keptHere: { at: number; note: string; recordId: string | null } | null;
  /** Calls placed from it on this desk. */
  callbacksHere: { callId: string; at: number }[];
  server: PromiseRecord | null;
  reminded: { soon: boolean; due: boolean };
}

const callbacksSchema = z.array(z.object({ callId: z.string(), at: z.number() }));

/** Open: not kept here, and not kept by the server's account. */
const OPEN = `kept_at IS NULL AND coalesce(json_extract(server_state, '$.status'), 'open') = 'open'`;

/** The summary a promise carries (src/contract/promises.ts): its first 2,000 characters. */
const SUMMARY_CHARS = 2_000;

/**
 * First-contact promises (首问责任制). A promise is made in the wrap-up's own transaction (the
 * wrap-up record's id is its id); what the owner does with it (kept, called back) is written with
 * its `promiseStep` outbox row in one transaction. The server's state is kept only when newer;
 * `kept` is final, here and there.
 */
export class PromisesRepo {
  private readonly insertMade: Statement<[PromiseRow]>;
  private readonly upsertServerState: Statement<[PromiseRow]>;
  private readonly updateKept: Statement<[number, string, string, string]>;
  private readonly updateCallbacks: Statement<[string, string]>;
  private readonly updateReminded: Statement<[number, number, string]>;
  private readonly selectById: Statement<[string], PromiseRow>;
  private readonly selectOpen: Statement<[string], PromiseRow>;
  private readonly selectKeptSince: Statement<[string, number, number, number], PromiseRow>;
  private readonly selectNewestUpdate: Statement<[string], { newest: number | null }>;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepo,
    private readonly handovers: HandoversRepo,
    private readonly newRecordId: () => string = uuidv7,
  ) {
    const columns = `id, owner_id, call_id, made_by_id, made_by_name, due_at, made_at, disposition, summary, customer_name, customer_contact, remote_number,
      kept_at, kept_note, kept_record_id, callbacks, server_state, server_updated_at, heard_by, reminded_soon, reminded_due`;
    const values = `@id, @owner_id, @call_id, @made_by_id, @made_by_name, @due_at, @made_at, @disposition, @summary, @customer_name, @customer_contact, @remote_number,
      @kept_at, @kept_note, @kept_record_id, @callbacks, @server_state, @server_updated_at, @heard_by, @reminded_soon, @reminded_due`;
    this.insertMade = db.prepare(`INSERT INTO promises (${columns}) VALUES (${values}) ON CONFLICT (id) DO NOTHING`);
    // Newer wins (at the same millisecond, the longer history); a state the server called kept is
    // never replaced by an open one. The owner moves with the server's state.
    this.upsertServerState = db.prepare(`
      INSERT INTO promises (${columns}) VALUES (${values})
      ON CONFLICT (id) DO UPDATE SET
        server_state = excluded.server_state, server_updated_at = excluded.server_updated_at,
        heard_by = excluded.heard_by, owner_id = excluded.owner_id, due_at = excluded.due_at
      WHERE NOT (coalesce(json_extract(promises.server_state, '$.status'), '') = 'kept' AND json_extract(excluded.server_state, '$.status') = 'open')
        AND (promises.server_updated_at IS NULL
          OR excluded.server_updated_at > promises.server_updated_at
          OR (excluded.server_updated_at = promises.server_updated_at
              AND json_array_length(excluded.server_state, '$.history') > json_array_length(promises.server_state, '$.history')))`);
    this.updateKept = db.prepare('UPDATE promises SET kept_at = ?, kept_note = ?, kept_record_id = ? WHERE id = ? AND kept_at IS NULL');
    this.updateCallbacks = db.prepare('UPDATE promises SET callbacks = ? WHERE id = ?');
    this.updateReminded = db.prepare('UPDATE promises SET reminded_soon = max(reminded_soon, ?), reminded_due = max(reminded_due, ?) WHERE id = ?');
    this.selectById = db.prepare('SELECT * FROM promises WHERE id = ?');
    this.selectOpen = db.prepare(`SELECT * FROM promises WHERE owner_id = ? AND ${OPEN} ORDER BY due_at, id`);
    this.selectKeptSince = db.prepare(`
      SELECT * FROM promises
      WHERE owner_id = ? AND NOT (${OPEN})
        AND coalesce(kept_at, json_extract(server_state, '$.kept.at'), 0) >= ?
        AND coalesce(kept_at, json_extract(server_state, '$.kept.at'), 0) < ?
      ORDER BY coalesce(kept_at, json_extract(server_state, '$.kept.at')) DESC, id DESC LIMIT ?`);
    this.selectNewestUpdate = db.prepare('SELECT max(server_updated_at) AS newest FROM promises WHERE heard_by = ?');
  }

  /**
   * The promise a saved wrap-up makes (unresolved, with a promised reply time). Call inside the
   * wrap-up's transaction (WrapUpsRepo.save); a wrap-up that promises nothing makes none.
   */
  makeFromWrapUp(owner: PromisePerson, wrapUpId: string, wrapUp: WrapUpPayload, remoteNumber: string, at: number): boolean {
    if (wrapUp.resolved || wrapUp.promisedReplyAt === null) return false;
    this.insertMade.run({
      id: wrapUpId.toLowerCase(),
      owner_id: owner.agentId,
      call_id: wrapUp.callId,
      made_by_id: owner.agentId,
      made_by_name: owner.name,
      due_at: wrapUp.promisedReplyAt,
      made_at: at,
      disposition: wrapUp.disposition,
      summary: cutText(wrapUp.summary, SUMMARY_CHARS),
      customer_name: wrapUp.customerName,
      customer_contact: wrapUp.customerContact,
      remote_number: remoteNumber,
      kept_at: null,
      kept_note: null,
      kept_record_id: null,
      callbacks: '[]',
      server_state: null,
      server_updated_at: null,
      heard_by: null,
      reminded_soon: 0,
      reminded_due: 0,
    });
    return true;
  }

  /**
   * Marks one of the agent's open promises kept and queues its `promiseStep`, both committed when
   * this returns. Refused: `unknown-promise` (not the agent's), `promise-kept`, `item-in-handover`.
   */
  keep(agentId: string, promiseId: string, note: string, at: number): { recordId: string } {
    const recordId = this.newRecordId();
    this.db.transaction(() => {
      const promise = this.requireActionable(agentId, promiseId);
      this.updateKept.run(at, note, recordId, promise.id);
      this.outbox.enqueue({ id: recordId, agentId, kind: 'promiseStep', occurredAt: at, payload: { promiseId: promise.id, step: 'kept', callId: null, note } }, at);
    }).immediate();
    return { recordId };
  }

  /** A call placed from the promise: linked to it here and queued as a `calledBack` step, in one transaction. */
  calledBack(agentId: string, promiseId: string, callId: string, at: number): { recordId: string } {
    const recordId = this.newRecordId();
    this.db.transaction(() => {
      const promise = this.requireActionable(agentId, promiseId);
      this.updateCallbacks.run(JSON.stringify([...promise.callbacksHere, { callId, at }]), promise.id);
      this.outbox.enqueue({ id: recordId, agentId, kind: 'promiseStep', occurredAt: at, payload: { promiseId: promise.id, step: 'calledBack', callId, note: '' } }, at);
    }).immediate();
    return { recordId };
  }

  /**
   * The agent's promise, open, in no pending handover: one the agent may act on. Throws the
   * StoreError that says why not.
   */
  requireActionable(agentId: string, promiseId: string): StoredPromise {
    const promise = this.get(promiseId);
    if (!promise || promise.ownerId !== agentId) throw new StoreError('unknown-promise', `no promise ${promiseId} of ${agentId}`);
    if (!isOpen(promise)) throw new StoreError('promise-kept', `promise ${promiseId} is kept`);
    if (this.handovers.pendingOf('promise', promise.id) || promise.server?.pendingHandoverId) {
      throw new StoreError('item-in-handover', `promise ${promiseId} is in a handover nobody has accepted yet`);
    }
    return promise;
  }

  /**
   * Keeps the server's state of a promise if it is newer than the one held (or the first); one
   * handed to the agent is added. Returns whether it was kept.
   */
  applyServerState(promise: PromiseRecord, heardBy: string): boolean {
    const valid = promiseSchema.parse(promise);
    const id = valid.id.toLowerCase();
    const result = this.upsertServerState.run({
      id,
      owner_id: valid.owner.agentId,
      call_id: valid.callId,
      made_by_id: valid.madeBy.agentId,
      made_by_name: valid.madeBy.name,
      due_at: valid.dueAt,
      made_at: valid.madeAt,
      disposition: valid.disposition,
      summary: valid.summary,
      customer_name: valid.customerName,
      customer_contact: valid.customerContact,
      remote_number: valid.remoteNumber,
      kept_at: null,
      kept_note: null,
      kept_record_id: null,
      callbacks: '[]',
      server_state: JSON.stringify({ ...valid, id }),
      server_updated_at: valid.updatedAt,
      heard_by: heardBy,
      reminded_soon: 0,
      reminded_due: 0,
    });
    return result.changes > 0;
  }

  /** Writes down reminders given, so a restart does not give them again. */
  markReminded(reminders: readonly { id: string; kind: PromiseReminderKind }[]): void {
    this.db.transaction(() => {
      for (const { id, kind } of reminders) this.updateReminded.run(kind === 'soon' ? 1 : 0, kind === 'due' ? 1 : 0, id.toLowerCase());
    })();
  }

  get(id: string): StoredPromise | null {
    const row = this.selectById.get(id.toLowerCase());
    return row ? toStored(row) : null;
  }

  /** The agent's open promises, the soonest due first. */
  open(agentId: string): StoredPromise[] {
    return this.selectOpen.all(agentId).map(toStored);
  }

  /** The agent's promises kept in [fromMs, toMs), the latest kept first. */
  keptBetween(agentId: string, fromMs: number, toMs: number, limit = 50): StoredPromise[] {
    return this.selectKeptSince.all(agentId, fromMs, toMs, limit).map(toStored);
  }

  /** The newest server change the agent's sessions heard (its clock), 0 if none: where a catch-up starts. */
  newestServerUpdate(agentId: string): number {
    return this.selectNewestUpdate.get(agentId)?.newest ?? 0;
  }
}

/** Not kept, here or by the server's account. */
export function isOpen(promise: StoredPromise): boolean {
  return promise.keptHere === null && (promise.server?.status ?? 'open') === 'open';
}

function toStored(row: PromiseRow): StoredPromise {
  // Checked on the way in; parsed again in case the file was edited or damaged.
  return {
    id: row.id,
    ownerId: row.owner_id,
    callId: row.call_id,
    madeBy: { agentId: row.made_by_id, name: row.made_by_name },
    dueAt: row.due_at,
    madeAt: row.made_at,
    disposition: row.disposition,
    summary: row.summary,
    customerName: row.customer_name,
    customerContact: row.customer_contact,
    remoteNumber: row.remote_number,
    keptHere: row.kept_at === null ? null : { at: row.kept_at, note: row.kept_note ?? '', recordId: row.kept_record_id },
    callbacksHere: callbacksSchema.parse(JSON.parse(row.callbacks)),
    server: row.server_state === null ? null : promiseSchema.parse(JSON.parse(row.server_state)),
    reminded: { soon: row.reminded_soon === 1, due: row.reminded_due === 1 },
  };
}
