import type { Policy } from '../contract/policy';
import { moveTo, notify, record, type Effect, type Step } from './agent-effect';
import type { TimedEvent } from './agent-event';
import type { AgentStatus, BusyStatus } from './agent-status';
import { busyLevelAbove, busyTimer } from './busy-timer';
import { ringTimeoutOutcome } from './ring-outcome';
import { ringDeadline, ringSchedule } from './ring-schedule';
import { wrapUpTimer } from './wrap-up-timer';

/**
 * The time-driven rules, as data. There are no timers in here: the main process asks
 * `nextWakeUpAt`, sets one Clock timer for it, and feeds the due event (or just re-renders).
 * `catchUp` applies every rule whose instant has passed, each at its own instant, so a timer that
 * fired late (a busy event loop, a laptop waking from sleep) changes nothing but how late the
 * desk noticed: states and records carry the true time.
 */

/** The next time-driven rule for `status` and the instant it falls due, if any. */
export function nextTimedEvent(status: AgentStatus, policy: Policy): { at: number; event: TimedEvent } | null {
  switch (status.state) {
    case 'ringing':
      return status.overdue ? null : { at: ringDeadline(status.since, policy), event: { type: 'ringTimeout', callId: status.callId } };
    case 'wrapUp':
      return { at: wrapUpTimer(status.since, policy, status.since).deadline, event: { type: 'wrapUpExpired', callId: status.callId } };
    case 'busy': {
      const timer = busyTimer(status, policy, status.since);
      const at = status.level === 'ok' ? timer.warnAt : status.level === 'warning' ? timer.limitAt : null;
      return at === null ? null : { at, event: { type: 'busyCheck' } };
    }
    default:
      return null;
  }
}

/**
 * When the main process should next look: the next timed event, or sooner a change the agent
 * must see (the ring number and the ringtone cadence). Null: nothing until the next event.
 */
export function nextWakeUpAt(status: AgentStatus, policy: Policy, now: number): number | null {
  const due = nextTimedEvent(status, policy)?.at ?? null;
  const visible = status.state === 'ringing' ? ringSchedule(status.since, policy, now).nextChangeAt : null;
  if (due === null) return visible;
  return visible === null ? due : Math.min(due, visible);
}

/** Applies, in order and each at its own instant, every timed rule due by `now`. */
export function catchUp(status: AgentStatus, policy: Policy, now: number): Step {
  let current = status;
  const effects: Effect[] = [];
  // Each step leaves ringing, leaves wrap-up or raises the busy level; a step that changes
  // nothing ends the loop anyway, so a rule can never spin here.
  for (let due = nextTimedEvent(current, policy); due && due.at <= now; due = nextTimedEvent(current, policy)) {
    const step = applyDue(current, due.event, policy, due.at);
    if (step.status === current) break;
    current = step.status;
    effects.push(...step.effects);
  }
  return { status: current, effects };
}

function applyDue(status: AgentStatus, event: TimedEvent, policy: Policy, at: number): Step {
  if (event.type === 'ringTimeout' && status.state === 'ringing') return ringTimeoutOutcome(status, policy, at);
  if (event.type === 'wrapUpExpired' && status.state === 'wrapUp') {
    // Wrap-up must not block incoming calls: back to ready; what was typed stays as a draft.
    return moveTo(status, { state: 'ready', since: at }, [{ kind: 'keepDraft', callId: status.callId }, notify('info', 'wrap-up-expired')]);
  }
  if (event.type === 'busyCheck' && status.state === 'busy') return raiseBusyLevel(status, policy, at);
  return { status, effects: [] };
}

function raiseBusyLevel(busy: BusyStatus, policy: Policy, at: number): Step {
  const timer = busyTimer(busy, policy, at);
  if (!busyLevelAbove(timer.level, busy.level)) return { status: busy, effects: [] };
  const status: BusyStatus = { ...busy, level: timer.level };
  if (timer.level === 'warning') {
    return { status, effects: [notify('warning', 'busy-warning', { minutesLeft: Math.ceil((timer.limitAt - at) / 60_000) })] };
  }
  return {
    status,
    effects: [
      record({ kind: 'busyOverLimit', at, busySince: busy.since, reason: busy.reason }),
      notify('error', 'busy-over-limit', { minutes: Math.floor(timer.elapsedMs / 60_000) }),
    ],
  };
}
