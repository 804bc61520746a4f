import type { DeskSnapshot } from '../../../src/contract';
import type { PlaceholderValues } from './fill-placeholders';

/**
 * The caller's SIP display name as a customer name: only when it reads like a name (letters, no
 * digits: from the PBX or a CRM), not a label around the number (客户 13812345678) or the number.
 */
export function nameFromDisplayName(displayName: string): string {
  return /\p{L}/u.test(displayName) && !/\p{Nd}/u.test(displayName) ? displayName.trim() : '';
}

/** The placeholder values of the logged-in agent and the center; the customer's name as the caller knows it. */
export function phraseValuesOf(snapshot: Pick<DeskSnapshot, 'agent' | 'policy'>, customerName: string): PlaceholderValues {
  return {
    agentId: snapshot.agent?.agentId,
    agentName: snapshot.agent?.name,
    companyName: snapshot.policy?.companyName,
    customerName,
  };
}
