import { Inviter, UserAgent, type InviterOptions, type Registerer, type Session, type SessionState, type UserAgentDelegate } from 'sip.js';
import { startRegisteredUserAgent } from '../../lab/endpoints/registered-user-agent';
import { systemClock, type Clock } from '../../src/domain/clock';
import { mintSipCredentials } from '../../server/sip-credentials';
import { createStaticSdpHandlerFactory, type StaticSdpSessionDescriptionHandler } from './static-sdp-session-description-handler';

export { SipRegistrationError } from '../../lab/endpoints/registered-user-agent';
export { createStaticSdpHandlerFactory, StaticSdpSessionDescriptionHandler } from './static-sdp-session-description-handler';

export interface NodeUserAgentOptions {
  wsUrl: string;
  domain: string;
  /** The SIP user (an agent's 工号 or a caller number): the AOR is sip:<user>@<domain>. */
  user: string;
  /** The auth_ephemeral secret Kamailio was started with. */
  secret: string;
  displayName?: string;
  /** Expiry of the minted credentials; default one hour from now. */
  credentialsExpireAtMs?: number;
  /** Use these instead of minting (to present someone else's or broken credentials). */
  credentials?: { username: string; password: string };
  /** Register before resolving; default true. */
  register?: boolean;
  delegate?: UserAgentDelegate;
  clock?: Clock;
  /** Delay in taking in each SDP of the other side (an answer: the ACK waits for it); default none. */
  sdpDelayMs?: number;
}

export interface NodeUserAgent {
  userAgent: UserAgent;
  registerer: Registerer;
  /** Every StaticSdpSessionDescriptionHandler this agent's sessions used, in creation order. */
  mediaHandlers: StaticSdpSessionDescriptionHandler[];
  /**
   * The calls this agent placed because the other side transferred it (REFER), in order: REFERs on
   * incoming calls, on calls made with `makeInviter` and on sessions passed to `followReferrals`.
   * (A plain `new Inviter(...)` follows a REFER too, by SIP.js's default, but is not listed here.)
   */
  followedReferrals: FollowedReferral[];
  /** Resolves with the `index`th followed referral once this agent has placed that call. */
  followedReferral(index?: number): Promise<FollowedReferral>;
  /** An Inviter to sip:<user>@<domain> that follows a REFER from the other side; send it with `.invite()`. */
  makeInviter(user: string, options?: InviterOptions): Inviter;
  /** Makes `session` accept an incoming REFER and call the Refer-To target (blind transfer). */
  followReferrals(session: Session): void;
  /** Unregisters (if registered) and stops the user agent; never throws. */
  stop(): Promise<void>;
}

/** A transfer this agent followed: the call it was referred from, and the call it then placed. */
export interface FollowedReferral {
  referredFrom: Session;
  /** The Refer-To target's user, e.g. '8001'. */
  target: string;
  /** The Referred-By header of the REFER, as sent (the transferring agent). */
  referredBy: string | undefined;
  /** The new call; it carries the Referred-By header on to the target. */
  inviter: Inviter;
}

const ONE_HOUR_MS = 3_600_000;

/**
 * A SIP.js user agent running in Node, connected to Kamailio over `ws` (injected as the transport,
 * no globals patched) and, unless `register: false`, registered with auth_ephemeral credentials.
 * Media is the static-SDP stand-in: signalling is real, RTP is not.
 */
export async function createNodeUserAgent(options: NodeUserAgentOptions): Promise<NodeUserAgent> {
  const clock = options.clock ?? systemClock;
  const credentials =
    options.credentials ?? mintSipCredentials(options.secret, options.user, options.credentialsExpireAtMs ?? clock.now() + ONE_HOUR_MS);
  const sessionDescriptionHandlerFactory = createStaticSdpHandlerFactory(options.sdpDelayMs);
  const { userAgent, registerer, stop } = await startRegisteredUserAgent({
    wsUrl: options.wsUrl,
    domain: options.domain,
    user: options.user,
    ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
    credentials,
    sessionDescriptionHandlerFactory,
    ...(options.register !== undefined ? { register: options.register } : {}),
    delegate: {
      ...options.delegate,
      onInvite: (invitation) => {
        followReferrals(invitation);
        options.delegate?.onInvite?.(invitation);
      },
    },
  });
  const followedReferrals: FollowedReferral[] = [];
  const referralWaiters: Array<() => void> = [];
  // SIP.js follows a REFER by itself when no delegate takes it, but then the new call is out of
  // the test's reach: take it here, the same way, and keep the new call.
  function followReferrals(session: Session): void {
    session.delegate = {
      ...session.delegate,
      onRefer: (referral) => {
        const follow = async () => {
          await referral.accept();
          const inviter = referral.makeInviter();
          followReferrals(inviter);
          followedReferrals.push({ referredFrom: session, target: referral.referTo.uri.user ?? '', referredBy: referral.referredBy, inviter });
          for (const wake of referralWaiters.splice(0)) wake();
          await inviter.invite();
        };
        // A failed follow-up call shows in the inviter's state; there is no one else to tell.
        follow().catch(() => undefined);
      },
    };
  }
  const followedReferral = async (index = 0): Promise<FollowedReferral> => {
    for (;;) {
      const followed = followedReferrals[index];
      if (followed) return followed;
      await new Promise<void>((wake) => referralWaiters.push(wake));
    }
  };
  const makeInviter = (user: string, inviterOptions?: InviterOptions): Inviter => {
    const target = UserAgent.makeURI(`sip:${user}@${options.domain}`);
    if (!target) throw new Error(`not a SIP user: ${user}@${options.domain}`);
    const inviter = new Inviter(userAgent, target, inviterOptions);
    followReferrals(inviter);
    return inviter;
  };

  return {
    userAgent,
    registerer,
    mediaHandlers: sessionDescriptionHandlerFactory.created,
    followedReferrals,
    followedReferral,
    makeInviter,
    followReferrals,
    stop,
  };
}


/** Resolves when `session` is (or later gets) in `wanted` state. */
export function sessionReaches(session: Session, wanted: SessionState): Promise<void> {
  if (session.state === wanted) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (state: SessionState) => {
      if (state !== wanted) return;
      session.stateChange.removeListener(listener);
      resolve();
    };
    session.stateChange.addListener(listener);
  });
}
