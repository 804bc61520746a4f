export * from './clock';
export * from './backoff';
export * from './agent-status';
export * from './agent-event';
// The effect builders (moveTo, record, notify) stay internal to the rules.
export {
  SIP_BUSY_HERE,
  SIP_TEMPORARILY_UNAVAILABLE,
  type AgentNoticeCode,
  type AgentRecord,
  type DeclineStatus,
  type Effect,
  type Step,
} from './agent-effect';
export * from './agent-state';
export * from './ring-schedule';
export * from './ring-outcome';
export * from './busy-timer';
export * from './wrap-up-timer';
export * from './timed-events';
export * from './local-time';
export * from './attendance';
export * from './day-figures';
export * from './working-days';
export * from './promise-reminders';
export * from './cut-text';
