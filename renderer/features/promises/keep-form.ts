import * as z from 'zod';
import { keepPromiseSchema, type KeepPromise } from '../../../src/contract';

/**
 * 已兑现: how the promise was kept is required (main refuses an empty note). Messages are keys under
 * `promises.` in the locale files; the limit is main's.
 */
export const keepFormSchema = z.object({
  note: z.string().trim().min(1, 'noteRequired').max(2_000, 'noteTooLong'),
});
export type KeepFormValues = z.infer<typeof keepFormSchema>;

/** The command for main, checked once more with main's own schema. */
export function toKeepPromise(promiseId: string, values: KeepFormValues): KeepPromise {
  return keepPromiseSchema.parse({ promiseId, note: values.note.trim() });
}
