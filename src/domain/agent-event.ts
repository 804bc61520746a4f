import type { BusyReason } from '../contract/policy';

/**
 * Something the main process saw happen that a time-driven rule scheduled: the ring deadline,
 * the wrap-up limit, a busy level change. `nextTimedEvent` says which one is due and when.
 */
export type TimedEvent =
  | { type: 'ringTimeout'; callId: string }
  | { type: 'wrapUpExpired'; callId: string }
  | { type: 'busyCheck' };

/** Commands of the agent (through the desk API), reports of the phone, a supervisor's approval. */
export type AgentEvent =
  // the agent
  | { type: 'login' }
  | { type: 'logout' }
  | { type: 'setReady' }
  | { type: 'setBusy'; reason: BusyReason }
  | { type: 'answer'; callId: string }
  | { type: 'reject'; callId: string }
  | { type: 'hangup'; callId: string }
  | { type: 'hold'; callId: string }
  | { type: 'unhold'; callId: string }
  | { type: 'mute'; callId: string }
  | { type: 'unmute'; callId: string }
  | { type: 'wrapUpSaved'; callId: string }
  /** Call a department while the (held) customer waits; `consultCallId` is made by the desk. */
  | { type: 'consult'; callId: string; consultCallId: string }
  /** Join customer and department in a three-way call (the customer is no longer held). */
  | { type: 'conference'; callId: string }
  /** Hang up the consultation and stay with the customer. */
  | { type: 'endConsult'; callId: string }
  /** An outbound call (回访) the agent places; `callId` is made by the desk. */
  | { type: 'dial'; callId: string }
  // the phone
  | { type: 'offer'; callId: string }
  | { type: 'callEstablished'; callId: string }
  | { type: 'callEnded'; callId: string }
  // a supervisor, through the central server
  | { type: 'approveBusy'; until: number; supervisorId: string }
  /** The seat was left ready (the agent walked away): busy, reason `away`. */
  | { type: 'forceBusy'; supervisorId: string }
  | TimedEvent;
