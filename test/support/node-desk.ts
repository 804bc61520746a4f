import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inviter, InviterInviteOptions } from 'sip.js';
import { WebSocket } from 'ws';
import { DESK_EVENTS, type DeskNotice, type DeskSnapshot } from '../../src/contract/desk';
import { MEDIA_SERVICE, mediaEngineSchemas, type MediaEngine } from '../../src/contract/media';
import type { Clock } from '../../src/domain/clock';
import { createMemoryTransportPair, RpcPeer } from '../../src/rpc';
import { startDeskRuntime, type DeskRuntime } from '../../main/desk-runtime';
import type { WebSocketConstructor } from '../../main/phone/sip-websocket-transport';
import { createNodeUserAgent, type NodeUserAgent, type NodeUserAgentOptions } from './sip-node';
import { StaticSdpMediaEngine } from './static-sdp-media-engine';

/**
 * The desk's main process in Node, as the shells run it, with a stand-in renderer: the renderer's
 * WebRTC cannot run in Node, so a static-SDP media engine answers main's media requests over a
 * real RpcPeer, and the snapshots and notices main pushes are kept for assertions.
 */
export interface NodeDesk {
  runtime: DeskRuntime;
  media: StaticSdpMediaEngine;
  notices: DeskNotice[];
  latest(): DeskSnapshot;
  /**
   * Resolves with the latest snapshot, or the first one main pushes after it, that satisfies
   * `predicate`; with `timeoutMs`, rejects after that long, showing the latest one.
   */
  until(predicate: (snapshot: DeskSnapshot) => boolean, timeoutMs?: number): Promise<DeskSnapshot>;
  stop(): Promise<void>;
}

export interface NodeDeskOptions {
  clock?: Clock;
  onIncomingCall?(caller: string): void;
  /** Sees every SIP message the desk's phone receives from the PBX (the desk's own WebSocket, tapped). */
  onSipMessage?(message: string): void;
}

export async function startNodeDesk(serverUrl: string, options: NodeDeskOptions = {}): Promise<NodeDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'seatdesk-desk-test-'));
  const runtime = await startDeskRuntime({
    dataDir,
    serverUrl,
    webSocket: options.onSipMessage ? tappedWebSocket(options.onSipMessage) : (WebSocket as unknown as WebSocketConstructor),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onIncomingCall ? { onIncomingCall: options.onIncomingCall } : {}),
  });
  const [mainSide, rendererSide] = createMemoryTransportPair();
  const renderer = new RpcPeer(rendererSide);
  const media = new StaticSdpMediaEngine();
  renderer.serve<MediaEngine>(MEDIA_SERVICE, media, mediaEngineSchemas);
  let latest: DeskSnapshot | undefined;
  const notices: DeskNotice[] = [];
  const waiters = new Set<() => void>();
  renderer.on(DESK_EVENTS.snapshot, (snapshot) => {
    latest = snapshot as DeskSnapshot;
    for (const wake of [...waiters]) wake();
  });
  renderer.on(DESK_EVENTS.notice, (notice) => notices.push(notice as DeskNotice));
  runtime.link.attach(new RpcPeer(mainSide));
  return {
    runtime,
    media,
    notices,
    latest: () => {
      if (!latest) throw new Error('no snapshot yet');
      return latest;
    },
    until: (predicate, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                waiters.delete(check);
                reject(new Error(`no snapshot matched within ${timeoutMs} ms; the latest: ${JSON.stringify(latest)}`));
              }, timeoutMs);
        const check = () => {
          if (!latest || !predicate(latest)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(latest);
        };
        waiters.add(check);
        check();
      }),
    stop: async () => {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `ws`, with a listener on every message received before the phone's own. */
function tappedWebSocket(onMessage: (message: string) => void): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string, protocols: string) {
      super(url, protocols);
      this.addEventListener('message', (event) => onMessage(String(event.data)));
    }
  } as unknown as WebSocketConstructor;
}

/**
 * Starts a call from a Node caller (which follows a blind transfer); `finalStatus` gets the final
 * response code of the INVITE.
 */
export function dial(from: NodeUserAgent, target: string): { inviter: Inviter; finalStatus: () => number | null } {
  const inviter = from.makeInviter(target);
  let status: number | null = null;
  const options: InviterInviteOptions = {
    requestDelegate: {
      onAccept: (response) => (status = response.message.statusCode ?? null),
      onReject: (response) => (status = response.message.statusCode ?? null),
    },
  };
  void inviter.invite(options).catch(() => {});
  return { inviter, finalStatus: () => status };
}

/** How a customer's phone behaves, beyond placing the call. */
export type CustomerOptions = Pick<NodeUserAgentOptions, 'sdpDelayMs'>;

/** Test-scoped helpers on a lab: desks logged in and registered, callers registered; all stopped by `cleanup`. */
export function labSessions(lab: { server: { url: string }; kamailio: { wsUrl: string; domain: string }; secret: string }, serverUrl = () => lab.server.url) {
  const stops: Array<() => Promise<void>> = [];
  return {
    async loggedInDesk(agentId: string, options: NodeDeskOptions = {}): Promise<NodeDesk> {
      const desk = await startNodeDesk(serverUrl(), options);
      stops.push(desk.stop);
      await desk.runtime.desk.login({ agentId, password: `pw${agentId}` });
      await waitUntil(() => desk.latest().registration === 'registered', 20_000, `agent ${agentId} did not register`);
      return desk;
    },
    /** A customer `number` calls the agent and the agent answers: both ends of the call. */
    async connectedCall(desk: NodeDesk, agentId: string, number: string, customer: CustomerOptions = {}) {
      const from = await this.customer(number, customer);
      const call = dial(from, agentId);
      await waitUntil(() => desk.latest().call?.phase === 'ringing', 10_000, `the call from ${number} did not ring at ${agentId}`);
      const callId = desk.latest().call!.id;
      await desk.runtime.desk.answer({ callId });
      await waitUntil(() => desk.latest().call?.phase === 'talking', 10_000, `the call from ${number} did not connect`);
      return { from, call, callId };
    },
    async customer(number: string, customer: CustomerOptions = {}): Promise<NodeUserAgent> {
      const agent = await createNodeUserAgent({ wsUrl: lab.kamailio.wsUrl, domain: lab.kamailio.domain, user: number, secret: lab.secret, ...customer });
      stops.push(agent.stop);
      return agent;
    },
    async cleanup(): Promise<void> {
      for (const stop of stops.splice(0).reverse()) await stop();
    },
  };
}

async function waitUntil(condition: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type LabSessions = ReturnType<typeof labSessions>;
