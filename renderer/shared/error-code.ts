/**
 * The notice code to show for a failed command: the DeskError code main sent (e.g.
 * `bad-credentials`), or `desk-unreachable` when the RPC itself failed (closed, timed out).
 */
export function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    if (error.name === 'RpcClosedError' || error.name === 'RpcTimeoutError') return 'desk-unreachable';
    return error.name === 'Error' ? 'server-error' : error.name;
  }
  return 'server-error';
}

/** The values main sent for the code's sentence (DeskError params), or none. */
export function errorParams(error: unknown): Record<string, string | number> {
  const params = error instanceof Error ? (error as { params?: unknown }).params : undefined;
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
}
