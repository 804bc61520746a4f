import type { Kysely } from 'kysely';
import type { Policy } from '../src/contract';
import type { Clock } from '../src/domain/clock';
import type { BoardFeed } from './seats/board-feed';
import type { Database } from './db/schema';
import type { LiveEvents } from './cluster/live-events';
import type { LiveHub } from './live-hub';
import type { FailureLimits } from './login-failures';
import type { SessionExpiry } from './session-expiry';
import type { SessionLimits } from './sessions';
import type { SurveyTokens } from './survey-tokens';

/** What every route needs, resolved once at start-up. */
export interface ServerContext {
  db: Kysely<Database>;
  clock: Clock;
  policy: Policy;
  sip: { wsServer: string; domain: string; secret: string; credentialTtlMs: number };
  surveyTokens: SurveyTokens;
  liveHub: LiveHub;
  loginThrottle: LoginThrottle;
  sessionLimits: SessionLimits;
  sessionExpiry: SessionExpiry;
  /** Seats as boards see them, and the pushes to boards. */
  board: BoardFeed;
  /** Where routes report what happened live, for this instance's sockets and the others'. */
  events: LiveEvents;
}

/** How the server throttles logins (see ServerConfig.loginThrottle). */
export interface LoginThrottle {
  attemptsPerAddressPerMinute: number;
  failures: FailureLimits;
}
