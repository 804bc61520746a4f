import { SessionState, UserAgent } from 'sip.js';
import type { Clock } from '../../src/domain/clock';
import type { CallSession } from './call-session';
import { NameAddrUri, sipfragStatus } from './refer-target';

/** How long an attended transfer waits for the target to report the customer connected. */
const TRANSFER_CONFIRM_MS = 10_000;

/**
 * Blind transfer: REFER the other side to `target` once it confirmed the call (call-session.ts
 * `confirmed`), and leave the call once the REFER is accepted.
 * `uriParams` go on the Refer-To URI, which the other side's INVITE carries in its To header.
 */
export async function blindTransfer(call: CallSession, target: string, domain: string, uriParams: Record<string, string> = {}): Promise<void> {
  if (!UserAgent.makeURI(`sip:${target}@${domain}`)) throw new Error(`not a dialable target: ${target}`);
  // Name-addr form: bare, `;param` would be read as a parameter of the Refer-To header instead.
  const uri = new NameAddrUri('sip', target, domain);
  for (const [name, value] of Object.entries(uriParams)) uri.setParam(name, value);
  await call.confirmed();
  return new Promise((resolve, reject) => {
    call.session
      .refer(uri, {
        requestDelegate: {
          onAccept: () => {
            call.endingAs = 'transferred';
            void call.session.bye().catch(() => {});
            resolve();
          },
          onReject: (response) => reject(new Error(`transfer refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
        },
      })
      .catch(reject);
  });
}

/**
 * Attended transfer: REFER the customer (`call`) to the party of `consult`, with a Replaces header
 * naming our dialog with them, so their phone swaps our consult call for the customer. Addressed
 * to their AOR rather than their Contact: any proxy routes an AOR, while a WebSocket client's
 * Contact (*.invalid) is reachable only through the proxy's aliases. Resolves once the target
 * reports the customer connected (NOTIFY 200), then leaves the call; a refusal or silence leaves
 * both calls as they were.
 */
export async function attendedTransfer(call: CallSession, consult: CallSession, domain: string, clock: Clock): Promise<void> {
  const dialog = consult.session.dialog;
  const user = consult.session.remoteIdentity.uri.user;
  if (!dialog || consult.session.state !== SessionState.Established || !user) throw new Error('the consulted party is not connected');
  await call.confirmed();
  const target = new NameAddrUri('sip', user, domain);
  target.setHeader('Replaces', encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`));
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      call.transferring = false;
      if (error) {
        reject(error);
        return;
      }
      call.endingAs = 'transferred';
      void call.session.bye().catch(() => {});
      resolve();
    };
    const timer = clock.setTimeout(() => finish(new Error('the transfer target did not confirm the transfer')), TRANSFER_CONFIRM_MS);
    call.session
      .refer(target, {
        requestDelegate: {
          onAccept: () => {
            call.transferring = true;
          },
          onReject: (response) => finish(new Error(`transfer refused: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
        },
        onNotify: (notification) => {
          void notification.accept().catch(() => {});
          const status = sipfragStatus(notification.request.body);
          if (status === null || status < 200) return;
          finish(status < 300 ? undefined : new Error(`the transfer target answered ${status}`));
        },
      })
      .catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    // The customer may leave our call as soon as the target answered, before any NOTIFY.
    call.session.stateChange.addListener((state) => {
      if (state === SessionState.Terminated && call.transferring) finish();
    });
  });
}
