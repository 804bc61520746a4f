import { v7 as uuidv7 } from 'uuid';
import type { CallPayload, WrapUpPayload } from '../../../src/contract/sync';

export const AGENT = '1001';
export const OTHER_AGENT = '1002';
export const T0 = Date.UTC(2026, 10, 23, 1, 0);

export function aCall(overrides: Partial<CallPayload> = {}): CallPayload {
  return {
    callId: uuidv7(),
    direction: 'inbound',
    remoteNumber: '13812345678',
    remoteDisplayName: '张三',
    offeredAt: T0,
    answeredAt: T0 + 6_000,
    endedAt: T0 + 180_000,
    ringsAtAnswer: 2,
    endReason: 'remote-hangup',
    survey: 'transferred',
    surveySkipReason: null,
    transferredTo: null,
    transferKind: null,
    consultedWith: null,
    conference: false,
    ...overrides,
  };
}

export function aWrapUp(callId: string, overrides: Partial<WrapUpPayload> = {}): WrapUpPayload {
  return {
    callId,
    disposition: 'repair',
    summary: '宽带断线，已登记报修',
    customerName: '张三',
    customerContact: '138 1234 5678',
    resolved: false,
    promisedReplyAt: T0 + 86_400_000,
    ...overrides,
  };
}
