import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiError } from '../../src/contract';
import { ApiFailure, type ApiErrorCode, type ApiFailureDetails } from './api-failure';

function body(code: ApiErrorCode, message: string, details: ApiFailureDetails = {}): ApiError {
  const { session, acceptedBy } = details;
  return { error: { code, message, ...(session ? { session } : {}), ...(acceptedBy ? { acceptedBy } : {}) } };
}

/** Fastify's own 4xx errors (bad JSON, body too large, …) mapped onto the contract's codes. */
function codeForClientError(statusCode: number): ApiErrorCode {
  if (statusCode === 413) return 'payload-too-large';
  if (statusCode === 415) return 'unsupported-media-type';
  if (statusCode === 404) return 'not-found';
  return 'invalid-request';
}

/**
 * PostgreSQL's "data exception" class (22xxx): input the database cannot hold, such as a NUL
 * character in text or a lone surrogate in JSON. That is the sender's fault, not a server failure.
 */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}

/** Every answer that is not 2xx has the `{ error: { code, message } }` shape; nothing leaks a stack. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError | ApiFailure | Error>((error, request, reply) => {
    if (error instanceof ApiFailure) {
      const { retryAfterMs } = error.details;
      if (retryAfterMs !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      return reply.status(error.statusCode).send(body(error.code, error.message, error.details));
    }
    const statusCode = (error as FastifyError).statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return reply.status(statusCode).send(body(codeForClientError(statusCode), error.message));
    }
    if (isDataException(error)) {
      return reply.status(400).send(body('invalid-request', `the database refused the data: ${error.message}`));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(body('internal', 'internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body('not-found', `no route for ${request.method} ${request.url}`)),
  );
}
