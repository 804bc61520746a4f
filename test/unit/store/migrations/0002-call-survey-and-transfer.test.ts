import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDeskStore } from '../../../../main/store/desk-store';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { initialMigration } from '../../../../main/store/migrations/0001-initial';
import { callSurveyAndTransferMigration } from '../../../../main/store/migrations/0002-call-survey-and-transfer';
import { deskMigrations } from '../../../../main/store/migrations';
import { AGENT, aCall } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

function columns(db: BetterSqlite3.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
}

/** A desk file as version 1 left it, holding one finished call. */
function versionOneFileWithACall(path: string, callId: string): void {
  const db = new BetterSqlite3(path);
  migrate(db, [initialMigration]);
  db.prepare("INSERT INTO calls VALUES (?, '1001', 'inbound', '13812345678', '张三', 1, 2, 3, 1, 'remote-hangup')").run(callId);
  db.close();
}

describe('migration 0002-call-survey-and-transfer', () => {
  it('adds survey, survey_skip_reason and transferred_to to calls, keeping the calls already recorded (as null)', () => {
    const path = tempPath();
    const old = aCall();
    versionOneFileWithACall(path, old.callId);

    const db = new BetterSqlite3(path);
    expect(migrate(db, [initialMigration, callSurveyAndTransferMigration])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(columns(db, "calls").slice(-3)).toEqual(['survey', 'survey_skip_reason', 'transferred_to']);
    expect(db.prepare('SELECT id, end_reason, survey, survey_skip_reason, transferred_to FROM calls').all()).toEqual([
      { id: old.callId, end_reason: 'remote-hangup', survey: null, survey_skip_reason: null, transferred_to: null },
    ]);
    db.close();

    // The repository reads the old row with the new fields empty.
    const store = openDeskStore(path);
    expect(store.calls.get(old.callId)).toMatchObject({ callId: old.callId, survey: null, surveySkipReason: null, transferredTo: null });
    store.close();
  });

  it('accepts only the two survey outcomes', () => {
    const db = new BetterSqlite3(tempPath());
    migrate(db, deskMigrations);
    const insert = db.prepare(
      "INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, ended_at, end_reason, survey) VALUES (?, '1001', 'inbound', '', '', 1, 2, 'x', ?)",
    );
    insert.run('c-1', 'transferred');
    insert.run('c-2', 'skipped');
    insert.run('c-3', null);
    expect(() => insert.run('c-4', 'maybe')).toThrow(/CHECK constraint/);
    db.close();
  });

  it('stores and returns what became of each call: survey, the reason it was skipped, the transfer target', () => {
    const store = openDeskStore(tempPath());
    const surveyed = aCall({ survey: 'transferred', endReason: 'transferred-to-survey' });
    const skipped = aCall({ survey: 'skipped', surveySkipReason: '客户要求直接挂断' });
    const transferred = aCall({ survey: null, transferredTo: '8001', endReason: 'transferred' });
    for (const call of [surveyed, skipped, transferred]) store.calls.recordFinished(AGENT, call, 0);
    for (const call of [surveyed, skipped, transferred]) expect(store.calls.get(call.callId)).toEqual({ ...call, agentId: AGENT });
    expect(store.outbox.nextBatch(AGENT, 10, 0).map((record) => record.payload)).toEqual([surveyed, skipped, transferred]);
    store.close();
  });
});
