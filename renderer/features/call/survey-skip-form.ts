import * as z from 'zod';

/**
 * Ending a call without the satisfaction survey needs a reason (DOMAIN.md rule 4), recorded with
 * the call. Messages are keys under `call.` in the locale files; the limits are main's.
 */
export const surveySkipFormSchema = z.object({
  reason: z.string().trim().min(1, 'skipReasonRequired').max(200, 'skipReasonTooLong'),
});
export type SurveySkipFormValues = z.infer<typeof surveySkipFormSchema>;

/** The usual reasons, offered as one-click choices (keys under `call.skipReasons.`); any other can be typed. */
export const QUICK_SKIP_REASONS = ['refused', 'customerHungUp', 'transferredElsewhere'] as const;
