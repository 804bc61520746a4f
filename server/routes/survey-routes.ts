import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { surveyResultSchema, type ServerSurveyResult } from '../../src/contract';
import { findAgent } from '../agents';
import { readableAgentId } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { requireSession } from '../http/authenticate';
import { requireSurveyToken } from '../http/require-survey-token';
import type { ServerContext } from '../server-context';
import { listSurveyResults, storeSurveyResult } from '../survey-result-store';

const surveyResultsQuerySchema = z.object({
  /** Server time in ms (a result's receivedAt); query strings carry it as text. */
  since: z.coerce.number().int().nonnegative().default(0),
});

/** The survey IVR reports results; desks (and supervisors) read them back. See src/contract/survey.ts. */
export function registerSurveyRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, surveyTokens, liveHub } = context;

  app.post('/v1/survey-results', { onRequest: requireSurveyToken(surveyTokens) }, async (request): Promise<{ stored: boolean }> => {
    const result = parseRequest(surveyResultSchema, request.body);
    if (!(await findAgent(db, result.agentId))) {
      throw new ApiFailure(422, 'unknown-agent', `no agent with 工号 ${result.agentId}`);
    }
    const stored = await storeSurveyResult(db, result, clock.now());
    // A retried report was pushed the first time; the desks already have it.
    if (stored) liveHub.publishSurveyResult(stored);
    return { stored: stored !== undefined };
  });

  app.get('/v1/agents/:agentId/survey-results', { onRequest: requireSession(context) }, async (request): Promise<{ results: ServerSurveyResult[] }> => {
    const agentId = readableAgentId(request, 'survey results');
    const { since } = parseRequest(surveyResultsQuerySchema, request.query);
    return { results: await listSurveyResults(db, agentId, since) };
  });
}
