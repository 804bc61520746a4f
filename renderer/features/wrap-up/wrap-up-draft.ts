import { wrapUpDraftSchema, type WrapUpDraft } from '../../../src/contract';
import { epochToLocalDateTime, localDateTimeToEpoch, type WrapUpFormValues } from './wrap-up-form';

/**
 * The form as typed, as a draft for main. Unlike the final record nothing is required and text
 * is kept as typed (not trimmed); fields longer than main accepts are cut to its limits so the
 * rest of the draft is still kept (the form itself refuses them when saved for real).
 */
export function toWrapUpDraft(callId: string, values: WrapUpFormValues): WrapUpDraft {
  const promisedReplyAt = localDateTimeToEpoch(values.promisedReplyAt);
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

/** A saved draft back into the form's fields. */
export function fromWrapUpDraft(draft: WrapUpDraft): WrapUpFormValues {
  return {
    disposition: draft.disposition,
    summary: draft.summary,
    customerName: draft.customerName,
    customerContact: draft.customerContact,
    resolved: draft.resolved ?? false,
    promisedReplyAt: draft.promisedReplyAt === null ? '' : epochToLocalDateTime(draft.promisedReplyAt),
  };
}
