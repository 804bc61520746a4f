import type { Kysely } from 'kysely';
import type { SyncRecord } from '../src/contract';
import type { AttendanceRow, Database } from './db/schema';

export type AttendanceRecord = Extract<SyncRecord, { kind: 'attendance' }>;

/** Extracts newly stored attendance records into `attendance`, where reports select them by server time. */
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

/** One agent's logins and logouts with a server time in [fromMs, toMs), in server-time order. */
export function listAttendance(db: Kysely<Database>, agentId: string, fromMs: number, toMs: number): Promise<AttendanceRow[]> {
  return db
    .selectFrom('attendance')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('server_time', '>=', fromMs)
    .where('server_time', '<', toMs)
    .orderBy('server_time')
    .orderBy('id')
    .execute();
}
