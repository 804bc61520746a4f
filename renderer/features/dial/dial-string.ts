import { deskApiSchemas } from '../../../src/contract';

/**
 * What a dial or transfer field keeps of typed or pasted text: digits, * and #, and a + only in
 * front. Spaces, dashes and brackets from a pasted "(010) 1234-5678" simply drop out.
 */
export function cleanDialInput(text: string): string {
  const trimmed = text.trim();
  const plus = trimmed.startsWith('+') ? '+' : '';
  return plus + trimmed.replace(/[^0-9*#]/g, '').slice(0, 32);
}

/** Whether main will accept the number: checked with the contract's own schema, so the two never drift apart. */
export function isDialable(number: string): boolean {
  return deskApiSchemas.dial.shape.number.safeParse(number).success;
}
