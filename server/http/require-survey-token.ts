import type { onRequestAsyncHookHandler } from 'fastify';
import type { SurveyTokens } from '../survey-tokens';
import { ApiFailure } from './api-failure';
import { bearerTokenOf } from './authenticate';

/**
 * An `onRequest` hook for the survey IVR's routes: only a configured survey token passes (an
 * agent's session token does not). It runs before the body is read, like `requireSession`.
 */
export function requireSurveyToken(tokens: SurveyTokens): onRequestAsyncHookHandler {
  return async (request) => {
    const token = bearerTokenOf(request);
    if (token === undefined) throw new ApiFailure(401, 'unauthenticated', 'a survey service token is required');
    if (!tokens.accepts(token)) throw new ApiFailure(401, 'unauthenticated', 'unknown survey service token');
  };
}
