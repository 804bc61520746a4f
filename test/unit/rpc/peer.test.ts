import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createMemoryTransportPair, DeskError, RemoteError, RpcClosedError, RpcPeer, RpcTimeoutError } from '../../../src/rpc';

interface Calculator {
  add(params: { a: number; b: number }): Promise<number>;
  fail(params: null): Promise<void>;
  never(params: null): Promise<void>;
}

function connectedPeers(timeoutMs = 1_000) {
  const [left, right, closeAll] = createMemoryTransportPair();
  return { main: new RpcPeer(left, { timeoutMs }), renderer: new RpcPeer(right, { timeoutMs }), closeAll };
}

const calculator: Calculator = {
  add: async ({ a, b }) => a + b,
  fail: async () => {
    throw new DeskError('bad-credentials', 'wrong 工号 or password');
  },
  never: () => new Promise(() => {}),
};
const schemas = {
  add: z.object({ a: z.number(), b: z.number() }),
  fail: z.null(),
  never: z.null(),
};

describe('RpcPeer', () => {
  it('calls a served method on the other end and returns its value', async () => {
    const { main, renderer } = connectedPeers();
    main.serve('calc', calculator, schemas);
    await expect(renderer.remote<Calculator>('calc').add({ a: 2, b: 3 })).resolves.toBe(5);
  });

  it('lets both ends serve and call over one transport', async () => {
    const { main, renderer } = connectedPeers();
    main.serve('calc', calculator, schemas);
    renderer.serve('echo', { say: async (p: { text: string }) => p.text.toUpperCase() });
    const [sum, echoed] = await Promise.all([
      renderer.remote<Calculator>('calc').add({ a: 1, b: 1 }),
      main.remote<{ say(p: { text: string }): Promise<string> }>('echo').say({ text: 'hi' }),
    ]);
    expect([sum, echoed]).toEqual([2, 'HI']);
  });

  it('delivers a thrown error with its name, message and code, never a hang', async () => {
    const { main, renderer } = connectedPeers();
    main.serve('calc', calculator, schemas);
    const error = await renderer.remote<Calculator>('calc').fail(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ name: 'DeskError', message: 'wrong 工号 or password', code: 'bad-credentials' });
  });

  it("delivers a DeskError's params for the code's sentence, and only plain values", async () => {
    const { main, renderer } = connectedPeers();
    main.serve('throttle', { login: () => Promise.reject(new DeskError('too-many-attempts', 'wait', { minutes: 15, agentId: '1007' })) }, { login: z.null() });
    const error = await renderer.call('throttle', 'login', null).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DeskError', code: 'too-many-attempts', params: { minutes: 15, agentId: '1007' } });
  });

  it('rejects params that fail the schema before the method runs', async () => {
    const { main, renderer } = connectedPeers();
    const add = vi.fn(calculator.add);
    main.serve('calc', { ...calculator, add }, schemas);
    const error = await renderer.call('calc', 'add', { a: 'two', b: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidParams', code: 'invalid-params' });
    expect((error as Error).message).toContain('calc.add');
    expect(add).not.toHaveBeenCalled();
  });

  it('refuses methods without a schema and inherited properties', async () => {
    const { main, renderer } = connectedPeers();
    main.serve('calc', calculator, schemas);
    await expect(renderer.call('calc', 'constructor', null)).rejects.toMatchObject({ name: 'UnknownMethod' });
    await expect(renderer.call('calc', 'toString', null)).rejects.toMatchObject({ name: 'UnknownMethod' });
    await expect(renderer.call('nope', 'add', null)).rejects.toMatchObject({ name: 'UnknownService' });
  });

  it('times out a call that gets no answer', async () => {
    const { main, renderer } = connectedPeers(50);
    main.serve('calc', calculator, schemas);
    await expect(renderer.remote<Calculator>('calc').never(null)).rejects.toBeInstanceOf(RpcTimeoutError);
  });

  it('fails pending calls when the carrier closes, and later calls at once', async () => {
    const { main, renderer, closeAll } = connectedPeers(5_000);
    main.serve('calc', calculator, schemas);
    const pending = renderer.remote<Calculator>('calc').never(null);
    closeAll();
    await expect(pending).rejects.toBeInstanceOf(RpcClosedError);
    await expect(renderer.remote<Calculator>('calc').add({ a: 1, b: 2 })).rejects.toBeInstanceOf(RpcClosedError);
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const { main, renderer } = connectedPeers();
    const seen: unknown[] = [];
    const off = renderer.on('desk.snapshot', (payload) => seen.push(payload));
    main.emit('desk.snapshot', { state: 'ready' });
    await vi.waitFor(() => expect(seen).toEqual([{ state: 'ready' }]));
    off();
    main.emit('desk.snapshot', { state: 'busy' });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([{ state: 'ready' }]);
  });

  it('drops malformed frames without breaking the connection', async () => {
    const [left, right] = createMemoryTransportPair();
    const main = new RpcPeer(left);
    main.serve('calc', calculator, schemas);
    const renderer = new RpcPeer(right);
    right.send({ t: 'req', id: -1 } as never);
    await expect(renderer.remote<Calculator>('calc').add({ a: 4, b: 4 })).resolves.toBe(8);
  });
});
