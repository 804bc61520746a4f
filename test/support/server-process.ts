import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

/**
 * A repository CLI (`server/cli.ts`, `main/shell/web/cli.ts`) as an IT admin or agent runs it: one
 * Node process (tsx as a loader), so a signal reaches the program itself.
 */
export interface ServerProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  log(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function runServerCli(args: string[], env: Record<string, string>): ServerProcess {
  return runCli('server/cli.ts', args, env);
}

/** `script` (a path in the repository) in its own Node process with tsx as the loader; `nodeArgs` go before it (e.g. --inspect). */
export function runCli(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): ServerProcess {
  // TypeScript runs under tsx's loader; a bundle (dist/web/desk.mjs) runs as it is.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], { cwd: repo, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  // 'close', not 'exit': the output streams are read to the end by then.
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return { child, log: () => text, exited };
}

/** The URL the server says it listens on; fails when it exits first or does not start within 90 s. */
export async function listeningUrl(server: ServerProcess): Promise<string> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const match = /SeatDesk server listening on (http:\/\/\S+)/.exec(server.log());
    if (match?.[1]) return match[1];
    if (server.child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`server did not start:\n${server.log()}`);
}

/** Kills it outright (a test's clean-up, or a crash on purpose). */
export function killServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  return server.exited;
}
