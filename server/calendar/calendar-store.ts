import type { Kysely } from 'kysely';
import type { CalendarEntry, CalendarEntryKind } from '../../src/contract';
import type { LocalDate } from '../../src/domain/local-time';
import type { WorkingDayCalendar } from '../../src/domain/working-days';
import type { DateRange } from '../calendar-days';
import type { Database } from '../db/schema';

/** The center's working-day calendar (src/contract/calendar.ts), read fresh on every use: every instance sees a change at once. */

function selectEntries(db: Kysely<Database>) {
  return db
    .selectFrom('calendar_entries')
    .innerJoin('agents as setter', 'setter.agent_id', 'calendar_entries.set_by')
    .select(['calendar_entries.date', 'calendar_entries.kind', 'calendar_entries.name', 'calendar_entries.set_by', 'setter.name as set_by_name', 'calendar_entries.set_at']);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof selectEntries>['execute']>>[number];

function toEntry(row: EntryRow): CalendarEntry {
  return { date: row.date, kind: row.kind, name: row.name, setBy: { agentId: row.set_by, name: row.set_by_name }, setAt: row.set_at };
}

/** The entries of `range` (both ends included), in date order. */
export async function calendarEntriesIn(db: Kysely<Database>, range: DateRange): Promise<CalendarEntry[]> {
  // Dates are fixed-width text: a range of text is a range of dates.
  const rows = await selectEntries(db).where('calendar_entries.date', '>=', range.from).where('calendar_entries.date', '<=', range.to).orderBy('calendar_entries.date').execute();
  return rows.map(toEntry);
}

/** The calendar the attendance rules take (src/domain/working-days.ts) for `range`. */
export async function workingDayCalendarOf(db: Kysely<Database>, range: DateRange): Promise<WorkingDayCalendar> {
  const rows = await db.selectFrom('calendar_entries').select(['date', 'kind']).where('date', '>=', range.from).where('date', '<=', range.to).execute();
  return new Map(rows.map((row) => [row.date, row.kind]));
}

export async function calendarEntryOn(db: Kysely<Database>, date: LocalDate): Promise<CalendarEntry | undefined> {
  const row = await selectEntries(db).where('calendar_entries.date', '=', date).executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** Sets the date's entry, replacing one already there (the new setter and time stand). */
export async function setCalendarEntry(
  db: Kysely<Database>,
  date: LocalDate,
  entry: { kind: CalendarEntryKind; name: string },
  byAgentId: string,
  now: number,
): Promise<CalendarEntry> {
  const values = { kind: entry.kind, name: entry.name, set_by: byAgentId, set_at: now };
  await db
    .insertInto('calendar_entries')
    .values({ date, ...values })
    .onConflict((conflict) => conflict.column('date').doUpdateSet(values))
    .execute();
  const stored = await calendarEntryOn(db, date);
  if (!stored) throw new Error(`calendar entry ${date} vanished`);
  return stored;
}

/** Removes the date's entry and returns it; undefined when it had none. */
export async function removeCalendarEntry(db: Kysely<Database>, date: LocalDate): Promise<CalendarEntry | undefined> {
  // What was deleted, not what was read before: another supervisor may have replaced it meanwhile.
  const row = await db.deleteFrom('calendar_entries').where('date', '=', date).returningAll().executeTakeFirst();
  if (!row) return undefined;
  const setter = await db.selectFrom('agents').select('name').where('agent_id', '=', row.set_by).executeTakeFirst();
  return toEntry({ ...row, set_by_name: setter?.name ?? '' });
}
