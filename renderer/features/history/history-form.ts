import * as z from 'zod';
import { HISTORY_PAGE_SIZE_DEFAULT, type HistoryQuery } from '../../../src/contract';
import { localInstant } from '../../../src/domain/local-time';
import { MIN_SEARCH_DIGITS, searchDigits } from '../../../src/domain/search-text';

const DAY_MS = 86_400_000;
const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The history search form as typed (strings from inputs; '' is "any"). Error messages are keys
 * under `history.form.` in the locale files. What it produces is checked again by main with the
 * contract's historyQuerySchema.
 */
export const historyFormSchema = z
  .object({
    number: z
      .string()
      .max(64, 'tooLong')
      .refine((value) => value.trim() === '' || searchDigits(value).length >= MIN_SEARCH_DIGITS, 'numberTooShort'),
    name: z.string().max(64, 'tooLong'),
    summary: z.string().max(200, 'tooLong'),
    /** `<input type="date">` values: the center's calendar days, both included. */
    from: z.string().refine((value) => value === '' || calendarDate.test(value), 'badDate'),
    to: z.string().refine((value) => value === '' || calendarDate.test(value), 'badDate'),
    disposition: z.string().max(32),
    direction: z.enum(['', 'inbound', 'outbound']),
    rating: z.enum(['', 'satisfied', 'neutral', 'dissatisfied', 'none']),
  })
  .superRefine((values, context) => {
    if (values.from !== '' && values.to !== '' && values.to < values.from) context.addIssue({ code: 'custom', path: ['to'], message: 'dateOrder' });
  });

export type HistoryFormValues = z.infer<typeof historyFormSchema>;

export const emptyHistoryForm: HistoryFormValues = { number: '', name: '', summary: '', from: '', to: '', disposition: '', direction: '', rating: '' };

/** The first page of the search the form describes; dates are the center's days (policy.shift.utcOffsetMinutes). */
export function toHistoryQuery(values: HistoryFormValues, utcOffsetMinutes: number, pageSize = HISTORY_PAGE_SIZE_DEFAULT): HistoryQuery {
  const dayStart = (date: string) => localInstant(date, '00:00', utcOffsetMinutes);
  return {
    number: values.number.trim(),
    name: values.name.trim(),
    summary: values.summary.trim(),
    from: values.from === '' ? null : dayStart(values.from),
    before: values.to === '' ? null : dayStart(values.to) + DAY_MS,
    disposition: values.disposition === '' ? null : values.disposition,
    direction: values.direction === '' ? null : values.direction,
    rating: values.rating === '' ? null : values.rating,
    cursor: null,
    pageSize,
  };
}
