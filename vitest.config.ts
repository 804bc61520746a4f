import { defineConfig } from 'vitest/config';

// Playwright specs live in test/e2e and are never picked up here.
const alone = ['test/integration/desk/pbx-restart.test.ts'];
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
        // Network-fault tests time a 1 s outage against SIP timers: run after the rest, with the
        // machine to themselves, so two cores shared with other suites do not skew them.
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
