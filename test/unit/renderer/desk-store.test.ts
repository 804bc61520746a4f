import { describe, expect, it } from 'vitest';
import { deskNow } from '../../../renderer/state/desk-slice';
import { createDeskStore } from '../../../renderer/state/desk-store';
import { MAX_NOTICES } from '../../../renderer/state/notices-slice';
import { snapshotAt } from './desk-snapshot-fixture';

describe('connection slice', () => {
  it('says "connecting" until the desk was reached once, then "reconnecting" after a loss', () => {
    const store = createDeskStore();
    expect(store.getState().connection.status).toBe('connecting');
    store.getState().connectionAttemptFailed();
    expect(store.getState().connection).toMatchObject({ status: 'connecting', failedAttempts: 1 });

    store.getState().connectionOpened('websocket');
    expect(store.getState().connection).toMatchObject({ status: 'connected', carrier: 'websocket', failedAttempts: 0 });

    store.getState().connectionLost();
    expect(store.getState().connection.status).toBe('reconnecting');
    store.getState().connectionAttemptFailed();
    store.getState().connectionAttemptFailed();
    expect(store.getState().connection).toMatchObject({ status: 'reconnecting', failedAttempts: 2 });
  });
});

describe('desk slice', () => {
  it('keeps the newest snapshot of a connection and drops a late, older one', () => {
    const store = createDeskStore();
    store.getState().receiveSnapshot(snapshotAt(2_000, { state: 'ready' }), 10, 1);
    store.getState().receiveSnapshot(snapshotAt(1_000, { state: 'offline' }), 11, 1);
    expect(store.getState().desk.snapshot?.state).toBe('ready');
    expect(store.getState().desk.receivedAt).toBe(10);

    store.getState().receiveSnapshot(snapshotAt(2_000, { state: 'busy' }), 12, 1);
    expect(store.getState().desk.snapshot?.state).toBe('busy');
  });

  it('takes the first snapshot of a new connection even if its clock is behind', () => {
    const store = createDeskStore();
    store.getState().receiveSnapshot(snapshotAt(5_000, { state: 'talking' }), 10, 1);
    store.getState().receiveSnapshot(snapshotAt(100, { state: 'ready' }), 20, 2);
    expect(store.getState().desk).toMatchObject({ receivedAt: 20, generation: 2 });
    expect(store.getState().desk.snapshot?.state).toBe('ready');
  });

  it('extrapolates main\'s clock from the snapshot for display timers', () => {
    const desk = { snapshot: snapshotAt(1_000_000), receivedAt: 500, generation: 1 };
    expect(deskNow(desk, 500)).toBe(1_000_000);
    expect(deskNow(desk, 3_750)).toBe(1_003_250);
    // A clock reading before the receipt never shows time going backwards.
    expect(deskNow(desk, 400)).toBe(1_000_000);
  });
});

describe('notices slice', () => {
  it('queues notices with ids, keeps only the newest few, and dismisses by id', () => {
    const store = createDeskStore();
    const first = store.getState().pushNotice({ level: 'error', code: 'bad-credentials' });
    for (let index = 0; index < MAX_NOTICES; index++) store.getState().pushNotice({ level: 'info', code: `n${index}` });
    const notices = store.getState().notices;
    expect(notices).toHaveLength(MAX_NOTICES);
    expect(notices.map((notice) => notice.id)).not.toContain(first);
    expect(notices.at(-1)?.code).toBe(`n${MAX_NOTICES - 1}`);

    const dismissed = notices[0]!.id;
    store.getState().dismissNotice(dismissed);
    expect(store.getState().notices.map((notice) => notice.id)).not.toContain(dismissed);
    expect(store.getState().notices).toHaveLength(MAX_NOTICES - 1);
  });
});
