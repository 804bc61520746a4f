import { sql, type Kysely } from 'kysely';
import { deskStateSchema, type CallPayload, type DeskState, type SeatPresence, type SyncRecord } from '../../src/contract';
import type { BusyReason } from '../../src/contract/policy';
import { dayFigures, dayOf, type DayRange, type StateMark } from '../../src/domain/day-figures';
import type { Database } from '../db/schema';
import type { EndedSession } from '../sessions';
import { maskNumber } from './mask-number';

/** The state an agent's desk last recorded (or the rules imply: a login makes the agent ready). */
interface RecordedState {
  state: DeskState;
  busyReason: BusyReason | null;
  since: number;
  call: { direction: 'inbound' | 'outbound'; remoteNumber: string; since: number } | null;
}

/** What the day's figures are made of, for the current and the previous day (marks only). */
interface Activity {
  calls: Array<Pick<CallPayload, 'direction' | 'offeredAt' | 'answeredAt' | 'endedAt'>>;
  missedOfferedAt: number[];
  declinedOfferedAt: number[];
  marks: StateMark[];
}

interface Seat {
  agentId: string;
  name: string;
  recorded: RecordedState | null;
  /** The live desk session, if any. */
  desk: { tokenHash: string; loginAt: number } | null;
  /** Open /v1/live sockets of the live desk session, per server instance (one, unless several share the database). */
  links: Map<string, number>;
  linkSince: number | null;
  /** When the last desk session ended (server clock), for an offline seat's `since`. */
  offlineSince: number | null;
  activity: Activity;
}

/** Records the board learns from; the rest (wrap-ups, attendance) are not about presence. */
type PresenceRecord = Extract<SyncRecord, { kind: 'stateChange' | 'call' | 'missedRing' | 'declinedOffer' }>;
const PRESENCE_KINDS = ['stateChange', 'call', 'missedRing', 'declinedOffer'] as const;

export function isPresenceRecord(record: SyncRecord): record is PresenceRecord {
  return (PRESENCE_KINDS as readonly string[]).includes(record.kind);
}

const emptyActivity = (): Activity => ({ calls: [], missedOfferedAt: [], declinedOfferedAt: [], marks: [] });

/**
 * Every agent's seat as the server knows it (DESIGN.md, the center side): the state the desk last
 * recorded, applied in the order the desk's outbox delivers (oldest first, one request at a time,
 * so the last one received is the newest), the live desk session, whether its live socket is open,
 * and the day's activity for the figures. Kept in memory for one server process, rebuilt from the
 * database at start. Records are applied once: only those stored just now (record-store.ts).
 */
export class SeatBook {
  private readonly seats = new Map<string, Seat>();
  private day: DayRange;

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly utcOffsetMinutes: number,
    now: number,
  ) {
    this.day = dayOf(now, utcOffsetMinutes);
  }

  /**
   * Reads agents, live desk sessions and the day's records (since the previous day began). Also
   * returns the ids of the records read, so records another instance announced while the book
   * was loading are not counted twice; drop them once those are applied.
   */
  static async load(db: Kysely<Database>, utcOffsetMinutes: number, now: number): Promise<{ book: SeatBook; recordIds: Set<string> }> {
    const book = new SeatBook(db, utcOffsetMinutes, now);
    const recordIds = new Set<string>();
    const agents = await db.selectFrom('agents').select(['agent_id', 'name']).where('role', '=', 'agent').orderBy('agent_id').execute();
    for (const agent of agents) book.seats.set(agent.agent_id, book.newSeat(agent.agent_id, agent.name));

    const live = await db
      .selectFrom('sessions')
      .select(['agent_id', 'token_hash', 'created_at'])
      .where('kind', '=', 'desk')
      .where('ended_at', 'is', null)
      .execute();
    for (const session of live) {
      const seat = book.seats.get(session.agent_id);
      if (seat) seat.desk = { tokenHash: session.token_hash, loginAt: session.created_at };
    }
    // Until its desk reconnects, a live session is as good as unreachable from the server's start.
    for (const seat of book.seats.values()) if (seat.desk) seat.linkSince = now;

    const lastEnds = await db
      .selectFrom('sessions')
      .select(['agent_id', (eb) => eb.fn.max('ended_at').as('ended_at')])
      .where('kind', '=', 'desk')
      .groupBy('agent_id')
      .execute();
    for (const row of lastEnds) {
      const seat = book.seats.get(row.agent_id);
      if (seat && row.ended_at !== null) seat.offlineSince = Number(row.ended_at);
    }

    // The newest state of each agent, however old, then the day's records in delivery order.
    const latest = await sql<{ agent_id: string; occurred_at: number; received_at: number; payload: unknown }>`
      select distinct on (agent_id) agent_id, occurred_at, received_at, payload from records
      where kind = 'stateChange' order by agent_id, received_at desc, id desc
    `.execute(db);
    for (const row of latest.rows) {
      const seat = book.seats.get(row.agent_id);
      if (seat) book.applyState(seat, row.payload as PresenceRecord['payload'] & { to: string }, Number(row.occurred_at), Number(row.received_at));
    }
    const since = book.day.startMs - 24 * 3_600_000;
    const rows = await db
      .selectFrom('records')
      .select(['id', 'agent_id', 'kind', 'occurred_at', 'payload'])
      .where('kind', 'in', [...PRESENCE_KINDS])
      .where('occurred_at', '>=', since)
      .orderBy('received_at')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      recordIds.add(row.id);
      const seat = book.seats.get(row.agent_id);
      if (seat) book.addActivity(seat, { kind: row.kind, occurredAt: Number(row.occurred_at), payload: row.payload } as PresenceRecord);
    }
    for (const seat of book.seats.values()) if (!seat.desk && seat.recorded) seat.recorded = null;
    return { book, recordIds };
  }

  /** Makes sure the book knows the agent (one created after the server started). */
  async ensureAgent(agentId: string): Promise<void> {
    if (this.seats.has(agentId)) return;
    const agent = await this.db.selectFrom('agents').select(['name', 'role']).where('agent_id', '=', agentId).executeTakeFirst();
    if (agent?.role === 'agent' && !this.seats.has(agentId)) this.seats.set(agentId, this.newSeat(agentId, agent.name));
  }

  /** Applies records of one agent stored just now, in the order received; returns whether the seat changed. */
  applyRecords(agentId: string, records: readonly SyncRecord[], receivedAt: number): boolean {
    const seat = this.seats.get(agentId);
    if (!seat) return false;
    let changed = false;
    for (const record of records) {
      if (!isPresenceRecord(record)) continue;
      // A desk whose session has ended sends nothing (its token is refused): a session is live here.
      if (record.kind === 'stateChange' && seat.desk) this.applyState(seat, record.payload, record.occurredAt, receivedAt);
      this.addActivity(seat, record);
      changed = true;
    }
    return changed;
  }

  /** A desk session began: the rules make the agent ready at login. */
  deskSessionStarted(agentId: string, tokenHash: string, at: number): void {
    const seat = this.seats.get(agentId);
    if (!seat) return;
    seat.desk = { tokenHash, loginAt: at };
    seat.links.clear();
    seat.linkSince = at;
    seat.recorded = { state: 'ready', busyReason: null, since: at, call: null };
  }

  /** A session ended; returns the agent whose seat changed (a desk session's), or null. */
  sessionEnded(ended: EndedSession): string | null {
    const seat = this.seats.get(ended.agentId);
    if (!seat?.desk || seat.desk.tokenHash !== ended.tokenHash) return null;
    seat.desk = null;
    seat.links.clear();
    seat.linkSince = null;
    seat.recorded = null;
    seat.offlineSince = ended.ended.endedAt;
    seat.activity.marks.push({ at: ended.ended.endedAt, state: 'offline' });
    return seat.agentId;
  }

  /** A desk's live socket on `instance` opened or closed; returns whether its seat's link changed. */
  linkChanged(agentId: string, tokenHash: string, open: boolean, at: number, instance: string): boolean {
    const seat = this.seats.get(agentId);
    if (!seat?.desk || seat.desk.tokenHash !== tokenHash) return false;
    const count = Math.max(0, (seat.links.get(instance) ?? 0) + (open ? 1 : -1));
    return this.setLinks(seat, instance, count, at);
  }

  /**
   * Every desk socket open on `instance` (its answer to a newcomer, or none when it is gone);
   * returns the agents whose seat's link changed.
   */
  replaceLinks(instance: string, links: ReadonlyArray<{ agentId: string; tokenHash: string }>, at: number): string[] {
    const counts = new Map<string, number>();
    for (const { agentId, tokenHash } of links) {
      if (this.seats.get(agentId)?.desk?.tokenHash === tokenHash) counts.set(agentId, (counts.get(agentId) ?? 0) + 1);
    }
    const changed: string[] = [];
    for (const seat of this.seats.values()) {
      if (!seat.desk) continue;
      if (this.setLinks(seat, instance, counts.get(seat.agentId) ?? 0, at)) changed.push(seat.agentId);
    }
    return changed;
  }

  seat(agentId: string, now: number): SeatPresence | null {
    const seat = this.seats.get(agentId);
    return seat ? this.presenceOf(seat, now) : null;
  }

  all(now: number): SeatPresence[] {
    return [...this.seats.values()].map((seat) => this.presenceOf(seat, now));
  }

  private newSeat(agentId: string, name: string): Seat {
    return { agentId, name, recorded: null, desk: null, links: new Map(), linkSince: null, offlineSince: null, activity: emptyActivity() };
  }

  private setLinks(seat: Seat, instance: string, count: number, at: number): boolean {
    const wasConnected = isConnected(seat);
    if (count > 0) seat.links.set(instance, count);
    else seat.links.delete(instance);
    if (wasConnected === isConnected(seat)) return false;
    seat.linkSince = at;
    return true;
  }

  private applyState(seat: Seat, payload: { to: string; busyReason?: BusyReason | null; call?: PresenceCall | null }, occurredAt: number, receivedAt: number): void {
    const parsed = deskStateSchema.safeParse(payload.to);
    if (!parsed.success) return;
    const state = parsed.data;
    // By the desk's clock, but never later than the server had it: a fast desk clock cannot put it in the future.
    const since = Math.min(occurredAt, receivedAt);
    const call = payload.call && (state === 'ringing' || state === 'talking') ? { direction: payload.call.direction, remoteNumber: payload.call.remoteNumber, since } : null;
    seat.recorded = { state, busyReason: state === 'busy' ? (payload.busyReason ?? 'other') : null, since, call };
  }

  private addActivity(seat: Seat, record: Pick<PresenceRecord, 'kind' | 'occurredAt' | 'payload'>): void {
    const activity = seat.activity;
    switch (record.kind) {
      case 'stateChange': {
        const to = deskStateSchema.safeParse((record.payload as { to: unknown }).to);
        if (to.success) activity.marks.push({ at: record.occurredAt, state: to.data });
        break;
      }
      case 'call': {
        const { direction, offeredAt, answeredAt, endedAt } = record.payload as CallPayload;
        activity.calls.push({ direction, offeredAt, answeredAt, endedAt });
        break;
      }
      case 'missedRing':
        activity.missedOfferedAt.push((record.payload as { offeredAt: number }).offeredAt);
        break;
      case 'declinedOffer':
        activity.declinedOfferedAt.push((record.payload as { offeredAt: number }).offeredAt);
        break;
    }
  }

  /** A new day: the previous day's activity goes, except the state mark in force at midnight. */
  private rollOver(now: number): void {
    const day = dayOf(now, this.utcOffsetMinutes);
    if (day.startMs === this.day.startMs) return;
    this.day = day;
    for (const seat of this.seats.values()) {
      const { activity } = seat;
      const before = activity.marks.filter((mark) => mark.at < day.startMs).sort((a, b) => a.at - b.at).at(-1);
      activity.marks = [...(before ? [before] : []), ...activity.marks.filter((mark) => mark.at >= day.startMs)];
      activity.calls = activity.calls.filter((call) => call.offeredAt >= day.startMs);
      activity.missedOfferedAt = activity.missedOfferedAt.filter((at) => at >= day.startMs);
      activity.declinedOfferedAt = activity.declinedOfferedAt.filter((at) => at >= day.startMs);
    }
  }

  private presenceOf(seat: Seat, now: number): SeatPresence {
    this.rollOver(now);
    const live = seat.desk !== null;
    const recorded = live ? (seat.recorded ?? { state: 'ready' as const, busyReason: null, since: seat.desk?.loginAt ?? now, call: null }) : null;
    return {
      agentId: seat.agentId,
      name: seat.name,
      state: recorded?.state ?? 'offline',
      busyReason: recorded?.busyReason ?? null,
      since: recorded ? recorded.since : seat.offlineSince,
      call: recorded?.call ? { direction: recorded.call.direction, maskedNumber: maskNumber(recorded.call.remoteNumber), since: recorded.call.since } : null,
      loginAt: seat.desk?.loginAt ?? null,
      link: { connected: live && isConnected(seat), since: live ? seat.linkSince : null },
      today: dayFigures({ day: this.day, asOf: now, ...seat.activity }),
    };
  }
}

const isConnected = (seat: Seat): boolean => seat.links.size > 0;

type PresenceCall = { direction: 'inbound' | 'outbound'; remoteNumber: string };
