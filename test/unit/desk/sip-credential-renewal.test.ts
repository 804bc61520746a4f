import { describe, expect, it } from 'vitest';
import type { SipProvision } from '../../../src/contract/sync';
import { ManualClock } from '../../../src/domain/clock';
import { SipCredentialRenewal } from '../../../main/desk/sip-credential-renewal';

const HOUR = 3_600_000;

function provision(expiresAt: number): SipProvision {
  return {
    wsServer: 'ws://127.0.0.1:5066',
    aor: 'sip:1001@seatdesk.lab',
    authorizationUsername: `${expiresAt / 1000}:1001`,
    authorizationPassword: 'secret',
    expiresAt,
    displayName: '张三',
  };
}

/** A renewal over a manual clock, with a server that answers (or fails) as the test says. */
function renewalOf(clock: ManualClock, expiresAt: number, answer: () => Promise<SipProvision>) {
  const fetchedAt: number[] = [];
  const applied: SipProvision[] = [];
  const final: unknown[] = [];
  const renewal = new SipCredentialRenewal({
    clock,
    expiresAt,
    fetch: () => {
      fetchedAt.push(clock.now());
      return answer();
    },
    apply: async (sip) => void applied.push(sip),
    isFinal: (error) => error instanceof Error && error.message === 'session-ended',
    onFinal: (error) => final.push(error),
  });
  return { renewal, fetchedAt, applied, final };
}

/** Lets the promise callbacks of a renewal run (fetch and apply are async). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SipCredentialRenewal', () => {
  it('renews 12 h credentials 9 h in (not a millisecond earlier), then keeps renewing the new ones', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    const { renewal, fetchedAt, applied } = renewalOf(clock, start + 12 * HOUR, async () => provision(clock.now() + 12 * HOUR));
    renewal.start();

    clock.advance(9 * HOUR - 1);
    expect(fetchedAt).toEqual([]);
    clock.advance(1);
    await settle();
    expect(fetchedAt).toEqual([start + 9 * HOUR]);
    expect(applied.map((sip) => sip.expiresAt)).toEqual([start + 21 * HOUR]);

    clock.advance(9 * HOUR);
    await settle();
    expect(fetchedAt).toEqual([start + 9 * HOUR, start + 18 * HOUR]);
    renewal.stop();
  });

  it('retries while the server is away (a quarter of what is left, at most a minute), also after expiry', async () => {
    const clock = new ManualClock();
    const start = clock.now();
    let up = false;
    const { renewal, fetchedAt, applied } = renewalOf(clock, start + 12 * HOUR, async () => {
      if (!up) throw new Error('unreachable');
      return provision(clock.now() + 12 * HOUR);
    });
    renewal.start();
    clock.advance(9 * HOUR);
    await settle();
    expect(fetchedAt).toHaveLength(1);
    // 3 h left: retry in a minute, not in 45 min.
    clock.advance(60_000);
    await settle();
    expect(fetchedAt).toEqual([start + 9 * HOUR, start + 9 * HOUR + 60_000]);
    // Minute by minute past the expiry: it keeps trying.
    for (let minute = 0; minute < 200; minute++) {
      clock.advance(60_000);
      await settle();
    }
    expect(fetchedAt.filter((at) => at > start + 12 * HOUR).length).toBeGreaterThan(15);
    // Expired: once a minute, not every second (second by second for two minutes: two tries).
    const before = fetchedAt.length;
    for (let second = 0; second < 120; second++) {
      clock.advance(1_000);
      await settle();
    }
    expect(fetchedAt.length - before).toBe(2);
    up = true;
    clock.advance(60_000);
    await settle();
    expect(applied).toHaveLength(1);
    renewal.stop();
  });

  it('stops for good when the session has ended, says so once, and after stop nothing is fetched', async () => {
    const clock = new ManualClock();
    const { renewal, fetchedAt, final } = renewalOf(clock, clock.now() + 12 * HOUR, async () => {
      throw new Error('session-ended');
    });
    renewal.start();
    clock.advance(9 * HOUR);
    await settle();
    expect(fetchedAt).toHaveLength(1);
    clock.advance(12 * HOUR);
    await settle();
    expect(fetchedAt).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
    expect(final).toMatchObject([{ message: 'session-ended' }]);

    const stopped = renewalOf(clock, clock.now() + HOUR, async () => provision(clock.now() + HOUR));
    stopped.renewal.start();
    stopped.renewal.stop();
    clock.advance(2 * HOUR);
    await settle();
    expect(stopped.fetchedAt).toEqual([]);
  });

  it('is silent about a failure that comes back after it was stopped (the agent logged out meanwhile)', async () => {
    const clock = new ManualClock();
    let fail: (error: Error) => void = () => {};
    const { renewal, fetchedAt, final } = renewalOf(clock, clock.now() + 12 * HOUR, () => new Promise((_resolve, reject) => (fail = reject)));
    renewal.start();
    clock.advance(9 * HOUR);
    expect(fetchedAt).toHaveLength(1);
    renewal.stop();
    fail(new Error('session-ended'));
    await settle();
    expect(final).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
