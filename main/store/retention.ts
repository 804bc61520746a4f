import type { Database } from 'better-sqlite3';
import type { Clock, ClockTimer } from '../../src/domain/clock';

const DAY_MS = 86_400_000;

/** The oldest end time a call may have and still be kept. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * DAY_MS;
}

export interface PurgeResult {
  calls: number;
  /** Acknowledged outbox records gone with them (their payloads carry the same customer data). */
  records: number;
}

/**
 * Deletes what the desk no longer needs to keep (DOMAIN.md rule 8): finished calls that ended more
 * than `retentionDays` before `now` and are safely on the server, with their wrap-ups and survey
 * results, survey results of that age for calls this desk never had, and acknowledged outbox
 * records of that age. A call stays while anything of it is not
 * on the server: its call record unacknowledged, a saved wrap-up unacknowledged, or a draft (a
 * draft is never lost); and while its first-contact promise is open (首问责任制: the agent still owes
 * the customer a reply) or kept here and not acknowledged. A purged call's kept promise goes with it.
 * One transaction: all of a call goes, or none of it.
 */
export function purgeExpiredCalls(db: Database, now: number, retentionDays: number): PurgeResult {
  const cutoff = retentionCutoff(now, retentionDays);
  return db.transaction(() => {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS expired_calls (id TEXT PRIMARY KEY)');
    db.exec('DELETE FROM temp.expired_calls');
    db.prepare(`
      INSERT INTO temp.expired_calls (id)
      SELECT calls.id FROM calls
      WHERE calls.ended_at < @cutoff
        AND EXISTS (
          SELECT 1 FROM outbox
          WHERE outbox.kind = 'call' AND json_extract(outbox.payload, '$.callId') = calls.id AND outbox.acked_at IS NOT NULL)
        AND NOT EXISTS (
          SELECT 1 FROM wrap_ups LEFT JOIN outbox ON outbox.id = wrap_ups.id
          WHERE wrap_ups.call_id = calls.id AND (wrap_ups.status = 'draft' OR outbox.acked_at IS NULL))
        AND NOT EXISTS (
          SELECT 1 FROM promises LEFT JOIN outbox ON outbox.id = promises.kept_record_id
          WHERE promises.call_id = calls.id
            AND ((promises.kept_at IS NULL AND coalesce(json_extract(promises.server_state, '$.status'), 'open') = 'open')
              OR (promises.kept_record_id IS NOT NULL AND outbox.acked_at IS NULL)))`).run({ cutoff });
    db.exec(`
      DELETE FROM survey_results WHERE call_id IN (SELECT id FROM temp.expired_calls);
      DELETE FROM wrap_ups WHERE call_id IN (SELECT id FROM temp.expired_calls);
      DELETE FROM promises WHERE call_id IN (SELECT id FROM temp.expired_calls);`);
    // Results for calls another desk of the agent took: this desk has no call to keep them for.
    db.prepare('DELETE FROM survey_results WHERE received_at < @cutoff AND call_id NOT IN (SELECT id FROM calls)').run({ cutoff });
    const calls = db.prepare('DELETE FROM calls WHERE id IN (SELECT id FROM temp.expired_calls)').run().changes;
    // The records of a purged call go whatever their age (a wrap-up is saved after the call ended);
    // a kept call keeps the records that prove it is on the server, or it could never be purged.
    const records = db
      .prepare(`
        DELETE FROM outbox
        WHERE acked_at IS NOT NULL
          AND (json_extract(payload, '$.callId') IN (SELECT id FROM temp.expired_calls)
            OR (occurred_at < @cutoff
              AND id NOT IN (SELECT id FROM wrap_ups)
              AND NOT (kind = 'call' AND json_extract(payload, '$.callId') IN (SELECT id FROM calls))))`)
      .run({ cutoff }).changes;
    db.exec('DELETE FROM temp.expired_calls');
    return { calls, records };
  }).immediate();
}

export interface CallRetentionOptions {
  db: Database;
  clock: Clock;
  /** Read at each run: the policy may have changed since the last (policy.callRetentionDays). */
  retentionDays(): number;
  onPurged(result: PurgeResult): void;
  onError(error: unknown): void;
}

/**
 * Purges at start and then once a day by the desk's clock. A failed run is reported and the next
 * one still comes: retention never stops the desk, and the desk never stops retention.
 */
export function startCallRetention(options: CallRetentionOptions): { stop(): void } {
  let timer: ClockTimer | undefined;
  let stopped = false;
  const run = () => {
    try {
      const result = purgeExpiredCalls(options.db, options.clock.now(), options.retentionDays());
      if (result.calls > 0 || result.records > 0) options.onPurged(result);
    } catch (error) {
      options.onError(error);
    }
    if (!stopped) timer = options.clock.setTimeout(run, DAY_MS);
  };
  run();
  return {
    stop() {
      stopped = true;
      options.clock.clearTimeout(timer);
    },
  };
}
