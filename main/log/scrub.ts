/**
 * What the desk log must never hold (DOMAIN.md rule 8): customer numbers and names, credentials,
 * tokens. The log keeps call ids, states, error codes and messages; this takes out the rest
 * wherever it hides: fields by name at any depth, and numbers, SIP user parts and quoted display
 * names inside any text (an error message often quotes the SIP message or record that failed).
 */
export const REDACTED = '[redacted]';

/** Field names whose values are customer data or secrets, matched case-insensitively anywhere in the name. */
const secretFieldPattern =
  /number|name|customer|contact|summary|caller|callee|remote|phone|uri|aor|sdp|token|password|secret|authorization|cookie|credential|body|headers/i;

const sipUserPart = /\b(sips?|tel):[^\s@>;,"']+/gi;
const quotedDisplayName = /"(?:[^"\\\r\n]|\\.)*"(?=\s*<)/g;
// `From: 张三 <sip:…>`: an unquoted display name before a SIP address.
const plainDisplayName = /(?<=(?:^|[\r\n:,])[ \t]*)[^\r\n<>":,;]+?(?=[ \t]*<(?:sips?|tel):)/gim;
// Seven digits or more, spaces or dashes between them allowed (138 1234 5678, +86-10-1234-5678),
// standing alone: not part of an id (UUID hex, 0190f3a2-…), so call ids stay readable.
const longDigitRun = /(?<![\w-])\+?\d(?:[\s-]?\d){6,}(?![\w-])/g;

export function scrubText(text: string): string {
  return text
    .replace(quotedDisplayName, `"${REDACTED}"`)
    .replace(plainDisplayName, REDACTED)
    .replace(sipUserPart, `$1:${REDACTED}`)
    .replace(longDigitRun, REDACTED);
}

/** A copy of `value` with secret fields censored and every string scrubbed; errors become plain objects. */
export function scrubValue(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, seen, depth + 1));
  const source = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(source)) {
    copy[key] = secretFieldPattern.test(key) ? REDACTED : scrubValue(field, seen, depth + 1);
  }
  return copy;
}

function errorFields(error: Error): Record<string, unknown> {
  const { cause, ...own } = error as Error & { cause?: unknown };
  return { ...own, type: error.name, message: error.message, stack: error.stack, ...(cause === undefined ? {} : { cause }) };
}
