import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { systemClock, type Clock, type ClockTimer } from '../../src/domain/clock';
import { digestAuthorization, parseDigestChallenge } from './sip-digest';
import { parseSipMessage, type SipMessage } from './sip-message';

export type { SipMessage } from './sip-message';

/** One header line: name and value exactly as they go on the wire (duplicates and odd names allowed). */
export type SipHeader = readonly [name: string, value: string];

/** A request as text parts; nothing is checked or escaped, so it can be as broken as a test wants. */
export interface RawRequest {
  method: string;
  uri: string;
  /** Every header but Via (the endpoint's own goes first) and, unless given here, Content-Length. */
  headers: readonly SipHeader[];
  body?: string;
}

/** A request as it went out, and the branch of its transaction. */
export interface SentRequest {
  request: RawRequest;
  branch: string;
}

export interface Credentials {
  username: string;
  password: string;
}

const SIP_T1_MS = 500;
const SIP_T2_MS = 4_000;
const TRANSACTION_TIMEOUT_MS = 64 * SIP_T1_MS;

export const newBranch = () => `z9hG4bK${randomBytes(8).toString('hex')}`;
export const newTag = () => randomBytes(6).toString('hex');
export const newCallId = () => `${randomBytes(10).toString('hex')}@raw.test`;

/**
 * A SIP endpoint on UDP 127.0.0.1 that sends text exactly as the test wrote it: for what no SIP
 * stack would send (no credentials, unknown methods, odd headers, floods). What comes back is read
 * leniently (sip-message.ts). It can register to receive requests, which it answers 200 unless
 * told otherwise.
 */
export class RawSipUdpEndpoint {
  /** Requests that reached this endpoint, in arrival order (retransmissions included). */
  readonly requests: SipMessage[] = [];
  /** How requests are answered; default 200 to everything but ACK. Replace to script a far end. */
  onRequest: (request: SipMessage) => void = (request) => {
    if (request.method !== 'ACK') this.reply(request, 200, 'OK');
  };
  private readonly responseListeners = new Set<(response: SipMessage) => void>();
  private readonly requestWaiters = new Set<() => void>();
  /** Each transaction still waiting, by branch: so none outlives the endpoint or its caller. */
  private readonly pending = new Map<string, (outcome: Error) => void>();

  private constructor(
    private readonly socket: Socket,
    /** The PBX's UDP port on 127.0.0.1. */
    readonly pbxPort: number,
    readonly localPort: number,
    private readonly clock: Clock,
  ) {
    socket.on('message', (data) => this.receive(data.toString('utf8')));
  }

  static async open(pbxPort: number, clock: Clock = systemClock): Promise<RawSipUdpEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new RawSipUdpEndpoint(socket, pbxPort, socket.address().port, clock);
  }

  /** This endpoint's Via value; `branch` identifies the transaction (a CANCEL reuses its INVITE's). */
  via(branch = newBranch()): string {
    return `SIP/2.0/UDP 127.0.0.1:${this.localPort};branch=${branch};rport`;
  }

  /** The text of `request` with this endpoint's Via on top and Content-Length counted in bytes. */
  format(request: RawRequest, branch = newBranch()): string {
    const body = request.body ?? '';
    const headers: SipHeader[] = [['Via', this.via(branch)], ...request.headers];
    if (!request.headers.some(([name]) => /^(content-length|l)$/i.test(name.trim()))) headers.push(['Content-Length', String(Buffer.byteLength(body))]);
    return `${request.method} ${request.uri} SIP/2.0\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`;
  }

  /** Sends text to the PBX as it is, once. */
  send(text: string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(text, this.pbxPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  }

  /** Calls `listener` with every response that arrives, until the returned function is called. */
  listen(listener: (response: SipMessage) => void): () => void {
    this.responseListeners.add(listener);
    return () => this.responseListeners.delete(listener);
  }

  /**
   * Sends the request and resolves with its final response, retransmitting as a UDP client must
   * (RFC 3261 timers A/E) until a response comes; rejects after 32 s without a final one.
   * `onProvisional` sees each 1xx.
   */
  transaction(request: RawRequest, options: { branch?: string; onProvisional?: (response: SipMessage) => void } = {}): Promise<SipMessage> {
    const branch = options.branch ?? newBranch();
    const text = this.format(request, branch);
    const method = request.method;
    return new Promise((resolve, reject) => {
      let interval = SIP_T1_MS;
      let provisional = false;
      let retransmit: ClockTimer | undefined;
      const giveUp = this.clock.setTimeout(() => finish(new Error(`no final response to ${method} ${request.uri} in ${TRANSACTION_TIMEOUT_MS} ms`)), TRANSACTION_TIMEOUT_MS);
      const schedule = () => {
        retransmit = this.clock.setTimeout(() => {
          // An INVITE is not repeated once the far side said it is working on it.
          if (!(provisional && method === 'INVITE')) void this.send(text).catch(() => undefined);
          interval = Math.min(interval * 2, SIP_T2_MS);
          schedule();
        }, interval);
      };
      const stop = this.listen((response) => {
        if (response.branch !== branch || response.method !== method) return;
        const status = response.status ?? 0;
        if (status < 200) {
          provisional = true;
          options.onProvisional?.(response);
          return;
        }
        finish(response);
      });
      const finish = (outcome: SipMessage | Error) => {
        this.pending.delete(branch);
        stop();
        this.clock.clearTimeout(giveUp);
        this.clock.clearTimeout(retransmit);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      this.pending.set(branch, finish);
      schedule();
      this.send(text).catch(finish);
    });
  }

  /**
   * The request, and if the PBX challenges it (401/407) the same request again with credentials,
   * as a new transaction with the next CSeq (a challenged INVITE is ACKed first). Resolves with the
   * final response to the last one sent. `onSent` learns each request as it goes out, with its
   * branch (what a CANCEL needs); `onProvisional` sees each 1xx.
   */
  async authenticated(
    request: RawRequest,
    credentials: Credentials,
    options: { onSent?: (sent: SentRequest) => void; onProvisional?: (response: SipMessage) => void } = {},
  ): Promise<{ response: SipMessage } & SentRequest> {
    const send = async (sent: SentRequest) => {
      options.onSent?.(sent);
      return { response: await this.transaction(sent.request, { branch: sent.branch, ...(options.onProvisional ? { onProvisional: options.onProvisional } : {}) }), ...sent };
    };
    const first = await send({ request, branch: newBranch() });
    const status = first.response.status ?? 0;
    if (status !== 401 && status !== 407) return first;
    if (request.method === 'INVITE') await this.ackNon2xx(request, first.response);
    const challenge = parseDigestChallenge(first.response.header(status === 401 ? 'www-authenticate' : 'proxy-authenticate'));
    if (!challenge) throw new Error(`${status} without a challenge`);
    const authorization = digestAuthorization({ challenge, method: request.method, uri: request.uri, ...credentials });
    const again: RawRequest = {
      ...request,
      headers: [
        ...request.headers.map(([name, value]): SipHeader => (/^cseq$/i.test(name) ? [name, value.replace(/^\s*(\d+)/, (n) => String(Number(n) + 1))] : [name, value])),
        [status === 401 ? 'Authorization' : 'Proxy-Authorization', authorization],
      ],
    };
    return send({ request: again, branch: newBranch() });
  }

  /** The hop-by-hop ACK of a non-2xx final response to `invite` (same branch, the response's To). */
  ackNon2xx(invite: RawRequest, response: SipMessage): Promise<void> {
    const keep = invite.headers.filter(([name]) => /^(from|f|call-id|i|route|max-forwards)$/i.test(name.trim()));
    const ack: RawRequest = {
      method: 'ACK',
      uri: invite.uri,
      headers: [...keep, ['To', response.header('to') ?? ''], ['CSeq', `${response.cseq} ACK`]],
    };
    return this.send(this.format(ack, response.branch));
  }

  /** Registers `user` with this endpoint as its only contact, so requests for the user come here. */
  async register(user: string, domain: string, credentials: Credentials, expiresSeconds = 300): Promise<SipMessage> {
    const { response } = await this.authenticated(
      {
        method: 'REGISTER',
        uri: `sip:${domain}`,
        headers: [
          ['From', `<sip:${user}@${domain}>;tag=${newTag()}`],
          ['To', `<sip:${user}@${domain}>`],
          ['Call-ID', newCallId()],
          ['CSeq', '1 REGISTER'],
          ['Contact', `<sip:${user}@127.0.0.1:${this.localPort}>`],
          ['Expires', String(expiresSeconds)],
          ['Max-Forwards', '70'],
        ],
      },
      credentials,
    );
    return response;
  }

  /** Replies to a request that reached this endpoint (its Vias, From, To with a tag, Call-ID, CSeq). */
  reply(request: SipMessage, status: number, reason: string, extra: { headers?: readonly SipHeader[]; body?: string } = {}): void {
    const body = extra.body ?? '';
    const to = request.header('to') ?? '';
    const headers: SipHeader[] = [
      ...request.all('via').map((via): SipHeader => ['Via', via]),
      ['From', request.header('from') ?? ''],
      ['To', request.toTag !== undefined || status === 100 ? to : `${to};tag=${newTag()}`],
      ['Call-ID', request.callId],
      ['CSeq', `${request.cseq} ${request.method}`],
      ...(extra.headers ?? []),
      ['Content-Length', String(Buffer.byteLength(body))],
    ];
    void this.send(`SIP/2.0 ${status} ${reason}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`).catch(() => undefined);
  }

  /** Resolves once a request satisfying `matches` has reached this endpoint (or already had). */
  async nextRequest(matches: (request: SipMessage) => boolean): Promise<SipMessage> {
    for (;;) {
      const found = this.requests.find(matches);
      if (found) return found;
      await new Promise<void>((wake) => this.requestWaiters.add(wake));
    }
  }

  /** Stops retransmitting the request of `branch`; its transaction fails. */
  abandon(branch: string): void {
    this.pending.get(branch)?.(new Error('abandoned'));
  }

  close(): Promise<void> {
    for (const finish of [...this.pending.values()]) finish(new Error('endpoint closed'));
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private receive(text: string): void {
    const message = parseSipMessage(text);
    if (!message) return;
    if (message.status !== undefined) {
      for (const listener of [...this.responseListeners]) listener(message);
    } else {
      this.requests.push(message);
      this.onRequest(message);
      for (const wake of [...this.requestWaiters]) {
        this.requestWaiters.delete(wake);
        wake();
      }
    }
  }
}
