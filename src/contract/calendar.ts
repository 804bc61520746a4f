import * as z from 'zod';
import { agentIdSchema } from './sync';

/**
 * The center's working-day calendar (工作日历): the dates that break the Monday-to-Friday week.
 * A weekday can be a public holiday (节假日: 国庆节, 春节…) and a Saturday or Sunday a make-up
 * working day (调休上班). Every other date follows the week (src/domain/working-days.ts). The
 * monthly attendance report counts working days, and judges late, early and absent, by it.
 *
 *   GET    /v1/board/calendar?year=YYYY  (board, supervisors)            -> CalendarYear: the year's entries by date (default: the center's this year)
 *   PUT    /v1/board/calendar/:date      (board, supervisors) CalendarEntryRequest -> { entry }: sets the date's entry or replaces it
 *   DELETE /v1/board/calendar/:date      (board, supervisors)            -> { removed }: the entry that was removed; 404 when the date has none
 *
 * An agent (or a supervisor's desk session) gets 403. `:date` is `YYYY-MM-DD` and must exist
 * (2026-02-30 is a 400). Marking a Saturday holiday or a Tuesday workday is allowed and changes
 * nothing: an official schedule (10月1日至8日放假) can be typed in as published.
 */

/** A calendar date that exists, `YYYY-MM-DD`. */
export const calendarDateSchema = z.iso.date({ error: 'a date that exists, as YYYY-MM-DD' });

/** `holiday`: not a working day (even a weekday). `workday`: a working day (even a Saturday or Sunday). */
export const calendarEntryKindSchema = z.enum(['holiday', 'workday'], { error: "kind must be 'holiday' or 'workday'" });
export type CalendarEntryKind = z.infer<typeof calendarEntryKindSchema>;

/** The longest name an entry may have (国庆节调休上班 is 7). */
export const CALENDAR_NAME_MAX = 32;

/** What a supervisor sets for one date; the name may be empty. */
export const calendarEntryRequestSchema = z.object({
  kind: calendarEntryKindSchema,
  name: z
    .string()
    .trim()
    .max(CALENDAR_NAME_MAX, `a name of at most ${CALENDAR_NAME_MAX} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'a name without control characters')
    .default(''),
});
export type CalendarEntryRequest = z.input<typeof calendarEntryRequestSchema>;

export const calendarDateParamsSchema = z.object({ date: calendarDateSchema });

export const calendarYearQuerySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, 'a year, as YYYY')
    .transform(Number)
    .optional(),
});

const epochMs = z.number().int().nonnegative();

/** One date of the calendar, with who set it and when (the server's clock). */
export const calendarEntrySchema = z.object({
  date: calendarDateSchema,
  kind: calendarEntryKindSchema,
  name: z.string().max(CALENDAR_NAME_MAX),
  setBy: z.object({ agentId: agentIdSchema, name: z.string().max(64) }),
  setAt: epochMs,
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/** A year's entries, in date order. */
export const calendarYearSchema = z.object({ year: z.number().int().min(0).max(9999), entries: z.array(calendarEntrySchema) });
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const calendarEntryResponseSchema = z.object({ entry: calendarEntrySchema });
export const calendarRemovedResponseSchema = z.object({ removed: calendarEntrySchema });
