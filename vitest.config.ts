import { defineConfig } from 'vitest/config';

// Playwright specs live in test/e2e and are never picked up here.
// The PBX-outage tests time 1 s outages against SIP timers, and the SIP fuzz suite runs 1,000 offers
// within a time budget: both run after the rest, one at a time, with the machine to themselves.
const alone = ['test/integration/desk/pbx-restart.test.ts', 'test/integration/fuzz/sip-boundary.test.ts'];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file starts its own servers on its own ports; two cores, so keep it modest.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          exclude: [...alone],
        },
      },
      {
        // See `alone`: two cores shared with other suites would skew their timing.
        test: {
          name: 'integration-alone',
          include: [...alone],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
