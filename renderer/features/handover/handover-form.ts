import * as z from 'zod';
import { handOverSchema, type DeskApi, type DeskSnapshot, type HandOver } from '../../../src/contract';
import { errorCode, errorParams } from '../../shared/error-code';

/** Something the agent can hand to the next shift (交接班, DOMAIN.md rule 7): an open promise or ticket. */
export interface HandoverCandidate {
  kind: 'promise' | 'ticket';
  id: string;
  /** One line to recognise it by. */
  title: string;
  dueAt: number | null;
  remoteNumber: string;
}

/** The items already in a handover of the agent's that nobody accepted yet: main refuses them twice. */
function inOutgoingHandover(snapshot: Pick<DeskSnapshot, 'handovers'>): Set<string> {
  return new Set(snapshot.handovers.outgoing.filter((handover) => handover.status !== 'accepted').flatMap((handover) => handover.items.map((item) => `${item.kind}:${item.id}`)));
}

/**
 * What the handover dialog offers: the agent's open promises (soonest due first) and tickets that
 * are not closed, less those already on their way to someone.
 */
export function handoverCandidates(snapshot: Pick<DeskSnapshot, 'promises' | 'tickets' | 'handovers'>): HandoverCandidate[] {
  const taken = inOutgoingHandover(snapshot);
  const promises = snapshot.promises
    .filter((promise) => promise.status === 'open' && promise.handingOver === null && !taken.has(`promise:${promise.id}`))
    .sort((a, b) => a.dueAt - b.dueAt)
    .map(
      (promise): HandoverCandidate => ({
        kind: 'promise',
        id: promise.id,
        title: [promise.customerName, promise.summary].filter((part) => part !== '').join(' · '),
        dueAt: promise.dueAt,
        remoteNumber: promise.remoteNumber,
      }),
    );
  const tickets = snapshot.tickets
    .filter((ticket) => ticket.status !== 'closed' && !taken.has(`ticket:${ticket.id}`))
    .map((ticket): HandoverCandidate => ({ kind: 'ticket', id: ticket.id, title: ticket.content, dueAt: null, remoteNumber: '' }));
  return [...promises, ...tickets];
}

/** Logging out asks for a handover first when something is left open. */
export function needsHandover(snapshot: Pick<DeskSnapshot, 'promises' | 'tickets' | 'handovers'>): boolean {
  return handoverCandidates(snapshot).length > 0;
}

/** The recipient select's value for the next shift (a 工号 never looks like this). */
export const NEXT_SHIFT = 'nextShift';

/**
 * The dialog as typed. Messages are keys under `handover.` in the locale files; the limits are
 * main's (handoverPayloadSchema). `recipient` is a colleague's 工号 or NEXT_SHIFT.
 */
export function handoverFormSchema(colleagueIds: readonly string[]) {
  return z
    .object({
      items: z.array(z.object({ kind: z.enum(['promise', 'ticket']), id: z.string(), include: z.boolean(), note: z.string().max(1_000, 'itemNoteTooLong') })),
      recipient: z.string().refine((value) => value === NEXT_SHIFT || colleagueIds.includes(value), { message: 'recipientRequired' }),
      note: z.string().max(2_000, 'noteTooLong'),
    })
    .refine((values) => values.items.some((item) => item.include), { path: ['items'], message: 'noItems' });
}
export type HandoverFormValues = z.infer<ReturnType<typeof handoverFormSchema>>;

/** Every item checked, no notes yet, to the next shift. */
export function defaultHandoverForm(candidates: readonly HandoverCandidate[]): HandoverFormValues {
  return { items: candidates.map(({ kind, id }) => ({ kind, id, include: true, note: '' })), recipient: NEXT_SHIFT, note: '' };
}

/** The command for main: the checked items with their notes, checked once more with main's own schema. */
export function toHandOver(values: HandoverFormValues): HandOver {
  return handOverSchema.parse({
    to: values.recipient === NEXT_SHIFT ? { kind: 'nextShift' } : { kind: 'agent', agentId: values.recipient },
    note: values.note.trim(),
    items: values.items.filter((item) => item.include).map(({ kind, id, note }) => ({ kind, id, note: note.trim() })),
  });
}

export type HandOverOutcome = { ok: true } | { ok: false; step: 'handOver' | 'logout'; code: string; params: Record<string, string | number> };

/**
 * 交接并退出: the handover first; only once main has committed it, the logout. A refused handover
 * logs nobody out (the agent fixes it, or leaves without one).
 */
export async function handOverAndLogOut(desk: Pick<DeskApi, 'handOver' | 'logout'>, command: HandOver): Promise<HandOverOutcome> {
  try {
    await desk.handOver(command);
  } catch (error) {
    return { ok: false, step: 'handOver', code: errorCode(error), params: errorParams(error) };
  }
  try {
    await desk.logout(null);
  } catch (error) {
    return { ok: false, step: 'logout', code: errorCode(error), params: errorParams(error) };
  }
  return { ok: true };
}

/** 不交接，直接退出: the logout as before, with a refusal said where the agent is. */
export async function logOutWithoutHandover(desk: Pick<DeskApi, 'logout'>): Promise<HandOverOutcome> {
  try {
    await desk.logout(null);
    return { ok: true };
  } catch (error) {
    return { ok: false, step: 'logout', code: errorCode(error), params: errorParams(error) };
  }
}
