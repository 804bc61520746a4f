import type { AttendanceDay } from '../../../src/contract';

/** One remark on a day's attendance; minutes rounded up (1 s late is "1 minute late"). */
export type AttendanceFlag = { kind: 'late'; minutes: number } | { kind: 'leftEarly'; minutes: number } | { kind: 'absent' } | { kind: 'normal' };

/**
 * The remarks for a day as the server judged it (DOMAIN.md rule 6): late, left early, absent, or
 * normal when none applies. The server decides; this only words it.
 */
export function attendanceFlags(day: Pick<AttendanceDay, 'late' | 'lateByMs' | 'leftEarly' | 'earlyByMs' | 'absent'>): AttendanceFlag[] {
  const flags: AttendanceFlag[] = [];
  if (day.absent) flags.push({ kind: 'absent' });
  if (day.late) flags.push({ kind: 'late', minutes: Math.ceil(day.lateByMs / 60_000) });
  if (day.leftEarly) flags.push({ kind: 'leftEarly', minutes: Math.ceil(day.earlyByMs / 60_000) });
  return flags.length > 0 ? flags : [{ kind: 'normal' }];
}
