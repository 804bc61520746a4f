import { URI } from 'sip.js';

/** A Refer-To target as a name-addr: a URI with parameters or headers (`?Replaces=…`) must be in angle brackets. */
export class NameAddrUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/** The status code of a REFER progress report (message/sipfrag: "SIP/2.0 200 OK"). */
export function sipfragStatus(body: string | undefined): number | null {
  const match = /^SIP\/2\.0\s+(\d{3})/.exec(body?.trimStart() ?? '');
  return match ? Number(match[1]) : null;
}
