import { Grammar, SessionState, type Info, type Invitation } from 'sip.js';
import { v4 as uuidv4 } from 'uuid';
import { SURVEY_CALL_PARAM, type SurveyRating, type SurveyResult } from '../../src/contract/survey';
import type { Clock, ClockTimer } from '../../src/domain/clock';
import { dtmfRelaySignal } from './dtmf-relay';
import { mintSipCredentials } from '../../server/sip-credentials';
import { startRegisteredUserAgent } from './registered-user-agent';
import { signallingOnlySdpHandlerFactory } from './signalling-only-sdp-handler';

/** One call that reached a lab endpoint, as the endpoint saw it. */
export interface Arrival {
  /** The endpoint's extension (the number that was called). */
  extension: string;
  /** The caller's SIP user: a customer's number for a transferred call. */
  from: string;
  displayName: string;
  /** The user in the call's Referred-By header: the agent who transferred the caller here. */
  referredBy: string | null;
  /**
   * The call this one replaced (INVITE with Replaces, RFC 3891): the agent's consult call, whose
   * party (the agent) is given here. Null for an ordinary call.
   */
  replacedCallWith: string | null;
  /** When the INVITE arrived. */
  at: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** Keypad tones received by SIP INFO (application/dtmf-relay), in order. */
  dtmf: string;
  /** The survey IVR only: the desk's call id from the transfer target, and the rating it reported. */
  surveyedCallId: string | null;
  rating: SurveyRating | null;
}

/** The survey IVR's way to the central server (POST /v1/survey-results). */
export type SurveyReporter = (result: SurveyResult) => Promise<void>;

/** Keys of the survey prompt "满意请按1，一般请按2，不满意请按3". */
const RATING_KEYS: Record<string, SurveyRating> = { '1': 'satisfied', '2': 'neutral', '3': 'dissatisfied' };

export interface LabEndpointOptions {
  wsUrl: string;
  domain: string;
  secret: string;
  extension: string;
  displayName: string;
  /** Hang up this long after answering (the survey IVR); default: wait for the caller. */
  hangUpAfterMs?: number;
  /**
   * Act as the satisfaction survey IVR: a key 1-3 is the rating (then it hangs up), silence until
   * `hangUpAfterMs` or the customer hanging up is 'none'; the result is reported once.
   */
  survey?: SurveyReporter;
  clock: Clock;
}

export interface LabEndpoint {
  extension: string;
  /** Every call so far, oldest first (copies: later changes do not show in them). */
  arrivals(): Arrival[];
  /** Hangs up calls in progress, unregisters and stops. */
  stop(): Promise<void>;
}

const CREDENTIAL_TTL_MS = 7 * 24 * 60 * 60_000;

/** A registered SIP endpoint that answers every call at once, standing in for a department phone or an IVR. */
export async function startLabEndpoint(options: LabEndpointOptions): Promise<LabEndpoint> {
  const { clock } = options;
  const arrivals: Arrival[] = [];
  const live = new Set<Invitation>();

  const answer = (invitation: Invitation) => {
    const caller = invitation.remoteIdentity;
    const arrival: Arrival = {
      extension: options.extension,
      from: caller.uri.user ?? '',
      displayName: caller.displayName,
      referredBy: referrerOf(invitation),
      // SIP.js matched the Replaces header to our dialog and will hang that call up once we answer.
      replacedCallWith: invitation.replacee?.remoteIdentity.uri.user ?? null,
      at: clock.now(),
      answeredAt: null,
      endedAt: null,
      dtmf: '',
      surveyedCallId: options.survey ? (invitation.request.to.uri.getParam(SURVEY_CALL_PARAM) ?? null) : null,
      rating: null,
    };
    arrivals.push(arrival);
    live.add(invitation);

    let hangUp: ClockTimer | undefined;
    const rate = (rating: SurveyRating) => {
      if (!options.survey || arrival.rating !== null) return;
      arrival.rating = rating;
      clock.clearTimeout(hangUp);
      if (invitation.state === SessionState.Established) void invitation.bye().catch(() => undefined);
      const agentId = arrival.referredBy;
      if (arrival.surveyedCallId === null || agentId === null) return;
      void options.survey({ id: uuidv4(), callId: arrival.surveyedCallId, agentId, rating, customerNumber: arrival.from, ratedAt: clock.now() }).catch(() => undefined);
    };
    invitation.delegate = {
      onInfo: (info) => {
        receiveInfo(info, arrival);
        const key = arrival.dtmf.at(-1);
        if (key !== undefined && RATING_KEYS[key]) rate(RATING_KEYS[key]);
      },
    };
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        arrival.answeredAt = clock.now();
        if (options.hangUpAfterMs !== undefined) {
          hangUp = clock.setTimeout(() => {
            if (options.survey) rate('none');
            else void invitation.bye().catch(() => undefined);
          }, options.hangUpAfterMs);
        }
      } else if (state === SessionState.Terminated) {
        arrival.endedAt = clock.now();
        clock.clearTimeout(hangUp);
        live.delete(invitation);
        // A customer who hangs up without pressing a key gave no rating.
        if (arrival.answeredAt !== null) rate('none');
      }
    });
    // The caller may cancel before the answer goes out: nothing to do then.
    invitation.accept().catch(() => undefined);
  };

  const agent = await startRegisteredUserAgent({
    wsUrl: options.wsUrl,
    domain: options.domain,
    user: options.extension,
    displayName: options.displayName,
    credentials: mintSipCredentials(options.secret, options.extension, clock.now() + CREDENTIAL_TTL_MS),
    sessionDescriptionHandlerFactory: signallingOnlySdpHandlerFactory,
    delegate: { onInvite: answer },
  });

  return {
    extension: options.extension,
    arrivals: () => arrivals.map((arrival) => ({ ...arrival })),
    stop: async () => {
      await Promise.all([...live].filter((call) => call.state === SessionState.Established).map((call) => call.bye().catch(() => undefined)));
      await agent.stop();
    },
  };
}

function referrerOf(invitation: Invitation): string | null {
  const header = invitation.request.getHeader('referred-by');
  if (header === undefined) return null;
  return Grammar.nameAddrHeaderParse(header)?.uri.user ?? null;
}

function receiveInfo(info: Info, arrival: Arrival): void {
  const tone = dtmfRelaySignal(info.request.body);
  if (tone !== null) arrival.dtmf += tone;
  void info.accept().catch(() => undefined);
}
