import * as z from 'zod';
import { saveWrapUpSchema, type SaveWrapUp } from '../../../src/contract';
import { centerDateTimeToEpoch } from '../../../src/domain/local-time';

/** The center's zone and the desk's now: the promised reply time is typed on the center's clock and must be ahead of now. */
export interface WrapUpFormZone {
  utcOffsetMinutes: number;
  now(): number;
}

/**
 * The wrap-up form as typed (strings from inputs). Error messages are keys under `wrapUp.` in the
 * locale files. What it produces is checked once more with main's own `saveWrapUpSchema`.
 */
export function wrapUpFormSchema(zone: WrapUpFormZone) {
  return z
    .object({
      disposition: z.string().min(1, 'dispositionRequired').max(32, 'tooLong'),
      summary: z.string().max(20_000, 'tooLong'),
      customerName: z.string().max(128, 'tooLong'),
      customerContact: z.string().max(128, 'tooLong'),
      resolved: z.boolean(),
      /** `datetime-local` value, e.g. 2026-11-23T16:30, on the center's clock (policy.shift.utcOffsetMinutes). */
      promisedReplyAt: z.string(),
    })
    .superRefine((values, context) => {
      if (values.resolved) return;
      const promised = centerDateTimeToEpoch(values.promisedReplyAt, zone.utcOffsetMinutes);
      if (Number.isNaN(promised)) context.addIssue({ code: 'custom', path: ['promisedReplyAt'], message: 'promisedReplyRequired' });
      else if (promised <= zone.now()) context.addIssue({ code: 'custom', path: ['promisedReplyAt'], message: 'promisedReplyInPast' });
    });
}

export type WrapUpFormValues = z.infer<ReturnType<typeof wrapUpFormSchema>>;

export const emptyWrapUpForm: WrapUpFormValues = {
  disposition: '',
  summary: '',
  customerName: '',
  customerContact: '',
  resolved: false,
  promisedReplyAt: '',
};

/** The command for main; a resolved call carries no promised reply time. */
export function toSaveWrapUp(callId: string, values: WrapUpFormValues, utcOffsetMinutes: number): SaveWrapUp {
  return saveWrapUpSchema.parse({
    callId,
    disposition: values.disposition,
    summary: values.summary.trim(),
    customerName: values.customerName.trim(),
    customerContact: values.customerContact.trim(),
    resolved: values.resolved,
    promisedReplyAt: values.resolved ? null : centerDateTimeToEpoch(values.promisedReplyAt, utcOffsetMinutes),
  });
}
