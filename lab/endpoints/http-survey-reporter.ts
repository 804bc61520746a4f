import { surveyResultStoredSchema, type SurveyResult } from '../../src/contract/survey';
import { apiErrorSchema } from '../../src/contract/sync';
import type { SurveyReporter } from './lab-endpoint';

const ATTEMPTS = 6;
const RETRY_MS = 300;

/**
 * How the lab's survey IVR reports to the central server, as a real IVR integration would:
 * POST /v1/survey-results with its own service token. A report carries its own id, so retrying
 * after a lost reply cannot store it twice. The server takes it only once the desk has reported
 * the call (422 unknown-call until then), which may come a moment after the customer rated.
 */
export function httpSurveyReporter(serverUrl: string, token: string): SurveyReporter {
  return async (result: SurveyResult) => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const response = await fetch(`${serverUrl}/v1/survey-results`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(result),
          signal: AbortSignal.timeout(5_000),
        });
        const body: unknown = await response.json().catch(() => null);
        if (response.ok && surveyResultStoredSchema.safeParse(body).success) return;
        lastError = new Error(`POST /v1/survey-results: ${response.status} ${JSON.stringify(body)}`);
        // Any other refusal (4xx) will not change on retry.
        const unknownCall = apiErrorSchema.safeParse(body).data?.error.code === 'unknown-call';
        if (response.status < 500 && !unknownCall) break;
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * attempt));
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  };
}
