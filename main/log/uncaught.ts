import type { DeskLog } from './desk-log';

/**
 * What nothing caught (a throw in a timer or a SIP callback, a promise nobody awaited) goes to the
 * desk log, and the desk goes on: one failure must not end every call and the agent's session.
 * Both shells install this as soon as the log is open. Returns the uninstaller.
 */
export function logUncaught(log: DeskLog, target: NodeJS.Process = process): () => void {
  const report = (what: string) => (error: unknown) => {
    log.logger.error({ err: error }, `${what}: the desk goes on`);
    const name = error instanceof Error ? error.name : typeof error;
    target.stderr.write(`SeatDesk: ${what} (${name}), written to the desk log in ${log.dir}; the desk goes on\n`);
  };
  const onException = report('uncaught exception');
  const onRejection = report('unhandled rejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
