/**
 * A customer's number as the board shows it (DOMAIN.md rule 8: customer information does not
 * leak): the first three and last four digits of a long number, the last two of a short one, so
 * a supervisor can tell calls apart without being able to call the customer.
 */
export function maskNumber(number: string): string {
  const chars = [...number];
  if (chars.length >= 11) return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
  if (chars.length >= 7) return `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
  if (chars.length >= 3) return `${'*'.repeat(chars.length - 2)}${chars.slice(-2).join('')}`;
  return '*'.repeat(chars.length);
}
