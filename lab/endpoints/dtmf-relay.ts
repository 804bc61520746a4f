/**
 * The tone of a SIP INFO DTMF body (`Content-Type: application/dtmf-relay`, e.g.
 * "Signal=5\r\nDuration=160"), or null when the body carries none.
 */
export function dtmfRelaySignal(body: string): string | null {
  const match = /^\s*Signal\s*=\s*([0-9A-D*#])\s*$/im.exec(body);
  return match?.[1]?.toUpperCase() ?? null;
}

export const DTMF_RELAY_CONTENT_TYPE = 'application/dtmf-relay';
