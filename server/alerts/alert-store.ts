import { sql, type Kysely } from 'kysely';
import type { Alert, AlertKind } from '../../src/contract';
import type { Database } from '../db/schema';

/** An alert to raise; `id` makes raising it again a no-op (a record's id, for record-made ones). */
export interface NewAlert {
  id: string;
  agentId: string | null;
  kind: AlertKind;
  occurredAt: number;
  details: Alert['details'];
}

const columns = ['alerts.id', 'alerts.agent_id', 'alerts.kind', 'alerts.occurred_at', 'alerts.raised_at', 'alerts.details', 'alerts.acknowledged_by', 'alerts.acknowledged_at'] as const;

function selectAlerts(db: Kysely<Database>) {
  return db
    .selectFrom('alerts')
    .leftJoin('agents as acknowledger', 'acknowledger.agent_id', 'alerts.acknowledged_by')
    .select([...columns, 'acknowledger.name as acknowledged_by_name']);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof selectAlerts>['execute']>>[number];

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    agentId: row.agent_id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    raisedAt: row.raised_at,
    details: row.details as Alert['details'],
    acknowledged: row.acknowledged_by !== null && row.acknowledged_at !== null ? { by: row.acknowledged_by, byName: row.acknowledged_by_name ?? '', at: row.acknowledged_at } : null,
  };
}

/** Stores the alerts not stored before (by id); returns those raised just now. */
export async function insertAlerts(db: Kysely<Database>, alerts: readonly NewAlert[], raisedAt: number): Promise<Alert[]> {
  if (alerts.length === 0) return [];
  const inserted = await db
    .insertInto('alerts')
    .values(
      alerts.map((alert) => ({
        id: alert.id,
        agent_id: alert.agentId,
        kind: alert.kind,
        occurred_at: alert.occurredAt,
        raised_at: raisedAt,
        details: JSON.stringify(alert.details),
        acknowledged_by: null,
        acknowledged_at: null,
      })),
    )
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .execute();
  const fresh = new Set(inserted.map((row) => row.id));
  return alerts
    .filter((alert) => fresh.has(alert.id))
    .map((alert) => ({ id: alert.id, agentId: alert.agentId, kind: alert.kind, occurredAt: alert.occurredAt, raisedAt, details: alert.details, acknowledged: null }));
}

/**
 * A supervisor acknowledges an alert. The first acknowledgement stands (a second supervisor's
 * changes nothing: `changed` false); returns the alert as it now is, or undefined when there is
 * no such alert.
 */
export async function acknowledgeAlert(db: Kysely<Database>, id: string, by: string, at: number): Promise<{ alert: Alert; changed: boolean } | undefined> {
  const updated = await db
    .updateTable('alerts')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .returning('id')
    .execute();
  const row = await selectAlerts(db).where('alerts.id', '=', id).executeTakeFirst();
  return row ? { alert: toAlert(row), changed: updated.length > 0 } : undefined;
}

/** Alerts raised in [fromMs, toMs), oldest first. */
export async function alertsRaisedBetween(db: Kysely<Database>, fromMs: number, toMs: number): Promise<Alert[]> {
  const rows = await selectAlerts(db).where('alerts.raised_at', '>=', fromMs).where('alerts.raised_at', '<', toMs).orderBy('alerts.raised_at').orderBy('alerts.id').execute();
  return rows.map(toAlert);
}

/** Every alert nobody has acknowledged yet, oldest first, whatever day it was raised. */
export async function openAlerts(db: Kysely<Database>): Promise<Alert[]> {
  const rows = await selectAlerts(db).where('alerts.acknowledged_at', 'is', null).orderBy('alerts.raised_at').orderBy('alerts.id').execute();
  return rows.map(toAlert);
}

/** One agent's alerts raised since `sinceMs`, oldest first. */
export async function alertsOfAgent(db: Kysely<Database>, agentId: string, sinceMs: number): Promise<Alert[]> {
  const rows = await selectAlerts(db).where('alerts.agent_id', '=', agentId).where('alerts.raised_at', '>=', sinceMs).orderBy('alerts.raised_at').orderBy('alerts.id').execute();
  return rows.map(toAlert);
}

/** Whether an alert of `kind` about this agent (or address, in details) was raised at or after `sinceMs`. */
export async function hasRecentAlert(db: Kysely<Database>, kind: AlertKind, sinceMs: number, about: { agentId: string } | { address: string }): Promise<boolean> {
  let query = db.selectFrom('alerts').select('id').where('kind', '=', kind).where('raised_at', '>=', sinceMs);
  query = 'agentId' in about ? query.where('agent_id', '=', about.agentId) : query.where('agent_id', 'is', null).where(sql`details->>'address'`, '=', about.address);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}
