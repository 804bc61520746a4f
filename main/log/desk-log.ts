import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { scrubText, scrubValue } from './scrub';

/**
 * The desk's log file, for support: `<data folder>/logs/desk.<yyyy-MM-dd>.<n>.log`, JSON lines,
 * a new file each day or at 10 MB, the last 14 kept, readable by this user only. Call ids,
 * states, error codes and messages go in; customer numbers, names and secrets never do (scrub.ts
 * takes them out of whatever is logged).
 */
export interface DeskLog {
  readonly logger: Logger;
  /** The folder the files are in. */
  readonly dir: string;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

export async function openDeskLog(dataDir: string): Promise<DeskLog> {
  const dir = join(dataDir, 'logs');
  // Made here, private from the start: pino-roll's own mkdir may run after the start-up's
  // permission pass (makePrivate) and would leave the folder 0755.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stream = await pinoRoll({
    file: join(dir, 'desk'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: '10m',
    limit: { count: 14 },
    mkdir: true,
    mode: 0o600,
  });
  const logger = pino(
    {
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Every argument of every call, before pino serialises it: the one place nothing slips past.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : scrubValue(arg)));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
  return {
    logger,
    dir,
    close: () =>
      new Promise((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}
