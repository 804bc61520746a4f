import type { ZodType } from 'zod';
import { RemoteError, RpcClosedError, RpcTimeoutError, serializeError } from './errors';
import { wireMessageSchema, type Transport, type WireMessage } from './wire';

/** Methods a service exposes: each takes one JSON params value and returns JSON (or a promise). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ServiceShape = { [method: string]: (params: any) => unknown };

/** What a caller sees of a remote service: the same methods, always asynchronous. */
export type Remote<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** Input schemas for every method of a service: a served method without one cannot be called. */
export type ServiceSchemas<Api> = { [K in keyof Api]: ZodType };

export interface PeerOptions {
  /** How long a call may wait for its answer before it fails with RpcTimeoutError. */
  timeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Served {
  impl: ServiceShape;
  schemas: Record<string, ZodType> | undefined;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One end of an RPC connection. Both ends can serve services, call the other end's services and
 * exchange events over the same transport. Incoming messages are validated against the wire
 * schema, and a served method's params against its zod schema, because the other end is untrusted.
 */
export class RpcPeer {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly services = new Map<string, Served>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly closeListeners = new Set<() => void>();
  private readonly detach: Array<() => void>;
  private closed = false;
  private readonly timeoutMs: number;

  constructor(
    private readonly transport: Transport,
    options: PeerOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.detach = [
      transport.onMessage((raw) => this.receive(raw)),
      transport.onClose(() => this.close()),
    ];
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Serves `impl` under `service`. With `schemas`, only methods that have a schema are callable and
   * their params are parsed first (the parsed value is what `impl` receives).
   */
  serve<Api extends object>(service: string, impl: Api, schemas?: ServiceSchemas<Api>): () => void {
    const served: Served = {
      impl: impl as unknown as ServiceShape,
      schemas: schemas as Record<string, ZodType> | undefined,
    };
    this.services.set(service, served);
    return () => {
      if (this.services.get(service) === served) this.services.delete(service);
    };
  }

  /** A typed proxy whose methods call `service` on the other end. */
  remote<Api extends object>(service: string, options: PeerOptions = {}): Remote<Api> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Proxy({} as Remote<Api>, {
      get: (_target, method) => {
        // `await remote` and friends probe `then`; a remote is not a thenable.
        if (typeof method !== 'string' || method === 'then') return undefined;
        return (params?: unknown) => this.call(service, method, params, timeoutMs);
      },
    });
  }

  call(service: string, method: string, params: unknown, timeoutMs = this.timeoutMs): Promise<unknown> {
    if (this.closed) return Promise.reject(new RpcClosedError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcTimeoutError(service, method, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.transport.send({ t: 'req', id, service, method, params: params ?? null });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  emit(topic: string, payload: unknown): void {
    if (this.closed) return;
    this.transport.send({ t: 'evt', topic, payload });
  }

  on(topic: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  onClose(listener: () => void): () => void {
    if (this.closed) {
      listener();
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Fails every pending call and stops listening; idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.detach) off();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RpcClosedError());
      this.pending.delete(id);
    }
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  private receive(raw: unknown): void {
    if (this.closed) return;
    const parsed = wireMessageSchema.safeParse(raw);
    if (!parsed.success) return; // Malformed frames are dropped: the sender gets a timeout, not a crash.
    const message = parsed.data;
    switch (message.t) {
      case 'req':
        void this.answer(message);
        return;
      case 'res': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new RemoteError(message.error.name, message.error.message, message.error.code, message.error.params));
        return;
      }
      case 'evt':
        for (const listener of this.listeners.get(message.topic) ?? []) {
          try {
            listener(message.payload);
          } catch {
            // A faulty listener must not stop the others.
          }
        }
        return;
    }
  }

  private async answer(request: Extract<WireMessage, { t: 'req' }>): Promise<void> {
    let reply: WireMessage;
    try {
      const value = await this.invoke(request.service, request.method, request.params);
      reply = { t: 'res', id: request.id, ok: true, value: value ?? null };
    } catch (error) {
      reply = { t: 'res', id: request.id, ok: false, error: serializeError(error) };
    }
    if (this.closed) return;
    try {
      this.transport.send(reply);
    } catch {
      // The carrier went away while we worked; the caller's side fails on close.
    }
  }

  private async invoke(service: string, method: string, params: unknown): Promise<unknown> {
    const served = this.services.get(service);
    if (!served) throw new RemoteError('UnknownService', `no service "${service}"`);
    let input = params;
    if (served.schemas) {
      const schema = Object.hasOwn(served.schemas, method) ? served.schemas[method] : undefined;
      if (!schema) throw new RemoteError('UnknownMethod', `no method "${service}.${method}"`);
      const result = schema.safeParse(params);
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
        throw new RemoteError('InvalidParams', `${service}.${method}: ${issue?.message ?? 'invalid'}${where}`, 'invalid-params');
      }
      input = result.data;
    }
    const fn = Object.hasOwn(served.impl, method) || isOwnMethod(served.impl, method) ? served.impl[method] : undefined;
    if (typeof fn !== 'function') throw new RemoteError('UnknownMethod', `no method "${service}.${method}"`);
    return fn.call(served.impl, input);
  }
}

/** True for methods declared by the service's own class, never for Object.prototype's. */
function isOwnMethod(impl: object, method: string): boolean {
  for (let proto = Object.getPrototypeOf(impl); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.hasOwn(proto, method) && method !== 'constructor') return true;
  }
  return false;
}
