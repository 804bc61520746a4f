import type { Kysely } from 'kysely';
import type { SyncRecord } from '../src/contract';
import type { Database } from './db/schema';

export type AttendanceRecord = Extract<SyncRecord, { kind: 'attendance' }>;

/**
 * Extracts newly stored attendance records into `attendance`: what each desk said, kept for
 * audit. Reports do not read them (attendance-report.ts): a desk could say anything.
 */
export async function insertAttendance(db: Kysely<Database>, records: AttendanceRecord[], receivedAt: number): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('attendance')
    .values(
      records.map(({ id, agentId, payload }) => ({
        id,
        agent_id: agentId,
        event: payload.event,
        desk_time: payload.deskTime,
        server_time: payload.serverTime,
        server_time_source: payload.serverTimeSource,
        received_at: receivedAt,
      })),
    )
    .execute();
}
