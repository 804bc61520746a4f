/**
 * Timestamps taken inside Chromium pages, on the same wall clock as the bench's Node process
 * (`performance.timeOrigin + performance.now()`; board-paint.ts `wallNow`).
 *
 * These are strings, not functions: the bench runs under tsx, whose compiled functions would call
 * a helper the page lacks, and they go in with `addInitScript`, before the page's own scripts.
 */

/** A SIP frame the caller page sent or received on its WebSocket. */
export interface WireFrame {
  dir: 'out' | 'in';
  /** The start line, e.g. `INVITE sip:1001@… SIP/2.0` or `SIP/2.0 200 OK`. */
  line: string;
  /** The CSeq method (INVITE, ACK, BYE, …). */
  method: string;
  at: number;
}

/**
 * The caller page's wire: every SIP frame out (at `send`) and in (at the socket's message event,
 * before SIP.js's own listener runs), as `window.sipWire`.
 */
export const CALLER_WIRE_PROBE = `(() => {
  const frames = [];
  window.sipWire = frames;
  const note = (dir, data) => {
    if (typeof data !== 'string') return;
    const line = data.slice(0, Math.max(0, data.indexOf('\\r\\n')));
    const cseq = /^CSeq:\\s*\\d+\\s+(\\w+)/im.exec(data);
    frames.push({ dir, line, method: cseq ? cseq[1].toUpperCase() : '', at: performance.timeOrigin + performance.now() });
  };
  const Native = window.WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (data) {
    note('out', data);
    return send.call(this, data);
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => note('in', event.data));
    }
  };
})()`;

/**
 * The desk page, as `window.deskProbe`: when the login form and each ringing prompt were painted
 * (the animation frame after they reached the DOM), when the registration pill first said
 * registered, and when the agent's login and answer clicks happened (the events' own timestamps).
 */
export const DESK_PAINT_PROBE = `(() => {
  const probe = { ringPaints: [], answerClicks: [], loginPainted: null, loginClickedAt: null, registeredAt: null };
  window.deskProbe = probe;
  const at = () => performance.timeOrigin + performance.now();
  let ringing = false;
  const watch = () => {
    const now = document.querySelector('[data-testid="ringing"]') !== null;
    if (now && !ringing) requestAnimationFrame(() => probe.ringPaints.push(at()));
    ringing = now;
    if (probe.loginPainted === null && document.querySelector('[data-testid="login-agent-id"]')) {
      probe.loginPainted = 0;
      requestAnimationFrame(() => (probe.loginPainted = at()));
    }
    if (probe.registeredAt === null && document.querySelector('[data-registration="registered"]')) probe.registeredAt = at();
  };
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(watch).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-registration'] });
  });
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-testid="answer"]')) probe.answerClicks.push(performance.timeOrigin + event.timeStamp);
    if (event.target instanceof Element && event.target.closest('[data-testid="login-submit"]')) probe.loginClickedAt = performance.timeOrigin + event.timeStamp;
  }, true);
})()`;
