/**
 * An error that crossed the RPC: it keeps the remote error's name, message and optional code so
 * the caller can show or branch on it, but never the remote stack.
 */
export class RemoteError extends Error {
  readonly code: string | undefined;
  constructor(
    name: string,
    message: string,
    code?: string,
    /** Values for the code's sentence (e.g. how many minutes until a login may be tried again). */
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

/** Plain values that fill in an error code's sentence on the other side. */
export type ErrorParams = Record<string, string | number>;

/** Raised by a service to give the caller a stable, displayable error code (e.g. `bad-password`). */
export class DeskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: ErrorParams,
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

export function serializeError(error: unknown): { name: string; message: string; code?: string; params?: ErrorParams } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') return { name: error.name, message: error.message };
    const params = error instanceof DeskError ? error.params : undefined;
    return params ? { name: error.name, message: error.message, code, params } : { name: error.name, message: error.message, code };
  }
  return { name: 'Error', message: String(error) };
}
