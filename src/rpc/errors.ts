/**
 * An error that crossed the RPC: it keeps the remote error's name, message and optional code so
 * the caller can show or branch on it, but never the remote stack.
 */
export class RemoteError extends Error {
  readonly code: string | undefined;
  constructor(name: string, message: string, code?: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

/** Raised by a service to give the caller a stable, displayable error code (e.g. `bad-password`). */
export class DeskError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

export class RpcTimeoutError extends Error {
  constructor(service: string, method: string, ms: number) {
    super(`${service}.${method} got no answer within ${ms} ms`);
    this.name = 'RpcTimeoutError';
  }
}

export class RpcClosedError extends Error {
  constructor() {
    super('the RPC connection is closed');
    this.name = 'RpcClosedError';
  }
}

export function serializeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string'
      ? { name: error.name, message: error.message, code }
      : { name: error.name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}
