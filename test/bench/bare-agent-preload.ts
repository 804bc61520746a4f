import type { Invitation } from 'sip.js';
import { startRegisteredUserAgent } from '../../lab/endpoints/registered-user-agent';
import { signallingOnlySdpHandlerFactory } from '../../lab/endpoints/signalling-only-sdp-handler';

/**
 * The ring-and-answer bench's baseline, loaded into the desk's own main process (`node --import`
 * this file, before the desk's dist/web/desk.mjs): a bare SIP.js user agent on the same Kamailio, in the
 * same event loop as the desk. It prints when each INVITE reached onInvite and, 100 ms later, when
 * it called accept(), on one wall clock with the bench (performance.timeOrigin + now()).
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`bare-agent-preload: ${name} is not set`);
  return value;
};
const wallNow = () => performance.timeOrigin + performance.now();
const ACCEPT_AFTER_MS = 100;

let invites = 0;
await startRegisteredUserAgent({
  wsUrl: env('BENCH_BARE_WS'),
  domain: env('BENCH_BARE_DOMAIN'),
  user: env('BENCH_BARE_USER'),
  credentials: { username: env('BENCH_BARE_USERNAME'), password: env('BENCH_BARE_PASSWORD') },
  sessionDescriptionHandlerFactory: signallingOnlySdpHandlerFactory,
  delegate: {
    onInvite: (invitation: Invitation) => {
      const at = wallNow();
      const index = invites++;
      console.log(`bare-invite ${index} ${at}`);
      setTimeout(() => {
        console.log(`bare-accept ${index} ${wallNow()}`);
        void invitation.accept().catch(() => {});
      }, ACCEPT_AFTER_MS);
    },
  },
});
console.log('bare-registered');
