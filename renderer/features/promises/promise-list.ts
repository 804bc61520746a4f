import type { DeskApi, PromiseView } from '../../../src/contract';
import { promiseUrgency, type PromiseUrgency } from '../../../src/domain/promise-reminders';
import { errorCode, errorParams } from '../../shared/error-code';
import { cleanDialInput, isDialable } from '../dial/dial-string';

/** An open promise with how near it is at the desk's now. */
export interface OpenPromiseRow {
  promise: PromiseView;
  urgency: PromiseUrgency;
}

export interface PromiseList {
  /** Open promises, the soonest due first. */
  open: OpenPromiseRow[];
  /** Kept ones (main sends only today's), the latest kept first. */
  kept: PromiseView[];
  /** What the heading counts: the open ones, and how many of them are past due. */
  counts: { open: number; overdue: number };
}

/**
 * 我的承诺 as the panel lists it. Urgency is the domain's `promiseUrgency` with the policy's
 * reminder lead, never recomputed here: later, soon (from dueAt − lead), overdue (from dueAt).
 */
export function promiseList(promises: readonly PromiseView[], remindBeforeMs: number, now: number): PromiseList {
  const open = promises
    .filter((promise) => promise.status === 'open')
    .map((promise) => ({ promise, urgency: promiseUrgency(promise.dueAt, remindBeforeMs, now) }))
    .sort((a, b) => a.promise.dueAt - b.promise.dueAt || a.promise.id.localeCompare(b.promise.id));
  const kept = promises.filter((promise) => promise.status === 'kept').sort((a, b) => (b.kept?.at ?? 0) - (a.kept?.at ?? 0));
  return { open, kept, counts: { open: open.length, overdue: open.filter((row) => row.urgency === 'overdue').length } };
}

/**
 * The numbers a promise can be called back on: the call's own number, then the customer's contact
 * when it is a different dialable number ("138-1234-5678" as typed in the wrap-up counts).
 */
export function callbackNumbers(promise: Pick<PromiseView, 'remoteNumber' | 'customerContact'>): string[] {
  const numbers = [promise.remoteNumber, cleanDialInput(promise.customerContact)].filter(isDialable);
  return [...new Set(numbers)];
}

/** The dial command of a callback (回拨): linked to the promise, so main records it as a step of it. */
export function callbackCommand(promise: Pick<PromiseView, 'id'>, number: string): { number: string; promiseId: string } {
  return { number, promiseId: promise.id };
}

/** A refused command, as the row shows it (the code's sentence with main's params). */
export interface CommandFailure {
  code: string;
  params: Record<string, string | number>;
}

/** 回拨: places the call from the promise; resolves with the failure, or null once main placed it. */
export async function placeCallback(desk: Pick<DeskApi, 'dial'>, promise: Pick<PromiseView, 'id'>, number: string): Promise<CommandFailure | null> {
  try {
    await desk.dial(callbackCommand(promise, number));
    return null;
  } catch (error) {
    return { code: errorCode(error), params: errorParams(error) };
  }
}
