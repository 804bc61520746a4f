import { notify, type Step } from './agent-effect';
import type { TalkingStatus } from './agent-status';

/** Why a consultation step was refused (a subset of the transition's error codes). */
export type ConsultRefusal = { code: 'not-connected' | 'not-held' | 'consult-in-progress' | 'no-consult'; message: string };

/**
 * The consultation (咨询) inside a call, DOMAIN.md rule 5. The customer's call stays the agent's
 * call throughout; the consult leg lives and dies inside it:
 *
 *   talking --hold--> held --consult--> consulting --(department answers)--> consulted
 *                                           |                                  |    |
 *                             endConsult /  |       conference (customer       |    | complete
 *                             department    |       un-held, media mixed)      |    | (REFER with
 *                             hangs up      v                                  v    |  Replaces:
 *                                    customer (held) <-- endConsult -- three-way    |  the call ends)
 *
 * Completing the transfer is the phone's work (REFER with Replaces); the rules see it as the
 * customer's call ending, which takes the consult leg down with it.
 */
export function startConsult(talking: TalkingStatus, consultCallId: string, now: number): Step | ConsultRefusal {
  if (!talking.connected) return { code: 'not-connected', message: 'the call is not connected yet' };
  if (talking.consult) return { code: 'consult-in-progress', message: 'a consultation is already in progress' };
  // The customer must not overhear the consultation.
  if (!talking.held) return { code: 'not-held', message: 'put the customer on hold first' };
  return {
    status: { ...talking, consult: { callId: consultCallId, since: now, connected: false, conference: false } },
    effects: [{ kind: 'dial', callId: consultCallId }],
  };
}

/** All three talk: the customer is taken off hold (by the desk, before) and the media mixed. */
export function joinConference(talking: TalkingStatus): Step | ConsultRefusal {
  const consult = talking.consult;
  if (!consult) return { code: 'no-consult', message: 'no consultation in progress' };
  if (!consult.connected) return { code: 'not-connected', message: 'the department has not answered yet' };
  if (consult.conference) return { status: talking, effects: [] };
  return {
    status: { ...talking, held: false, consult: { ...consult, conference: true } },
    effects: [{ kind: 'conference', callIds: [talking.callId, consult.callId] }],
  };
}

/**
 * The agent hangs up the consult leg and is back with the customer at once (the desk then takes
 * them off hold); the phone's later report of the leg's end is stale.
 */
export function endConsult(talking: TalkingStatus): Step | ConsultRefusal {
  if (!talking.consult) return { code: 'no-consult', message: 'no consultation in progress' };
  return { status: { ...talking, consult: null }, effects: [{ kind: 'hangup', callId: talking.consult.callId }] };
}

export function consultEstablished(talking: TalkingStatus): Step {
  const consult = talking.consult;
  return consult ? { status: { ...talking, consult: { ...consult, connected: true } }, effects: [] } : { status: talking, effects: [] };
}

/**
 * The consult leg ended (either side hung up, or it was never answered). The customer stays
 * where they were: on hold after a consultation, talking to the agent after a conference.
 */
export function consultEnded(talking: TalkingStatus): Step {
  const consult = talking.consult;
  if (!consult) return { status: talking, effects: [] };
  return { status: { ...talking, consult: null }, effects: consult.connected ? [] : [notify('warning', 'consult-failed')] };
}

/** Hold and resume belong to the two-party call: during a consultation the desk steers them itself. */
export function refusalToHoldDuringConsult(talking: TalkingStatus): ConsultRefusal | null {
  return talking.consult ? { code: 'consult-in-progress', message: 'finish the consultation first' } : null;
}
