import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Policy, SyncRecord } from '../../src/contract';
import type { Database } from '../db/schema';
import { maskNumber } from '../seats/mask-number';
import { hasRecentAlert, type NewAlert } from './alert-store';

/**
 * The alerts that records stored just now call for (src/contract/alerts.ts), read inside the
 * transaction that stores them: once the desk's batch is acknowledged, the server holds its alerts.
 */
export async function alertsFromRecords(db: Kysely<Database>, agentId: string, stored: readonly SyncRecord[], policy: Policy, now: number): Promise<NewAlert[]> {
  const alerts: NewAlert[] = [];
  for (const record of stored) {
    switch (record.kind) {
      case 'busyOverLimit':
        alerts.push({
          id: record.id,
          agentId,
          kind: 'busyOverLimit',
          occurredAt: record.payload.reachedAt,
          details: { busyReason: record.payload.busyReason, busySince: record.payload.busySince, limitMs: record.payload.limitMs },
        });
        break;
      case 'missedRing': {
        alerts.push({ id: record.id, agentId, kind: 'missedOffer', occurredAt: record.occurredAt, details: { maskedNumber: maskNumber(record.payload.remoteNumber), rings: record.payload.rings } });
        const repeated = await repeatedMisses(db, agentId, record.occurredAt, policy, now);
        if (repeated) alerts.push(repeated);
        break;
      }
      case 'stateChange': {
        if (record.payload.from !== 'wrapUp') break;
        const overLimit = await wrapUpOverLimit(db, agentId, record, policy);
        if (overLimit) alerts.push(overLimit);
        break;
      }
      case 'ticket':
        // 紧急、重大事件 are escalated at once (seed 000 第二十四条): the board chimes until acknowledged.
        if (record.payload.severity === 'emergency') alerts.push(emergencyAlert(agentId, record));
        break;
      default:
        break;
    }
  }
  return alerts;
}

/** The agent's misses within the window up to `at` reached the policy's count, and no such alert is in that window yet. */
async function repeatedMisses(db: Kysely<Database>, agentId: string, at: number, policy: Policy, now: number): Promise<NewAlert | null> {
  const { repeatedMisses: threshold, repeatedMissesWindowMs: windowMs } = policy.alerts;
  const row = await db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'missedRing')
    .where('occurred_at', '>', at - windowMs)
    .where('occurred_at', '<=', at)
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  if (count < threshold) return null;
  if (await hasRecentAlert(db, 'repeatedMisses', now - windowMs, { agentId })) return null;
  return { id: uuidv7(), agentId, kind: 'repeatedMisses', occurredAt: at, details: { count, windowMs } };
}

/** A wrap-up that lasted its whole limit: the desk put the agent back to ready with the form unfinished. */
async function wrapUpOverLimit(db: Kysely<Database>, agentId: string, ending: Extract<SyncRecord, { kind: 'stateChange' }>, policy: Policy): Promise<NewAlert | null> {
  const began = await db
    .selectFrom('records')
    .select('occurred_at')
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'stateChange')
    .where(sql<string>`payload->>'to'`, '=', 'wrapUp')
    .where('occurred_at', '<=', ending.occurredAt)
    .where('id', '!=', ending.id)
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!began) return null;
  const wrapUpMs = ending.occurredAt - Number(began.occurred_at);
  if (wrapUpMs < policy.wrapUpLimitMs) return null;
  return { id: ending.id, agentId, kind: 'wrapUpOverLimit', occurredAt: ending.occurredAt, details: { wrapUpMs, limitMs: policy.wrapUpLimitMs } };
}

/** Cut so an alert stays a line on the board; the whole content is on the ticket. */
const EMERGENCY_CONTENT_MAX = 200;

/** An emergency ticket's alert: its id is the ticket's, the customer's number masked (rule 8). */
function emergencyAlert(agentId: string, record: Extract<SyncRecord, { kind: 'ticket' }>): NewAlert {
  const chars = [...record.payload.content];
  const content = chars.length > EMERGENCY_CONTENT_MAX ? `${chars.slice(0, EMERGENCY_CONTENT_MAX - 1).join('')}…` : record.payload.content;
  return {
    id: record.id,
    agentId,
    kind: 'emergency',
    occurredAt: record.occurredAt,
    details: { content, severity: record.payload.severity, maskedNumber: maskNumber(record.payload.remoteNumber) },
  };
}
