import type { TFunction } from 'i18next';
import type { Alert, SeatPresence } from '../../../src/contract';
import { formatDuration } from '../../../src/domain/format-duration';
import { localClockOf } from '../../../src/domain/local-time';

type Detail = Alert['details'][string] | undefined;
const number = (value: Detail) => (typeof value === 'number' ? value : 0);
const text = (value: Detail) => (value === null || value === undefined ? '' : String(value));

/** What an alert says, in the board's language: the kind's own facts, times in the center's zone. */
export function alertDetail(t: TFunction, alert: Alert, utcOffsetMinutes: number): string {
  const { details } = alert;
  switch (alert.kind) {
    case 'busyOverLimit':
      return t('alerts.detail.busyOverLimit', { reason: t(`busyReason.${text(details.busyReason)}`), limit: formatDuration(number(details.limitMs)) });
    case 'missedOffer':
      return t('alerts.detail.missedOffer', { number: text(details.maskedNumber), rings: number(details.rings) });
    case 'repeatedMisses':
      return t('alerts.detail.repeatedMisses', { count: number(details.count), minutes: Math.round(number(details.windowMs) / 60_000) });
    case 'wrapUpOverLimit':
      return t('alerts.detail.wrapUpOverLimit', { duration: formatDuration(number(details.wrapUpMs)), limit: formatDuration(number(details.limitMs)) });
    case 'deskUnreachable':
      return t('alerts.detail.deskUnreachable', { state: t(`state.${text(details.state)}`), since: localClockOf(number(details.since), utcOffsetMinutes) });
    case 'loginFailures':
      return t('alerts.detail.loginFailures', { count: number(details.count), address: text(details.address) });
    case 'emergency':
      return t('alerts.detail.emergency', { content: text(details.content) });
  }
}

/** Whose alert: 工号 and name, or the address for failed logins across 工号s. */
export function alertWho(alert: Alert, seats: Record<string, SeatPresence>): string {
  if (alert.agentId === null) return text(alert.details.address);
  const name = seats[alert.agentId]?.name;
  return name ? `${alert.agentId} ${name}` : alert.agentId;
}
