import { wrapUpDraftSchema, type WrapUpDraft } from '../../../src/contract';
import { centerDateTimeToEpoch, epochToCenterDateTime } from '../../../src/domain/local-time';
import type { WrapUpFormValues } from './wrap-up-form';

/**
 * The form as typed, as a draft for main. Unlike the final record nothing is required and text
 * is kept as typed (not trimmed); fields longer than main accepts are cut to its limits so the
 * rest of the draft is still kept (the form itself refuses them when saved for real).
 */
export function toWrapUpDraft(callId: string, values: WrapUpFormValues, utcOffsetMinutes: number): WrapUpDraft {
  const promisedReplyAt = centerDateTimeToEpoch(values.promisedReplyAt, utcOffsetMinutes);
  return wrapUpDraftSchema.parse({
    callId,
    disposition: values.disposition.slice(0, 32),
    summary: values.summary.slice(0, 1_000_000),
    customerName: values.customerName.slice(0, 128),
    customerContact: values.customerContact.slice(0, 128),
    resolved: values.resolved,
    promisedReplyAt: promisedReplyAt >= 0 ? promisedReplyAt : null,
  });
}

/** A saved draft back into the form's fields (the promised time on the center's clock). */
export function fromWrapUpDraft(draft: WrapUpDraft, utcOffsetMinutes: number): WrapUpFormValues {
  return {
    disposition: draft.disposition,
    summary: draft.summary,
    customerName: draft.customerName,
    customerContact: draft.customerContact,
    resolved: draft.resolved ?? false,
    promisedReplyAt: draft.promisedReplyAt === null ? '' : epochToCenterDateTime(draft.promisedReplyAt, utcOffsetMinutes),
  };
}
