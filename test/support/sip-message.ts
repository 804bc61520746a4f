/**
 * SIP text read leniently, for test endpoints that talk to what the fuzz suite provokes: a PBX
 * answering a broken request echoes its broken From or duplicated Call-ID, which a strict parser
 * (SIP.js's) refuses, and the answer would look lost. Only framing is parsed (start line, header
 * lines with folding, body); values stay as they came.
 */
export interface SipMessage {
  /** The request's method, or for a response the method of its CSeq. */
  method: string;
  /** Request-URI (requests only). */
  uri: string | undefined;
  /** Status code (responses only). */
  status: number | undefined;
  reason: string;
  /** Header lines in order, names lower-cased with compact forms expanded. */
  headers: Array<[name: string, value: string]>;
  body: string;
  /** The first value of a header, if present. */
  header(name: string): string | undefined;
  /** Every value of a header, in order (comma-joined values are not split). */
  all(name: string): string[];
  callId: string;
  cseq: number;
  /** The branch of the top Via: which transaction the message belongs to. */
  branch: string;
  toTag: string | undefined;
}

const COMPACT: Record<string, string> = {
  i: 'call-id', m: 'contact', e: 'content-encoding', l: 'content-length', c: 'content-type',
  f: 'from', s: 'subject', k: 'supported', t: 'to', v: 'via', o: 'event', r: 'refer-to', b: 'referred-by', u: 'allow-events',
};

/** `undefined` when the text is not a SIP message at all (no SIP start line). */
export function parseSipMessage(text: string): SipMessage | undefined {
  const split = text.search(/\r?\n\r?\n/);
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '');
  const [startLine = '', ...rawLines] = head.split(/\r?\n/);
  const response = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/.exec(startLine);
  const request = /^(\S+)\s+(\S+)\s+SIP\/2\.0$/.exec(startLine);
  if (!response && !request) return undefined;

  const headers: Array<[string, string]> = [];
  for (const line of rawLines) {
    const last = headers.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()]);
  }
  const all = (name: string) => headers.filter(([key]) => key === name.toLowerCase()).map(([, value]) => value);
  const header = (name: string) => all(name)[0];
  const cseq = /^(\d+)\s+(\S+)/.exec(header('cseq') ?? '');
  return {
    method: request?.[1] ?? cseq?.[2] ?? '',
    uri: request?.[2],
    status: response ? Number(response[1]) : undefined,
    reason: response?.[2] ?? '',
    headers,
    body,
    header,
    all,
    callId: header('call-id') ?? '',
    cseq: Number(cseq?.[1] ?? 0),
    branch: /;\s*branch=([^;,\s]+)/i.exec(header('via') ?? '')?.[1] ?? '',
    toTag: tagOf(header('to')),
  };
}

/** The tag parameter of a From/To value (outside the `<…>` URI, where a `;tag=` could hide). */
export function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const params = value.includes('>') ? value.slice(value.lastIndexOf('>') + 1) : value;
  return /;\s*tag=([^;,\s]+)/i.exec(params)?.[1];
}
