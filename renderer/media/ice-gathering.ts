import type { Clock, ClockTimer } from '../../src/domain/clock';

export interface IceGatheringLimits {
  /** Stop this long after the first usable candidate. */
  settleMs: number;
  /** Stop after this long whatever happened. */
  capMs: number;
}

export const DEFAULT_ICE_LIMITS: IceGatheringLimits = { settleMs: 20, capMs: 1_000 };

export interface IceGatheringWatch {
  /** Resolves when gathering is good enough: settled, capped, complete, or cancelled. */
  readonly done: Promise<void>;
  cancel(): void;
}

/**
 * Watches ICE gathering; start it BEFORE setLocalDescription so no early candidate is missed.
 * Waiting for "complete" costs most of the call setup (a late TCP host candidate; an unreachable
 * STUN server takes 40 s), so we stop shortly after the first usable UDP candidate instead.
 */
export function watchIceGathering(pc: RTCPeerConnection, limits: IceGatheringLimits, clock: Clock): IceGatheringWatch {
  let settleTimer: ClockTimer | undefined;
  let capTimer: ClockTimer | undefined;
  let finished = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const finish = () => {
    if (finished) return;
    finished = true;
    clock.clearTimeout(settleTimer);
    clock.clearTimeout(capTimer);
    pc.removeEventListener('icecandidate', onCandidate);
    pc.removeEventListener('icegatheringstatechange', onStateChange);
    resolveDone();
  };
  const onCandidate = (event: RTCPeerConnectionIceEvent) => {
    if (!event.candidate) return finish(); // null candidate: end of gathering
    if (settleTimer !== undefined || !isUsableCandidate(event.candidate)) return;
    settleTimer = clock.setTimeout(finish, limits.settleMs);
  };
  const onStateChange = () => {
    if (pc.iceGatheringState === 'complete') finish();
  };

  pc.addEventListener('icecandidate', onCandidate);
  pc.addEventListener('icegatheringstatechange', onStateChange);
  capTimer = clock.setTimeout(finish, limits.capMs);
  return { done, cancel: finish };
}

/** A UDP candidate is one the other side can use at once; TCP host candidates arrive late and rarely matter. */
function isUsableCandidate(candidate: RTCIceCandidate): boolean {
  if (!candidate.candidate) return false;
  return candidate.protocol === null || candidate.protocol === 'udp';
}
