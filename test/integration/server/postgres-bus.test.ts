import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterBusHandlers } from '../../../server/cluster/cluster-bus';
import { CLUSTER_CHANNEL, PostgresBus } from '../../../server/cluster/postgres-bus';
import { startPostgres, type PostgresCluster } from '../../support/postgres';

/** What one bus heard, and a way to wait for it. */
function listener() {
  const messages: Array<{ from: string; body: string }> = [];
  const errors: string[] = [];
  let resumed = 0;
  const handlers: ClusterBusHandlers = {
    onMessage: (from, body) => messages.push({ from, body }),
    onResumed: () => resumed++,
    onError: (_error, what) => errors.push(what),
  };
  return { handlers, messages, errors, resumed: () => resumed };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

/**
 * The cluster bus on a real PostgreSQL 15 (cluster/postgres-bus.ts): what one instance publishes
 * reaches the others in order, whatever its size; exactly one instance leads, and another takes
 * over when it goes; a lost connection comes back by itself and says so.
 */
describe('the cluster bus on PostgreSQL LISTEN/NOTIFY', () => {
  let cluster: PostgresCluster;
  const buses: PostgresBus[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
  });
  afterAll(() => cluster.stop());

  const start = async (instanceId: string, handlers: ClusterBusHandlers) => {
    const bus = await PostgresBus.start({ url: cluster.url, instanceId, handlers, leaderRetryMs: 100, reconnect: { baseMs: 50, maxMs: 200 } });
    buses.push(bus);
    return bus;
  };

  it('delivers each message to the other instances, in order, not back to its sender; long ones in many NOTIFYs', async () => {
    const [a, b, c] = [listener(), listener(), listener()];
    const busA = await start('instance-a', a.handlers);
    await start('instance-b', b.handlers);
    await start('instance-c', c.handlers);
    // 40,000 four-byte characters: 160 KB, twenty times NOTIFY's payload limit.
    const long = '坐席😀'.repeat(20_000);
    const bodies = ['first', long, '', JSON.stringify({ type: 'records', note: 'quotes " \\ and\nnewlines' }), 'last'];
    for (const body of bodies) busA.publish(body);

    for (const heard of [b, c]) {
      await until(() => heard.messages.length === bodies.length, 'every message');
      expect(heard.messages.map((message) => message.body)).toEqual(bodies);
      expect(new Set(heard.messages.map((message) => message.from))).toEqual(new Set(['instance-a']));
    }
    expect(a.messages).toEqual([]);
    expect([a, b, c].flatMap((heard) => heard.errors)).toEqual([]);
  });

  it('drops a NOTIFY on its channel that is not a frame, and goes on', async () => {
    const heard = listener();
    await start('instance-d', heard.handlers);
    const other = await start('instance-e', listener().handlers);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query('select pg_notify($1, $2)', [CLUSTER_CHANNEL, 'not a frame']);
      await client.query('select pg_notify($1, $2)', [CLUSTER_CHANNEL, 'instance-x 1 5 2\nindex past the count']);
    } finally {
      await client.end();
    }
    other.publish('after the garbage');
    await until(() => heard.messages.length === 1, 'the good message');
    expect(heard.messages[0]).toEqual({ from: 'instance-e', body: 'after the garbage' });
    expect(heard.errors).toEqual(['a cluster frame was dropped', 'a cluster frame was dropped']);
  });

  it('one instance leads at a time; when its connection goes, another takes over', async () => {
    const first = await start('leader-1', listener().handlers);
    const second = await start('leader-2', listener().handlers);
    await until(() => first.isLeader() || second.isLeader(), 'a leader');
    expect([first.isLeader(), second.isLeader()]).toEqual([true, false]);

    await first.close();
    await until(() => second.isLeader(), 'the second to lead');
    expect(first.isLeader()).toBe(false);
  });

  it('a connection cut by the database comes back by itself, says so, and carries messages again', async () => {
    const heard = listener();
    const cut = await start('cut-off', heard.handlers);
    const sender = await start('sender', listener().handlers);
    await until(() => cut.isLeader(), 'the first instance to lead');

    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'seatdesk-cluster-cut-off'");
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await until(() => heard.resumed() === 1, 'the bus to be back');
    expect(heard.errors).toContain('the cluster connection was lost; reconnecting');
    // Its lock went with the old connection; whoever leads now, exactly one does.
    await until(() => cut.isLeader() !== sender.isLeader(), 'one leader again');

    sender.publish('after the outage');
    await until(() => heard.messages.length === 1, 'a message after the outage');
    expect(heard.messages[0]?.body).toBe('after the outage');
  });
});
