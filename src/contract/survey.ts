import * as z from 'zod';
import { agentIdSchema } from './sync';

/**
 * Satisfaction survey results (DOMAIN.md rule 4); they reach desks on the live channel (live.ts).
 *
 *   POST /v1/survey-results      SurveyResult -> { stored: boolean }      (Bearer: the IVR's service token)
 *   GET  /v1/agents/:agentId/survey-results?since=<ms>
 *                                             -> { results: ServerSurveyResult[] }  (Bearer: that agent, or a supervisor)
 *
 * The survey IVR learns which call it is rating from the transfer itself: the desk refers the
 * customer to `sip:<surveyExtension>@<domain>;seatdesk-call=<callId>`, and that URI parameter
 * arrives in the To header of the customer's INVITE (SURVEY_CALL_PARAM). The IVR reports with a
 * service token of its own (agents' tokens cannot post results). The server takes a result only
 * for a call the named agent's desk has reported: 422 `unknown-call` until a desk has (it may be
 * offline: report again later, with backoff, for as long as a desk may stay offline), 403
 * `call-of-another-agent` when the call is someone else's. It takes one result per call: another
 * report (another id) for a call already rated gets 409 `survey-result-exists`, and the first
 * stands; the same id again is a retry (a lost reply) and gets `{ stored: false }`, whatever it
 * says. A stored result is pushed to the agent's desks that are connected on /v1/live. A desk that was
 * away catches up with the GET (results received after the newest it has), page by page until a
 * page is empty: pages hold at most 500 and never split one millisecond's results, so a short page
 * is not the end. The server closes an agent's live sockets (1008) when the session ends.
 */

/** The URI parameter of the survey transfer target that names the desk's call id. */
export const SURVEY_CALL_PARAM = 'seatdesk-call';

/** What the customer pressed: 1 satisfied, 2 neutral, 3 dissatisfied; `none` when they hung up without a rating. */
export const surveyRatingSchema = z.enum(['satisfied', 'neutral', 'dissatisfied', 'none']);
export type SurveyRating = z.infer<typeof surveyRatingSchema>;

/** The IVR's report of one survey. `id` is made by the IVR (a UUID), so a retried report is stored once. */
export const surveyResultSchema = z.object({
  id: z.uuid(),
  /** The desk's call id, from the survey transfer's SURVEY_CALL_PARAM. */
  callId: z.uuid(),
  /** The agent who transferred the customer (the Referred-By of the survey call). */
  agentId: agentIdSchema,
  rating: surveyRatingSchema,
  /** The customer's number as the IVR saw it. */
  customerNumber: z.string().max(64),
  /** When the customer rated (or hung up), by the IVR's clock. */
  ratedAt: z.number().int().nonnegative(),
});
export type SurveyResult = z.infer<typeof surveyResultSchema>;

export const surveyResultStoredSchema = z.object({ stored: z.boolean() });

/** A result as the server returns it; `receivedAt` orders results for catching up. */
export const serverSurveyResultSchema = surveyResultSchema.extend({ receivedAt: z.number().int().nonnegative() });
export type ServerSurveyResult = z.infer<typeof serverSurveyResultSchema>;

export const surveyResultsResponseSchema = z.object({ results: z.array(serverSurveyResultSchema) });
