import * as z from 'zod';
import { DeskError } from '../../src/rpc';
import { CentralError } from './central-error';

/** `error.acceptedBy` of a 409 `handover-accepted`: the person, or their 工号. */
const acceptedBySchema = z.object({
  error: z.object({ acceptedBy: z.union([z.object({ agentId: z.string().max(64), name: z.string().max(64) }), z.string().max(64)]) }),
});

/**
 * The server's refusals of an accepted handover, in the desk contract's codes. A refusal of the
 * session itself is thrown on as it is: the desk ends the session (sessionEndOf).
 */
export function toHandoverError(error: unknown): unknown {
  if (!(error instanceof CentralError)) return new DeskError('server-unreachable', error instanceof Error ? error.message : String(error));
  if (error.code === 'session-ended' || error.code === 'unauthenticated') return error;
  switch (error.serverCode) {
    case 'handover-accepted': {
      const said = acceptedBySchema.safeParse(error.body);
      const by = said.success ? (typeof said.data.error.acceptedBy === 'string' ? said.data.error.acceptedBy : said.data.error.acceptedBy.name || said.data.error.acceptedBy.agentId) : '';
      return new DeskError('handover-accepted', 'someone else accepted the handover first', { by });
    }
    case 'not-addressee':
      return new DeskError('not-addressee', 'the handover is not for this agent');
    case 'unknown-handover':
      return new DeskError('unknown-handover', 'the server knows no such handover');
  }
  if (error.code === 'unreachable' || error.code === 'server-error' || error.code === 'invalid-reply') {
    return new DeskError('server-unreachable', `the central server cannot take the acceptance now: ${error.message}`);
  }
  return new DeskError('server-error', error.message);
}
