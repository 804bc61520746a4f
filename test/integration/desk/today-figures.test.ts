import { SessionState } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import type { Lab } from '../../../lab';
import { seatsOnServer } from '../../support/desk-fixture';
import { useLabForSuite } from '../../support/lab-suite';
import { dial, type LabSessions } from '../../support/node-desk';
import { sessionReaches } from '../../support/sip-node';

/**
 * 我的今日 (issue 10 item 4): the agent's today on the desk is the board's figures for that seat,
 * by one computation over the same records, after real calls through the lab: one answered on
 * ring 2, one let ring out (missed), one declined while busy. Rings of 400 ms.
 */
let lab: Lab;
let sessions: LabSessions;
useLabForSuite({ callerPage: false, policy: { ringCycleMs: 400, ringToneMs: 100, maxRings: 3, wrapUpLimitMs: 500, busyAllowancePerDayMs: 30 * 60_000 } }, (suite) => ({ lab, sessions } = suite));

describe("the agent's today", () => {
  it('counts what the agent did today exactly as the board does for that seat', async () => {
    const desk = await sessions.loggedInDesk('1007');
    const today = () => desk.runtime.desk.getToday();
    expect((await today()).figures).toMatchObject({ answered: 0, missed: 0, declined: 0, averageHandleMs: null });

    // Answered on ring 2, talked, hung up by the customer.
    const answered = dial(await sessions.customer('13900000071'), '1007');
    await vi.waitFor(() => expect(desk.latest().call?.ring).toBe(2), { timeout: 5_000, interval: 10 });
    await desk.runtime.desk.answer({ callId: desk.latest().call!.id });
    await sessionReaches(answered.inviter, SessionState.Established);
    await answered.inviter.bye();
    // Wrap-up runs out (0.5 s): ready again.
    await vi.waitFor(() => expect(desk.latest().state).toBe('ready'), { timeout: 5_000 });

    // Let one ring out: missed, and the rules make the agent busy (未接); the next offer is declined.
    const missed = dial(await sessions.customer('13900000072'), '1007');
    await vi.waitFor(() => expect(missed.finalStatus()).toBe(480), { timeout: 5_000 });
    await vi.waitFor(() => expect(desk.latest()).toMatchObject({ state: 'busy', busyReason: 'missed' }));
    const declined = dial(await sessions.customer('13900000073'), '1007');
    await vi.waitFor(() => expect(declined.finalStatus()).toBe(486), { timeout: 5_000 });
    await desk.runtime.desk.setReady();

    await vi.waitFor(() => expect(desk.latest().pendingSync).toBe(0), { timeout: 10_000 });
    const mine = await today();
    expect(mine.figures).toMatchObject({ answered: 1, missed: 1, declined: 1 });
    expect(mine.answeredOnRing).toEqual([0, 1, 0]);
    expect(mine.busyAllowanceMs).toBe(30 * 60_000);
    expect(mine.figures.averageHandleMs).toBeGreaterThan(0);

    // The board's seat, computed by the server from the records it received: the same figures.
    // Busy time stopped when the agent set ready; both count up to their own now, so compare with it gone.
    const seat = (await seatsOnServer(lab.server.url)).find((shown) => shown.agentId === '1007');
    const { busyMs: deskBusy, ...deskFigures } = mine.figures;
    const { busyMs: boardBusy, ...boardFigures } = seat!.today;
    expect(boardFigures).toEqual(deskFigures);
    expect(boardBusy).toBe(deskBusy);
    expect(deskBusy).toBeGreaterThan(0);
  });
});
