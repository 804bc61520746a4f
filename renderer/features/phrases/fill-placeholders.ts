import { phraseParts, type PhrasePlaceholder } from '../../../src/contract';

/** What the desk knows to put into a phrase; a value missing or blank leaves its placeholder for the agent. */
export type PlaceholderValues = Partial<Record<PhrasePlaceholder, string>>;

/** A phrase's text as shown: plain text, a filled-in value, or a placeholder still to say or type. */
export type PhraseSegment = { kind: 'text'; text: string } | { kind: 'value'; name: PhrasePlaceholder; text: string } | { kind: 'missing'; name: PhrasePlaceholder };

/**
 * Fills a phrase's placeholders in one pass: a value is never read as a phrase again (a customer
 * named "{agentId}" stays that name), and braces that are no placeholder stay as written.
 */
export function phraseSegments(text: string, values: PlaceholderValues): PhraseSegment[] {
  return phraseParts(text).map((part): PhraseSegment => {
    if (part.kind === 'text') return part;
    const value = values[part.name]?.trim() ?? '';
    return value === '' ? { kind: 'missing', name: part.name } : { kind: 'value', name: part.name, text: value };
  });
}

/** The phrase as text to insert or copy; `missing` says how a placeholder without a value reads (e.g. 【客户姓名】). */
export function fillPhrase(text: string, values: PlaceholderValues, missing: (name: PhrasePlaceholder) => string): string {
  return phraseSegments(text, values)
    .map((segment) => (segment.kind === 'missing' ? missing(segment.name) : segment.text))
    .join('');
}
