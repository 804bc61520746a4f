import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertAckResponseSchema,
  boardLoginResponseSchema,
  boardMessageSchema,
  handoverAcceptResponseSchema,
  phraseChangeSchema,
  supervisorActionResponseSchema,
  ticketResponseSchema,
  type BoardMessage,
  type LiveMessage,
  type SeatPresence,
} from '../../../src/contract';
import { startPostgres, type PostgresCluster } from '../../support/postgres';
import { login, missedRingRecord, request, stateChangeRecord, ticketRecord, wrapUpRecord } from './desk-http';
import { handoverRecord } from './handover-fixtures';
import { liveUrl, openFrames, openLive, type FrameSocket } from './live-socket';
import { killServer, listeningUrl, runServerCli, type ServerProcess } from '../../support/server-process';

const HEARTBEAT_MS = 200;

/** The next frame that `accept` takes (others are skipped); fails after `timeoutMs`. */
async function nextMatching<Message, Wanted>(socket: FrameSocket<Message>, accept: (message: Message) => Wanted | undefined, timeoutMs = 5_000): Promise<Wanted> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const wanted = accept(await socket.next(Math.max(1, deadline - Date.now())));
    if (wanted !== undefined) return wanted;
  }
}

const seatOf =
  (agentId: string, matches: (seat: SeatPresence) => boolean) =>
  (message: BoardMessage): SeatPresence | undefined =>
    message.topic === 'seat' && message.seat.agentId === agentId && matches(message.seat) ? message.seat : undefined;

/**
 * Several server instances behind a load balancer, on one PostgreSQL (issue: scale past one
 * machine): two (and then three) real `server/cli.ts` processes on a private PostgreSQL 15.
 * A supervisor's board on instance B sees what a desk connected to instance A does, at once,
 * and what the supervisor does on B reaches the desk on A.
 */
describe('two server instances on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  const servers: ServerProcess[] = [];
  let urlA = '';
  let urlB = '';

  const serve = (instanceId: string) => {
    const server = runServerCli([], {
      DATABASE_URL: cluster.url,
      SEED_LAB_AGENTS: '1',
      SIP_WS_SERVER: 'ws://127.0.0.1:5066',
      SIP_DOMAIN: 'seatdesk.test',
      SIP_SECRET: 'lab-secret',
      PORT: '0',
      CLUSTER_INSTANCE_ID: instanceId,
      CLUSTER_HEARTBEAT_MS: String(HEARTBEAT_MS),
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    // Started together, as behind a load balancer: both migrate and seed the same database.
    const [a, b] = [serve('instance-a'), serve('instance-b')];
    [urlA, urlB] = await Promise.all([listeningUrl(a), listeningUrl(b)]);
  }, 180_000);
  afterAll(async () => {
    for (const server of servers) await killServer(server);
    await cluster?.stop();
  });

  const openBoard = async (url: string) => {
    const answer = await request(url, 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } });
    expect(answer.status).toBe(200);
    const { token } = boardLoginResponseSchema.parse(answer.body);
    const board = await openFrames(liveUrl(url, '/v1/board/live'), boardMessageSchema, { firstFrame: { type: 'hello', token } });
    return { board, token };
  };

  it('a board on B sees a desk log in, connect and change state on A; an alert raised on A is acknowledged on B and the desk on A hears it', async () => {
    const { board, token: boardToken } = await openBoard(urlB);
    const desk = await login(urlA, '1001');
    const loggedIn = await nextMatching(board, seatOf('1001', (seat) => seat.state === 'ready' && seat.loginAt !== null));
    expect(loggedIn.link.connected).toBe(false);

    const live = await openLive(urlA, desk.token);
    await nextMatching(board, seatOf('1001', (seat) => seat.link.connected));

    const at = desk.serverTime + 1_000;
    const missed = missedRingRecord('1001', at);
    const synced = await request(urlA, 'POST', '/v1/sync', { token: desk.token, json: { records: [missed, stateChangeRecord('1001', at + 10)] } });
    expect(synced.status).toBe(200);
    const busy = await nextMatching(board, seatOf('1001', (seat) => seat.state === 'busy'));
    expect(busy).toMatchObject({ busyReason: 'break', today: { missed: 1 } });
    const alert = await nextMatching(board, (message) => (message.topic === 'alert' && message.alert.id === missed.id ? message.alert : undefined));
    expect(alert).toMatchObject({ agentId: '1001', kind: 'missedOffer', acknowledged: null });

    const ack = await request(urlB, 'POST', `/v1/board/alerts/${alert.id}/ack`, { token: boardToken });
    expect(ack.status).toBe(200);
    expect(alertAckResponseSchema.parse(ack.body).alert.acknowledged).toMatchObject({ by: '9001' });
    const heard = await nextMatching(live, (message: LiveMessage) => (message.topic === 'alert' ? message.alert : undefined));
    expect(heard).toMatchObject({ id: missed.id, acknowledged: { by: '9001', byName: '主管9001' } });
    live.socket.close();
    board.socket.close();
  });

  it("a supervisor's approval on B reaches the desk on A, and the desk's answer on A reaches the board on B", async () => {
    const { board, token: boardToken } = await openBoard(urlB);
    const desk = await login(urlA, '1002');
    const live = await openLive(urlA, desk.token);
    await nextMatching(board, seatOf('1002', (seat) => seat.link.connected));

    const until = desk.serverTime + 30 * 60_000;
    const made = await request(urlB, 'POST', '/v1/board/agents/1002/actions', { token: boardToken, json: { kind: 'approveBusy', until, note: '家中急事' } });
    expect(made.status).toBe(200);
    const { action } = supervisorActionResponseSchema.parse(made.body);
    const delivered = await nextMatching(live, (message: LiveMessage) => (message.topic === 'action' ? message.action : undefined));
    expect(delivered).toMatchObject({ id: action.id, by: { agentId: '9001' }, action: { kind: 'approveBusy', until, note: '家中急事' } });

    const reported = await request(urlA, 'POST', `/v1/agents/1002/actions/${action.id}/outcome`, { token: desk.token, json: { status: 'applied' } });
    expect(reported.status).toBe(200);
    const outcome = await nextMatching(board, (message) => (message.topic === 'action' && message.action.outcome ? message.action : undefined));
    expect(outcome).toMatchObject({ id: action.id, outcome: { status: 'applied' } });
    live.socket.close();
    board.socket.close();
  });

  it('a standard phrase a supervisor changes on B reaches the desks on A and on B, the same book', async () => {
    const { board, token: boardToken } = await openBoard(urlB);
    const [onA, onB] = [await login(urlA, '1006'), await login(urlB, '1007')];
    const [liveA, liveB] = [await openLive(urlA, onA.token), await openLive(urlB, onB.token)];
    await nextMatching(board, seatOf('1006', (seat) => seat.link.connected));

    const made = await request(urlB, 'POST', '/v1/board/phrases', { token: boardToken, json: { category: 'closing', title: '两台实例', text: '感谢来电，{agentId}号祝您愉快。' } });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const { book } = phraseChangeSchema.parse(made.body);
    const heard = (message: LiveMessage) => (message.topic === 'phrasesChanged' ? message.book : undefined);
    expect(await nextMatching(liveA, heard)).toEqual(book);
    expect(await nextMatching(liveB, heard)).toEqual(book);
    liveA.socket.close();
    liveB.socket.close();
    board.socket.close();
  });

  it("a ticket raised on A reaches the board on B; the supervisor's reply on B reaches the desk on A", async () => {
    const { board, token: boardToken } = await openBoard(urlB);
    const desk = await login(urlA, '1008');
    const live = await openLive(urlA, desk.token);
    const record = ticketRecord('1008', desk.serverTime);
    expect((await request(urlA, 'POST', '/v1/sync', { token: desk.token, json: { records: [record] } })).status).toBe(200);
    const raised = await nextMatching(board, (message) => (message.topic === 'ticket' && message.ticket.id === record.id ? message.ticket : undefined));
    expect(raised).toMatchObject({ status: 'new', agentId: '1008', remoteNumber: '138****5678' });

    const answer = await request(urlB, 'POST', `/v1/board/tickets/${record.id}/reply`, { token: boardToken, json: { text: '已安排技术人员今天回电' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { ticket } = ticketResponseSchema.parse(answer.body);
    const heard = await nextMatching(live, (message: LiveMessage) => (message.topic === 'ticket' && message.ticket.status === 'answered' ? message.ticket : undefined));
    expect(heard).toEqual({ ...ticket, remoteNumber: '13812345678' });
    expect(heard.reply).toMatchObject({ text: '已安排技术人员今天回电', by: { agentId: '9001' } });
    live.socket.close();
    board.socket.close();
  });

  it("a handover given on A and accepted on B: the giver's desk on A hears it accepted and the promise and ticket with their new owner; the board on B saw it given", async () => {
    const { board } = await openBoard(urlB);
    const giver = await login(urlA, '1009');
    const receiver = await login(urlB, '1010');
    const giverLive = await openLive(urlA, giver.token);
    const promise = wrapUpRecord('1009', giver.serverTime);
    const ticket = ticketRecord('1009', giver.serverTime);
    const handover = handoverRecord('1009', giver.serverTime + 10, '1010', [
      { kind: 'promise', id: promise.id },
      { kind: 'ticket', id: ticket.id, note: '请继续跟进' },
    ]);
    expect((await request(urlA, 'POST', '/v1/sync', { token: giver.token, json: { records: [promise, ticket, handover] } })).status).toBe(200);
    const given = await nextMatching(board, (message) => (message.topic === 'handover' && message.handover.id === handover.id ? message.handover : undefined));
    expect(given).toMatchObject({ status: 'pending', from: { agentId: '1009' }, to: { kind: 'agent', agent: { agentId: '1010' } } });
    expect(given.items[1]?.remoteNumber).toBe('138****5678');

    const answer = await request(urlB, 'POST', `/v1/handovers/${handover.id}/accept`, { token: receiver.token, json: {} });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const accepted = handoverAcceptResponseSchema.parse(answer.body);
    const heard = await nextMatching(giverLive, (message: LiveMessage) => (message.topic === 'handover' && message.handover.status === 'accepted' ? message.handover : undefined));
    expect(heard).toEqual(accepted.handover);
    const promiseHeard = await nextMatching(giverLive, (message: LiveMessage) => (message.topic === 'promise' && message.promise.owner.agentId === '1010' ? message.promise : undefined));
    expect(promiseHeard).toEqual(accepted.promises[0]);
    const ticketHeard = await nextMatching(giverLive, (message: LiveMessage) => (message.topic === 'ticket' && message.ticket.owner?.agentId === '1010' ? message.ticket : undefined));
    expect(ticketHeard).toEqual(accepted.tickets[0]);
    expect(ticketHeard.history.at(-1)).toMatchObject({ kind: 'handedOver', by: { agentId: '1010' }, text: '请继续跟进' });
    giverLive.socket.close();
    board.socket.close();
  });

  it('one next-shift handover accepted at the same moment on A and on B: exactly one wins, the other hears who did', async () => {
    const giver = await login(urlA, '1009', 'pw1009', 'desk-race');
    const [onA, onB] = [await login(urlA, '1001', 'pw1001', 'desk-race'), await login(urlB, '1002', 'pw1002', 'desk-race')];
    for (let round = 0; round < 5; round++) {
      const promise = wrapUpRecord('1009', giver.serverTime + round);
      const handover = handoverRecord('1009', giver.serverTime + round, 'nextShift', [{ kind: 'promise', id: promise.id }]);
      expect((await request(urlA, 'POST', '/v1/sync', { token: giver.token, json: { records: [promise, handover] } })).status).toBe(200);
      const answers = await Promise.all([
        request(urlA, 'POST', `/v1/handovers/${handover.id}/accept`, { token: onA.token, json: {} }),
        request(urlB, 'POST', `/v1/handovers/${handover.id}/accept`, { token: onB.token, json: {} }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const won = answers.find((answer) => answer.status === 200);
      const lost = answers.find((answer) => answer.status === 409);
      const winner = handoverAcceptResponseSchema.parse(won?.body).handover.accepted?.by;
      expect(lost?.body).toMatchObject({ error: { code: 'handover-accepted', acceptedBy: winner } });
      expect(handoverAcceptResponseSchema.parse(won?.body).promises.map((one) => one.owner)).toEqual([winner]);
    }
  });

  it('a login on B ends the session whose desk is connected to A: that desk hears why and is cut off', async () => {
    const { board } = await openBoard(urlB);
    const first = await login(urlA, '1003', 'pw1003', 'desk-on-a');
    const live = await openLive(urlA, first.token);
    await nextMatching(board, seatOf('1003', (seat) => seat.link.connected));

    const second = await login(urlB, '1003', 'pw1003', 'desk-on-b');
    const ended = await nextMatching(live, (message: LiveMessage) => (message.topic === 'sessionEnded' ? message.session : undefined));
    expect(ended).toMatchObject({ reason: 'replaced', byDeviceId: 'desk-on-b' });
    expect(await live.closed).toMatchObject({ code: 1008 });
    // The board shows the new session, not yet connected.
    await nextMatching(board, seatOf('1003', (seat) => seat.loginAt === second.serverTime && !seat.link.connected));
    board.socket.close();
  });

  it("an instance whose bus connection was cut reads the seats again when it is back, and hears the others again", async () => {
    const { board } = await openBoard(urlB);
    const desk = await login(urlA, '1005');
    const live = await openLive(urlA, desk.token);
    await nextMatching(board, seatOf('1005', (seat) => seat.link.connected));

    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'seatdesk-cluster-instance-b'");
    } finally {
      await admin.end();
    }
    // Whether B hears this live or reads it when it is back, its board shows it.
    const busy = await request(urlA, 'POST', '/v1/sync', { token: desk.token, json: { records: [stateChangeRecord('1005', desk.serverTime + 1_000)] } });
    expect(busy.status).toBe(200);
    await nextMatching(board, seatOf('1005', (seat) => seat.state === 'busy' && seat.link.connected));
    await expect.poll(() => servers[1]?.log() ?? '', { timeout: 10_000 }).toContain('the cluster bus is back');

    live.socket.close();
    await nextMatching(board, seatOf('1005', (seat) => !seat.link.connected));
    board.socket.close();
  });

  it('an instance started later learns which desks are connected elsewhere; when an instance dies, its desks count as disconnected', async () => {
    const desk = await login(urlA, '1004');
    const live = await openLive(urlA, desk.token);
    const c = serve('instance-c');
    const urlC = await listeningUrl(c);
    const { board } = await openBoard(urlC);
    // The snapshot may come before instance A answered C's hello; then a delta follows.
    const snapshot = await nextMatching(board, (message) => (message.topic === 'seats' ? message.seats : undefined));
    if (!snapshot.find((seat) => seat.agentId === '1004')?.link.connected) await nextMatching(board, seatOf('1004', (seat) => seat.link.connected));

    const onB = await openBoard(urlB);
    await killServer(servers[0] as ServerProcess);
    expect(await live.closed).toMatchObject({ code: 1006 });
    // Three missed heartbeats (600 ms) and both survivors show the desk unreachable.
    for (const { board: survivor } of [{ board }, onB]) {
      const gone = await nextMatching(survivor, seatOf('1004', (seat) => !seat.link.connected));
      expect(gone).toMatchObject({ state: 'ready', loginAt: desk.serverTime });
    }
    board.socket.close();
    onB.board.socket.close();
  }, 120_000);
});
