import { z } from 'zod';
import { saveWrapUpSchema, type SaveWrapUp } from '../../../src/contract';

/**
 * The wrap-up form as typed (strings from inputs). Error messages are keys under `wrapUp.` in the
 * locale files. What it produces is checked once more with main's own `saveWrapUpSchema`.
 */
export const wrapUpFormSchema = z
  .object({
    disposition: z.string().min(1, 'dispositionRequired').max(32, 'tooLong'),
    summary: z.string().max(20_000, 'tooLong'),
    customerName: z.string().max(128, 'tooLong'),
    customerContact: z.string().max(128, 'tooLong'),
    resolved: z.boolean(),
    /** `datetime-local` value, e.g. 2026-11-23T16:30 (the agent's local time). */
    promisedReplyAt: z.string(),
  })
  .superRefine((values, context) => {
    if (!values.resolved && Number.isNaN(localDateTimeToEpoch(values.promisedReplyAt))) {
      context.addIssue({ code: 'custom', path: ['promisedReplyAt'], message: 'promisedReplyRequired' });
    }
  });

export type WrapUpFormValues = z.infer<typeof wrapUpFormSchema>;

export const emptyWrapUpForm: WrapUpFormValues = {
  disposition: '',
  summary: '',
  customerName: '',
  customerContact: '',
  resolved: false,
  promisedReplyAt: '',
};

/** A `datetime-local` value in the agent's time zone as ms since the epoch; NaN when empty or invalid. */
export function localDateTimeToEpoch(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return Number.NaN;
  return new Date(value).getTime();
}

/** Epoch ms as a `datetime-local` value in the agent's time zone (minutes precision, what the input shows). */
export function epochToLocalDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The command for main; a resolved call carries no promised reply time. */
export function toSaveWrapUp(callId: string, values: WrapUpFormValues): SaveWrapUp {
  return saveWrapUpSchema.parse({
    callId,
    disposition: values.disposition,
    summary: values.summary.trim(),
    customerName: values.customerName.trim(),
    customerContact: values.customerContact.trim(),
    resolved: values.resolved,
    promisedReplyAt: values.resolved ? null : localDateTimeToEpoch(values.promisedReplyAt),
  });
}
