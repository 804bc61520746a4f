import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { surveyResultSchema, type ServerSurveyResult } from '../../src/contract';
import { findAgent } from '../agents';
import { readableAgentId } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { DESK_OR_BOARD, requireSession } from '../http/authenticate';
import { requireSurveyToken } from '../http/require-survey-token';
import { agentsOfCall } from '../record-store';
import type { ServerContext } from '../server-context';
import { listSurveyResults, storeSurveyResult, surveyResultStored } from '../survey-result-store';

const surveyResultsQuerySchema = z.object({
  /** Server time in ms (a result's receivedAt); query strings carry it as text. */
  since: z.coerce.number().int().nonnegative().default(0),
});

/** The survey IVR reports results; desks (and supervisors) read them back. See src/contract/survey.ts. */
export function registerSurveyRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, surveyTokens, events } = context;

  app.post('/v1/survey-results', { onRequest: requireSurveyToken(surveyTokens) }, async (request): Promise<{ stored: boolean }> => {
    const result = parseRequest(surveyResultSchema, request.body);
    if (!(await findAgent(db, result.agentId))) {
      throw new ApiFailure(422, 'unknown-agent', `no agent with 工号 ${result.agentId}`);
    }
    // A retry of a stored report (its reply was lost) is answered as the first one was, whatever it says now.
    if (await surveyResultStored(db, result.id)) return { stored: false };

    const agents = await agentsOfCall(db, result.callId);
    if (agents.length === 0) {
      throw new ApiFailure(422, 'unknown-call', `no desk has reported call ${result.callId} yet: report again later`);
    }
    if (!agents.includes(result.agentId)) {
      throw new ApiFailure(403, 'call-of-another-agent', `call ${result.callId} is not a call of agent ${result.agentId}`);
    }
    const outcome = await storeSurveyResult(db, result, clock.now());
    if (outcome.kind === 'call-already-rated') {
      throw new ApiFailure(409, 'survey-result-exists', `call ${result.callId} already has a survey result: the first one stands`);
    }
    // A retry was pushed the first time; the desks already have it.
    if (outcome.kind === 'stored') events.surveyResultStored(outcome.result);
    return { stored: outcome.kind === 'stored' };
  });

  app.get('/v1/agents/:agentId/survey-results', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (request): Promise<{ results: ServerSurveyResult[] }> => {
    const agentId = readableAgentId(request, 'survey results');
    const { since } = parseRequest(surveyResultsQuerySchema, request.query);
    return { results: await listSurveyResults(db, agentId, since) };
  });
}
