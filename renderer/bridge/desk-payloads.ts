import type { DeskNotice, DeskSnapshot } from '../../src/contract';

/**
 * Main is trusted, but a frame of the wrong shape must not crash the UI: a light shape check
 * before a payload reaches the store (main owns the full schema).
 */
export function isDeskSnapshot(payload: unknown): payload is DeskSnapshot {
  if (typeof payload !== 'object' || payload === null) return false;
  const candidate = payload as Partial<DeskSnapshot>;
  return typeof candidate.at === 'number' && typeof candidate.state === 'string' && Array.isArray(candidate.recentCalls) && Array.isArray(candidate.dispositions);
}

export function isDeskNotice(payload: unknown): payload is DeskNotice {
  if (typeof payload !== 'object' || payload === null) return false;
  const candidate = payload as Partial<DeskNotice>;
  return typeof candidate.code === 'string' && (candidate.level === 'info' || candidate.level === 'warning' || candidate.level === 'error');
}
