import type { FastifyInstance } from 'fastify';
import {
  phraseIdParamsSchema,
  phraseOrderRequestSchema,
  phraseRequestSchema,
  type PhraseBook,
  type PhraseBookResponse,
  type PhraseChange,
} from '../../src/contract';
import { listDispositions } from '../dispositions';
import { requireSupervisor } from '../http/agent-access';
import { ApiFailure, parseRequest } from '../http/api-failure';
import { DESK_OR_BOARD, requireSession, sessionOf } from '../http/authenticate';
import { createPhrase, deletePhrase, phraseBook, PhraseChangeRefused, reorderPhrases, updatePhrase } from '../phrases/phrase-store';
import type { ServerContext } from '../server-context';

const WHAT = 'change the standard phrases';

/** The standard phrases (src/contract/phrases.ts): read by desks and boards, changed by supervisors on the board. */
export function registerPhraseRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db, clock, events } = context;
  const boardSession = requireSession(context, ['board']);

  /** Runs a change; a refusal becomes its answer, a change done reaches every desk. */
  const change = async <T extends { book: PhraseBook }>(work: () => Promise<T>): Promise<T> => {
    let done: T;
    try {
      done = await work();
    } catch (error) {
      if (!(error instanceof PhraseChangeRefused)) throw error;
      switch (error.reason) {
        case 'not-found':
          throw new ApiFailure(404, 'not-found', error.message);
        case 'unknown-disposition':
          throw new ApiFailure(400, 'invalid-request', error.message);
        case 'book-full':
          throw new ApiFailure(409, 'phrase-book-full', error.message);
        case 'stale-order':
          throw new ApiFailure(409, 'stale-order', error.message);
      }
    }
    events.phrasesChanged(done.book);
    return done;
  };
  // Ids are made lowercase here; a client may send them in either case.
  const idOf = (params: unknown) => parseRequest(phraseIdParamsSchema, params).id.toLowerCase();

  app.get('/v1/phrases', { onRequest: requireSession(context, DESK_OR_BOARD) }, async (): Promise<PhraseBookResponse> => {
    const book = await phraseBook(db);
    return { ...book, dispositions: await listDispositions(db) };
  });

  app.post('/v1/board/phrases', { onRequest: boardSession }, async (request): Promise<PhraseChange> => {
    requireSupervisor(request, WHAT);
    const wording = parseRequest(phraseRequestSchema, request.body);
    return change(() => createPhrase(db, wording, sessionOf(request).agentId, clock.now()));
  });

  // Static, so it wins over /:id (find-my-way matches static segments first).
  app.put('/v1/board/phrases/order', { onRequest: boardSession }, async (request): Promise<{ book: PhraseBook }> => {
    requireSupervisor(request, WHAT);
    const { ids, ...group } = parseRequest(phraseOrderRequestSchema, request.body);
    return change(async () => ({ book: await reorderPhrases(db, group, ids) }));
  });

  app.put('/v1/board/phrases/:id', { onRequest: boardSession }, async (request): Promise<PhraseChange> => {
    requireSupervisor(request, WHAT);
    const id = idOf(request.params);
    const wording = parseRequest(phraseRequestSchema, request.body);
    return change(() => updatePhrase(db, id, wording, sessionOf(request).agentId, clock.now()));
  });

  app.delete('/v1/board/phrases/:id', { onRequest: boardSession }, async (request): Promise<PhraseChange> => {
    requireSupervisor(request, WHAT);
    const id = idOf(request.params);
    return change(() => deletePhrase(db, id));
  });
}
