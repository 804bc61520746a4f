import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/domain/clock';
import { ServerProbe } from '../../../main/sync/server-probe';

/** The probe behind the login screen's word on the central server, on a manual clock. */
function probe(options: { wanted?: () => boolean } = {}) {
  const clock = new ManualClock();
  const checks: Array<{ answer: () => void; fail: () => void }> = [];
  const reports: boolean[] = [];
  const serverProbe = new ServerProbe({
    clock,
    check: () => new Promise<void>((resolve, reject) => checks.push({ answer: resolve, fail: () => reject(new Error('ECONNREFUSED')) })),
    wanted: options.wanted ?? (() => true),
    report: (reachable) => reports.push(reachable),
    intervalMs: 10_000,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { clock, checks, reports, serverProbe, settle };
}

describe('ServerProbe', () => {
  it('asks at once, reports the answer, and asks again an interval after it', async () => {
    const { clock, checks, reports, serverProbe, settle } = probe();
    serverProbe.start();
    expect(checks).toHaveLength(1);
    checks[0]!.fail();
    await settle();
    expect(reports).toEqual([false]);

    clock.advance(9_999);
    expect(checks).toHaveLength(1);
    clock.advance(1);
    expect(checks).toHaveLength(2);
    checks[1]!.answer();
    await settle();
    expect(reports).toEqual([false, true]);
  });

  it('never has two checks in flight: the interval starts when a slow answer comes', async () => {
    const { clock, checks, serverProbe, settle } = probe();
    serverProbe.start();
    clock.advance(60_000);
    expect(checks).toHaveLength(1);
    checks[0]!.answer();
    await settle();
    clock.advance(10_000);
    expect(checks).toHaveLength(2);
  });

  it('does not ask while it is not wanted (an agent logged in), and asks again once it is', async () => {
    let wanted = false;
    const { clock, checks, reports, serverProbe, settle } = probe({ wanted: () => wanted });
    serverProbe.start();
    clock.advance(30_000);
    expect(checks).toHaveLength(0);
    wanted = true;
    clock.advance(10_000);
    expect(checks).toHaveLength(1);
    checks[0]!.answer();
    await settle();
    expect(reports).toEqual([true]);
  });

  it('reports nothing after it stopped, not even the answer to a check in flight, and asks no more', async () => {
    const { clock, checks, reports, serverProbe, settle } = probe();
    serverProbe.start();
    serverProbe.stop();
    checks[0]!.answer();
    await settle();
    clock.advance(60_000);
    expect(reports).toEqual([]);
    expect(checks).toHaveLength(1);
  });
});
