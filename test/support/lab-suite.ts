import { afterAll, afterEach, beforeAll } from 'vitest';
import { startLab, type Lab, type LabOptions } from '../../lab';
import { labSessions, type LabSessions } from './node-desk';

/**
 * One lab for the test file (handed to `started` with its sessions), stopped after the file; the
 * desks and callers each test started are stopped after that test.
 */
export function useLabForSuite(options: LabOptions, started: (suite: { lab: Lab; sessions: LabSessions }) => void): void {
  let lab: Lab | undefined;
  let sessions: LabSessions | undefined;
  beforeAll(async () => {
    lab = await startLab(options);
    sessions = labSessions(lab);
    started({ lab, sessions });
  });
  afterAll(async () => {
    await lab?.stop();
  });
  afterEach(async () => {
    await sessions?.cleanup();
  });
}
