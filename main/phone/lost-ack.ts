import { randomUUID } from 'node:crypto';
import { Core, Invitation, SessionState, type Session, type Transport } from 'sip.js';

/**
 * Repairs for an ACK lost with a WebSocket connection. Through a proxy, a WebSocket client is
 * reachable only over the connection its Contact was aliased to; an ACK in flight when that
 * connection dies is gone, and every retransmission the other side makes goes to the dead
 * connection too. Both repairs reach into SIP.js's dialog, in the two places commented here.
 */

/**
 * We answered the call and its ACK was lost: SIP.js would refuse to hang up (RFC 3261 §15: no BYE
 * before the ACK) and end the call itself after 32 s. Once the other side has accepted our target
 * refresh it evidently holds a confirmed dialog, i.e. it did send the ACK; and an ACK seconds late
 * is one the call cannot wait for (call-session.ts `confirmed`). So stop waiting for it. SIP.js
 * keeps that wait in a private field of the dialog; if a later version renames it, this does
 * nothing.
 */
export function forgetLostInitialAck(session: Session): void {
  const dialog = session.dialog as unknown as { ackWait?: unknown } | undefined;
  if (dialog?.ackWait === true) dialog.ackWait = false;
}

/**
 * SIP.js gives up on the ACK of an answered call when the INVITE transaction ends, and then moves
 * the session to Terminated without looking: if the call already ended (the caller cancelled
 * across our 200, or we hung up), that throws "Invalid state transition from Terminated to
 * Terminated" inside a transaction timer, where nobody can catch it (found by the SIP fuzz suite).
 * An ended call has nothing left to end, so the give-up is skipped then. `onAckTimeout` is a
 * private method of SIP.js's Invitation; if a later version renames it, this does nothing.
 */
export function ignoreAckTimeoutOnceEnded(invitation: Invitation): void {
  const target = invitation as unknown as { onAckTimeout?: () => void };
  const giveUp = target.onAckTimeout;
  if (typeof giveUp !== 'function') return;
  target.onAckTimeout = () => {
    if (invitation.state !== SessionState.Terminated) giveUp.call(invitation);
  };
}

/**
 * Our re-INVITE (a hold) was accepted and its ACK lost: the other side retransmits its 200 to the
 * dead connection and refuses every re-INVITE (500) until it gives up and hangs up, 32 s later.
 * SIP.js sends an ACK again only when a retransmitted 200 reaches it, which none can now, so build
 * it with the dialog's own request builder and send it over the new connection. Should the first
 * one have arrived after all, the copy is absorbed as a retransmission.
 */
export function resendReinviteAck(session: Session, cseq: number, transport: Transport): void {
  // The API types the dialog as core's narrow Session; the object is core's SessionDialog.
  const dialog = session.dialog;
  if (!(dialog instanceof Core.SessionDialog)) return;
  const ack = dialog.createOutgoingRequestMessage('ACK', { cseq });
  ack.setViaHeader(`z9hG4bK${randomUUID().replaceAll('-', '')}`, transport.protocol);
  void transport.send(ack.toString()).catch(() => {});
}
