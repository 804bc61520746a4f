import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { CentralClient } from '../../../main/sync/central-client';
import { LiveChannel } from '../../../main/sync/live-channel';
import {
  PHRASES_MAX,
  apiErrorSchema,
  boardLoginResponseSchema,
  loginResponseSchema,
  phraseBookResponseSchema,
  phraseChangeSchema,
  phraseOrderResponseSchema,
  type LiveMessage,
  type Phrase,
  type PhraseBook,
} from '../../../src/contract';
import { backends } from './backends';
import { login, request } from './desk-http';
import { useServerSuite } from './server-suite';

/** 2026-12-01 10:00 in the center (UTC+8). */
const T0 = Date.UTC(2026, 11, 1, 2, 0);

const greeting = { category: 'greeting', title: '节日问候', text: '您好，{companyName}祝您节日快乐，{agentId}号为您服务。' };

/**
 * The standard phrases (src/contract/phrases.ts): seeded from the regulations, read by desks and
 * boards, changed by supervisors only, every change pushed live to every desk. Both backends.
 */
describe.each(backends)('standard phrases on $name', (backend) => {
  const { clock, url, live } = useServerSuite(backend, { policy: { companyName: '测试客服中心' } }, T0);
  const boardToken = async () => boardLoginResponseSchema.parse((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '9001', password: 'pw9001' } })).body).token;
  const readBook = async (token: string) => {
    const answer = await request(url(), 'GET', '/v1/phrases', { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return phraseBookResponseSchema.parse(answer.body);
  };
  const create = (token: string, json: unknown) => request(url(), 'POST', '/v1/board/phrases', { token, json });
  const update = (token: string, id: string, json: unknown) => request(url(), 'PUT', `/v1/board/phrases/${id}`, { token, json });
  const remove = (token: string, id: string) => request(url(), 'DELETE', `/v1/board/phrases/${id}`, { token });
  const reorder = (token: string, json: unknown) => request(url(), 'PUT', '/v1/board/phrases/order', { token, json });
  const changeOf = (answer: { status: number; body: unknown }) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return phraseChangeSchema.parse(answer.body);
  };
  const refusal = (answer: { status: number; body: unknown }) => ({ status: answer.status, ...apiErrorSchema.parse(answer.body).error });
  const group = (book: PhraseBook, category: string, dispositionCode: string | null = null) =>
    book.phrases.filter((phrase) => phrase.category === category && phrase.dispositionCode === dispositionCode);
  const titles = (phrases: Phrase[]) => phrases.map((phrase) => phrase.title);

  it('starts with the regulations’ phrases: greeting with company and 工号, verification, transfer, apology, the survey closing, one per disposition', async () => {
    const desk = await login(url(), '1001');
    const book = await readBook(desk.token);
    expect(book.revision).toBe(1);
    expect([...new Set(book.phrases.map((phrase) => phrase.category))]).toEqual(['greeting', 'verification', 'transfer', 'apology', 'closing', 'disposition']);
    expect(group(book, 'greeting')[0]).toMatchObject({ title: '标准问候', text: '您好，{companyName}，{agentId}号为您服务，请问有什么可以帮您？', sortOrder: 1, editedBy: null, editedAt: null });
    expect(group(book, 'apology').map((phrase) => phrase.text)).toContain('非常抱歉让您久等了！{agentId}号为您服务，请问有什么可以帮您？');
    expect(group(book, 'closing')[0]?.text).toContain('满意度评价');
    expect(group(book, 'transfer')[0]?.text).toContain('转接');
    expect(group(book, 'verification')[0]?.text).toContain('核实');
    // Disposition phrases in the order the wrap-up form lists the dispositions.
    expect(book.phrases.filter((phrase) => phrase.category === 'disposition').map((phrase) => phrase.dispositionCode)).toEqual(['inquiry', 'lookup', 'complaint', 'repair', 'sale', 'other']);
    expect(book.dispositions.map((disposition) => disposition.code)).toEqual(['inquiry', 'lookup', 'complaint', 'repair', 'sale', 'other']);
    // The login carries the same book; the board reads it too.
    const { dispositions: _dispositions, ...asBook } = book;
    expect(loginResponseSchema.parse((await request(url(), 'POST', '/v1/login', { json: { agentId: '1002', password: 'pw1002', deviceId: 'd' } })).body).phrases).toEqual(asBook);
    expect(await readBook(await boardToken())).toEqual(book);
    expect((await request(url(), 'GET', '/v1/phrases')).status).toBe(401);
  });

  it('a supervisor adds, changes and removes phrases; each change says who and when, raises the revision and goes last in a new group', async () => {
    const token = await boardToken();
    const before = await readBook(token);
    clock.advance(60_000);
    const created = changeOf(await create(token, { ...greeting, title: ' 节日问候 ' }));
    expect(created.phrase).toMatchObject({ ...greeting, dispositionCode: null, sortOrder: 3, editedBy: { agentId: '9001', name: '主管9001' }, editedAt: clock.now() });
    expect(created.book.revision).toBe(before.revision + 1);
    expect(titles(group(created.book, 'greeting'))).toEqual(['标准问候', '回访问候', '节日问候']);

    clock.advance(60_000);
    const changed = changeOf(await update(token, created.phrase.id.toUpperCase(), { ...greeting, text: '您好，{agentName}为您服务。' }));
    expect(changed.phrase).toMatchObject({ id: created.phrase.id, text: '您好，{agentName}为您服务。', sortOrder: 3, editedAt: clock.now() });
    expect(changed.book.revision).toBe(before.revision + 2);

    // Moved to another group: last there.
    const moved = changeOf(await update(token, created.phrase.id, { category: 'disposition', dispositionCode: 'complaint', title: '投诉升级', text: '已升级至主管处理。' }));
    expect(group(moved.book, 'greeting')).toHaveLength(2);
    expect(titles(group(moved.book, 'disposition', 'complaint'))).toEqual(['投诉受理', '投诉升级']);
    expect(moved.phrase.sortOrder).toBe(2);

    const removed = changeOf(await remove(token, created.phrase.id));
    expect(removed.phrase.id).toBe(created.phrase.id);
    expect(removed.book.phrases.map((phrase) => phrase.id)).not.toContain(created.phrase.id);
    expect(removed.book.revision).toBe(before.revision + 4);
    expect(refusal(await remove(token, created.phrase.id))).toMatchObject({ status: 404, code: 'not-found' });
    expect(refusal(await update(token, uuidv7(), greeting))).toMatchObject({ status: 404, code: 'not-found' });
    expect((await readBook(token)).revision).toBe(before.revision + 4);
  });

  it('reorders a group when the order lists exactly its phrases; a stale or foreign order changes nothing', async () => {
    const token = await boardToken();
    const book = await readBook(token);
    const verification = group(book, 'verification').map((phrase) => phrase.id);
    expect(verification).toHaveLength(3);
    const reversed = [...verification].reverse();
    const answer = await reorder(token, { category: 'verification', ids: reversed });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const reordered = phraseOrderResponseSchema.parse(answer.body).book;
    expect(group(reordered, 'verification').map((phrase) => [phrase.id, phrase.sortOrder])).toEqual(reversed.map((id, index) => [id, index + 1]));
    expect(reordered.revision).toBe(book.revision + 1);
    // Reordering is not rewording.
    expect(group(reordered, 'verification').every((phrase) => phrase.editedBy === null)).toBe(true);

    expect(refusal(await reorder(token, { category: 'verification', ids: reversed.slice(1) }))).toMatchObject({ status: 409, code: 'stale-order' });
    expect(refusal(await reorder(token, { category: 'verification', ids: [...reversed.slice(1), group(book, 'greeting')[0]!.id] }))).toMatchObject({ status: 409, code: 'stale-order' });
    expect(refusal(await reorder(token, { category: 'verification', ids: [reversed[0], reversed[0], reversed[1]] }))).toMatchObject({ status: 400, code: 'invalid-request' });
    const complaint = group(book, 'disposition', 'complaint').map((phrase) => phrase.id);
    expect((await reorder(token, { category: 'disposition', dispositionCode: 'complaint', ids: complaint })).status).toBe(200);
    expect(refusal(await reorder(token, { category: 'disposition', ids: complaint }))).toMatchObject({ status: 409, code: 'stale-order' });
    expect(group(await readBook(token), 'verification').map((phrase) => phrase.id)).toEqual(reversed);
  });

  it('refuses agents (403), whatever their session, and the supervisor’s desk session', async () => {
    const agent = await login(url(), '1003');
    const supervisorDesk = await login(url(), '9001');
    const phrase = group(await readBook(agent.token), 'greeting')[0]!;
    for (const token of [agent.token, supervisorDesk.token]) {
      expect(refusal(await create(token, greeting))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(refusal(await update(token, phrase.id, greeting))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(refusal(await remove(token, phrase.id))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(refusal(await reorder(token, { category: 'greeting', ids: [phrase.id] }))).toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect((await request(url(), 'POST', '/v1/board/login', { json: { agentId: '1003', password: 'pw1003' } })).status).toBe(403);
    expect(group(await readBook(agent.token), 'greeting')[0]).toEqual(phrase);
  });

  it('says what is wrong with a phrase that does not fit (400), and stores none of them', async () => {
    const token = await boardToken();
    const before = await readBook(token);
    const refused = async (json: unknown) => {
      const answer = refusal(await create(token, json));
      expect(answer.status).toBe(400);
      return answer.message;
    };
    expect(await refused({ ...greeting, title: '' })).toMatch(/title: a title is required/);
    expect(await refused({ ...greeting, title: '长'.repeat(41) })).toMatch(/title: a title of at most 40 characters/);
    expect(await refused({ ...greeting, text: '   ' })).toMatch(/text: a text is required/);
    expect(await refused({ ...greeting, text: '话'.repeat(1_000_001) })).toMatch(/text: a text of at most 1000 characters/);
    expect(await refused({ ...greeting, text: '您好，{agentID}号、{客户}、{customer_name}为您服务' })).toMatch(/text: unknown placeholder \{agentID\} \{customer_name\}: the placeholders are \{agentId\} \{agentName\} \{customerName\} \{companyName\}/);
    expect(await refused({ ...greeting, text: '您好\u0007' })).toMatch(/control characters/);
    expect(await refused({ ...greeting, category: 'gossip' })).toMatch(/category: category must be one of greeting, verification/);
    expect(await refused({ ...greeting, category: 'disposition' })).toMatch(/dispositionCode: a disposition phrase needs its disposition code/);
    expect(await refused({ ...greeting, dispositionCode: 'complaint' })).toMatch(/dispositionCode/);
    expect(await refused({ ...greeting, category: 'disposition', dispositionCode: 'lottery' })).toMatch(/dispositionCode: the server offers no disposition "lottery"/);
    expect(refusal(await update(token, 'not-a-uuid', greeting))).toMatchObject({ status: 400, message: expect.stringMatching(/id: a phrase id/) });
    // Braces that are no placeholder, and line breaks, are text.
    const plain = changeOf(await create(token, { ...greeting, text: '请按 {1} 键\n或说“人工”' }));
    expect(plain.phrase.text).toBe('请按 {1} 键\n或说“人工”');
    expect(plain.book.revision).toBe(before.revision + 1);
    expect(changeOf(await remove(token, plain.phrase.id)).book.phrases).toEqual(before.phrases);
  });

  it('pushes every change to every desk at once, the whole book with its revision; a refused change pushes nothing', async () => {
    const [first, second] = [await login(url(), '1004'), await login(url(), '1005')];
    const [firstLive, secondLive] = [await live(first.token), await live(second.token)];
    const token = await boardToken();
    const created = changeOf(await create(token, greeting));
    const changed = changeOf(await update(token, created.phrase.id, { ...greeting, text: '新的问候：{agentId}' }));
    const pushed = (socket: { messages: LiveMessage[] }) => socket.messages.filter((message) => message.topic === 'phrasesChanged');
    await vi.waitFor(() => expect(pushed(firstLive)).toEqual([{ topic: 'phrasesChanged', book: created.book }, { topic: 'phrasesChanged', book: changed.book }]));
    await vi.waitFor(() => expect(pushed(secondLive)).toHaveLength(2));
    expect(pushed(secondLive)).toEqual(pushed(firstLive));
    // A refused change pushes nothing.
    expect((await remove(token, uuidv7())).status).toBe(404);
    expect((await create(token, { ...greeting, title: '' })).status).toBe(400);
    changeOf(await remove(token, created.phrase.id));
    await vi.waitFor(() => expect(pushed(firstLive)).toHaveLength(3));
    expect(pushed(firstLive).map((message) => (message.topic === 'phrasesChanged' ? message.book.revision : 0))).toEqual([created.book.revision, changed.book.revision, changed.book.revision + 1]);
  });

  it('the desk’s own live channel hears each change, and its client reads the whole book on connecting', async () => {
    const desk = await login(url(), '1006');
    const central = new CentralClient({ baseUrl: url() });
    const heard: PhraseBook[] = [];
    const caughtUp: PhraseBook[] = [];
    const channel = new LiveChannel({
      url: central.liveUrl(),
      token: desk.token,
      clock,
      connect: (target, headers) => new WebSocket(target, { headers }),
      catchUp: async () => void caughtUp.push(await central.phrases(desk.token)),
      onSurveyResult: () => {},
      onPhrasesChanged: (book) => heard.push(book),
    });
    channel.start();
    try {
      await vi.waitFor(() => expect(caughtUp).toHaveLength(1));
      const { dispositions: _dispositions, ...asRead } = await readBook(desk.token);
      expect(caughtUp[0]).toEqual(asRead);
      const created = changeOf(await create(await boardToken(), greeting));
      await vi.waitFor(() => expect(heard).toEqual([created.book]));
      changeOf(await remove(await boardToken(), created.phrase.id));
      await vi.waitFor(() => expect(heard.map((book) => book.revision)).toEqual([created.book.revision, created.book.revision + 1]));
    } finally {
      channel.stop();
    }
  });

  it(`holds at most ${PHRASES_MAX} phrases: one more is refused (409) until one goes`, async () => {
    const token = await boardToken();
    const { phrases } = await readBook(token);
    const added: string[] = [];
    for (let count = phrases.length; count < PHRASES_MAX; count++) added.push(changeOf(await create(token, { ...greeting, title: `问候${count}` })).phrase.id);
    expect(refusal(await create(token, greeting))).toMatchObject({ status: 409, code: 'phrase-book-full' });
    changeOf(await remove(token, added[0]!));
    changeOf(await create(token, greeting));
  });
});
