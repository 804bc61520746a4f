import BetterSqlite3 from 'better-sqlite3';
import { v4 as uuidv4 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { ServerSurveyResult } from '../../../../src/contract/survey';
import { openDeskStore } from '../../../../main/store/desk-store';
import { migrate, schemaVersion } from '../../../../main/store/migrate';
import { deskMigrations } from '../../../../main/store/migrations';
import { AGENT, OTHER_AGENT, T0, aCall } from '../fixtures';
import { useTempDatabasePath } from '../temp-dir';

const tempPath = useTempDatabasePath();

function aResult(callId: string, overrides: Partial<ServerSurveyResult> = {}): ServerSurveyResult {
  return { id: uuidv4(), callId, agentId: AGENT, rating: 'satisfied', customerNumber: '13812345678', ratedAt: T0 + 200_000, receivedAt: T0 + 201_000, ...overrides };
}

describe('migration 0004-survey-results', () => {
  it('adds the survey_results table to a version 3 file, keeping its calls', () => {
    const call = aCall();
    const db = new BetterSqlite3(tempPath());
    migrate(db, deskMigrations.slice(0, 3));
    db.prepare("INSERT INTO calls (id, agent_id, direction, remote_number, remote_display_name, offered_at, ended_at, end_reason) VALUES (?, '1001', 'inbound', '', '', 1, 2, 'x')").run(call.callId);
    expect(migrate(db, deskMigrations.slice(0, 4))).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM survey_results').get()).toEqual({ n: 0 });
    expect(() =>
      db.prepare("INSERT INTO survey_results VALUES ('c', 'r', '1001', 'great', 1, 2)").run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });

  it('shows the verdict with the call in the recent calls, the newest report per call winning', () => {
    const store = openDeskStore(tempPath());
    const surveyed = aCall({ survey: 'transferred' });
    const skipped = aCall({ survey: 'skipped', surveySkipReason: '客户拒绝评价', endedAt: T0 + 170_000 });
    store.calls.recordFinished(AGENT, surveyed, 0);
    store.calls.recordFinished(AGENT, skipped, 0);
    const recent = () => store.calls.recentCalls(AGENT, 10).map((call) => ({ callId: call.callId, survey: call.survey, surveyRating: call.surveyRating }));
    expect(recent()).toContainEqual({ callId: surveyed.callId, survey: 'transferred', surveyRating: null });

    store.surveyResults.save(aResult(surveyed.callId, { rating: 'neutral', receivedAt: T0 + 300_000 }));
    // A late copy of an older report does not overwrite the newer one.
    store.surveyResults.save(aResult(surveyed.callId, { rating: 'dissatisfied', receivedAt: T0 + 250_000 }));
    expect(recent()).toEqual([
      { callId: surveyed.callId, survey: 'transferred', surveyRating: 'neutral' },
      { callId: skipped.callId, survey: 'skipped', surveyRating: null },
    ]);
    store.close();
  });

  it('tells where to catch up from, per agent, and refuses what is not a result', () => {
    const store = openDeskStore(tempPath());
    expect(store.surveyResults.newestReceivedAt(AGENT)).toBe(0);
    store.surveyResults.save(aResult(uuidv4(), { receivedAt: T0 + 5 }));
    store.surveyResults.save(aResult(uuidv4(), { receivedAt: T0 + 9 }));
    store.surveyResults.save(aResult(uuidv4(), { agentId: OTHER_AGENT, receivedAt: T0 + 99 }));
    expect(store.surveyResults.newestReceivedAt(AGENT)).toBe(T0 + 9);
    expect(() => store.surveyResults.save({ ...aResult(uuidv4()), rating: 'great' } as unknown as ServerSurveyResult)).toThrow(/not a valid survey result/);
    store.close();
  });
});
