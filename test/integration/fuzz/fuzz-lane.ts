import type { Lab } from '../../../lab';
import { DeskError } from '../../../src/rpc';
import { mintSipCredentials } from '../../../server/sip-credentials';
import { startNodeDesk, type NodeDesk } from '../../support/node-desk';
import { RawSipUdpEndpoint } from '../../support/raw-sip-udp';
import { within, type FuzzCaller } from './fuzz-caller';
import { describeOffer, type HostileOffer, type Step } from './hostile-offer';
import { wrongCallerShown } from './shown-caller';
import { UdpFuzzCaller } from './udp-fuzz-caller';
import { WsFuzzCaller } from './ws-fuzz-caller';

/** How long one stage of a case may take before the case fails as stuck (a failure detector, not a measurement). */
const STAGE_MS = 8_000;
const ONE_HOUR_MS = 3_600_000;
const NORMAL_NAME = '回访客户';

/** Errors nobody caught in this process: in a shell they would have ended the desk. */
export const uncaughtErrors: unknown[] = [];

/** What the cases of a lane did, for the run's summary. */
export interface LaneStats {
  offers: number;
  /** Offers the PBX dropped unanswered (it could not parse them): no desk ever saw them. */
  droppedByPbx: number;
  rang: number;
  answered: number;
  /** Final status of each offer the agent did not answer (0: the caller's SIP.js ended it without reporting one, e.g. a CANCEL it completed). */
  finals: Map<number, number>;
}

/**
 * One agent's desk (the desk main process in Node, registered through the lab's Kamailio) and
 * the callers that try it, one case at a time. After each case: nothing went uncaught, the desk
 * can go ready, and the next normal call rings. A desk a case broke is replaced before the next
 * case, so a shrunk counterexample starts from a healthy desk too.
 */
export class FuzzLane {
  /** The desk's ids of the calls the agent answered: each must reach the server exactly once. */
  readonly answered = new Set<string>();
  readonly stats: LaneStats = { offers: 0, droppedByPbx: 0, rang: 0, answered: 0, finals: new Map() };
  private broken = false;

  private constructor(
    private readonly lab: Lab,
    readonly agentId: string,
    private readonly udp: RawSipUdpEndpoint,
    private readonly normalNumber: string,
    private desk: NodeDesk,
  ) {}

  static async open(lab: Lab, agentId: string, normalNumber: string): Promise<FuzzLane> {
    const udp = await RawSipUdpEndpoint.open(lab.kamailio.udpPort);
    return new FuzzLane(lab, agentId, udp, normalNumber, await loggedInDesk(lab, agentId));
  }

  /** Plays one case; throws, naming the case and what broke, when the desk did not come through it. */
  async run(offer: HostileOffer): Promise<void> {
    if (this.broken) await this.replaceDesk();
    const uncaughtBefore = uncaughtErrors.length;
    this.stats.offers += 1;
    let caller: FuzzCaller | undefined;
    try {
      caller = await this.openCaller(offer);
      await this.play(offer, caller);
      const uncaught = uncaughtErrors.slice(uncaughtBefore);
      // The four desks share this process: another lane's case may be the cause (see the stack).
      if (uncaught.length > 0) throw new Error(`uncaught in the desks' process: ${uncaught.map((error) => (error instanceof Error ? (error.stack ?? error.message) : String(error))).join(' | ')}`);
      await this.backToReady();
      await this.nextCallRings();
    } catch (error) {
      this.broken = true;
      throw new Error(`desk ${this.agentId}, case [${describeOffer(offer)}]: ${errorText(error)}`, { cause: error });
    } finally {
      await caller?.close().catch(() => undefined);
    }
  }

  /** Resolves once the desk has delivered every record to the server. */
  drained(): Promise<unknown> {
    return within(
      this.desk.until((snapshot) => snapshot.pendingSync === 0),
      STAGE_MS,
      `desk ${this.agentId} did not deliver its records`,
    );
  }

  async close(): Promise<void> {
    await this.desk.stop().catch(() => undefined);
    await this.udp.close();
  }

  private async openCaller(offer: HostileOffer): Promise<FuzzCaller> {
    const { kamailio, secret } = this.lab;
    const agentUri = `sip:${this.agentId}@${kamailio.domain}`;
    const credentials = mintSipCredentials(secret, offer.fromUser, Date.now() + ONE_HOUR_MS);
    if (offer.transport === 'udp') return new UdpFuzzCaller(this.udp, offer, agentUri, kamailio.domain, credentials);
    return WsFuzzCaller.open(offer, { wsUrl: kamailio.wsUrl, domain: kamailio.domain, agentUri }, credentials);
  }

  private async play(offer: HostileOffer, caller: FuzzCaller): Promise<void> {
    caller.start();
    const rang = this.desk.until((snapshot) => snapshot.call !== null).then((snapshot) => snapshot.call);
    const first = await within(
      Promise.race([rang, caller.final.then(() => null), caller.dropped.then(() => 'dropped' as const)]),
      STAGE_MS,
      'the offer neither rang at the desk nor got a final answer',
    );
    if (first === 'dropped') {
      this.stats.droppedByPbx += 1;
      return;
    }
    const ringing = first ?? this.desk.latest().call;
    const callId = ringing?.id ?? null;
    if (ringing) {
      this.stats.rang += 1;
      const wrong = wrongCallerShown(offer, ringing);
      if (wrong) throw new Error(`the agent was shown the caller wrong: ${wrong}`);
    }

    for (const step of offer.script) {
      await within(step.actor === 'caller' ? caller.step(step) : this.agentStep(step.action, callId, caller), STAGE_MS, `step ${step.actor} ${step.action} did not complete`);
    }
    await within(caller.finish(), STAGE_MS, 'the caller could not end the call');
    await within(this.desk.until((snapshot) => snapshot.call === null), STAGE_MS, 'the call did not end at the desk');
    const status = await caller.final;
    if (!callId || !this.answered.has(callId)) this.stats.finals.set(status, (this.stats.finals.get(status) ?? 0) + 1);
  }

  private async agentStep(action: Extract<Step, { actor: 'agent' }>['action'], callId: string | null, caller: FuzzCaller): Promise<void> {
    if (!callId) return;
    const desk = this.desk.runtime.desk;
    switch (action) {
      case 'answer':
        if (await carriedOut(desk.answer({ callId }))) {
          this.answered.add(callId);
          this.stats.answered += 1;
        }
        await caller.final;
        return;
      case 'reject':
        await carriedOut(desk.reject({ callId }));
        await caller.final;
        return;
      case 'hangup':
        // While it rings the desk refuses a hang-up (the agent rejects instead).
        if (await carriedOut(desk.hangup({ callId }))) await this.desk.until((snapshot) => snapshot.call?.id !== callId);
        return;
      case 'hold':
      case 'resume':
        await carriedOut(desk.hold({ callId, held: action === 'hold' }));
        return;
    }
  }

  /** What the agent does after a call: finish the wrap-up, or leave busy (a missed call pauses them). */
  private async backToReady(): Promise<void> {
    const snapshot = this.desk.latest();
    const desk = this.desk.runtime.desk;
    if (snapshot.state === 'wrapUp' && snapshot.wrapUp) {
      await desk.saveWrapUp({
        callId: snapshot.wrapUp.callId,
        disposition: snapshot.dispositions[0]?.code ?? 'other',
        summary: 'fuzz',
        customerName: '',
        customerContact: '',
        resolved: true,
        promisedReplyAt: null,
      });
    } else if (snapshot.state === 'busy') {
      await desk.setReady();
    }
    await within(this.desk.until((next) => next.state === 'ready' && next.registration === 'registered'), STAGE_MS, 'the desk did not go ready (and registered)');
  }

  /** An ordinary customer calls (over UDP, the cheapest caller to run): the desk must ring with who it is. */
  private async nextCallRings(): Promise<void> {
    const { kamailio, secret } = this.lab;
    const credentials = mintSipCredentials(secret, this.normalNumber, Date.now() + ONE_HOUR_MS);
    const caller = new UdpFuzzCaller(this.udp, this.normalOffer, `sip:${this.agentId}@${kamailio.domain}`, kamailio.domain, credentials);
    try {
      caller.start();
      const ringing = await within(this.desk.until((snapshot) => snapshot.call?.phase === 'ringing'), STAGE_MS, 'the next normal call did not ring');
      if (ringing.call?.remoteNumber !== this.normalNumber || ringing.call.remoteDisplayName !== NORMAL_NAME) {
        throw new Error(`the next normal call rang as ${JSON.stringify(ringing.call?.remoteDisplayName)} <${ringing.call?.remoteNumber}>`);
      }
      await caller.step({ actor: 'caller', action: 'cancel' });
      await within(caller.final, STAGE_MS, 'the next normal call could not be cancelled');
      await within(this.desk.until((snapshot) => snapshot.call === null && snapshot.state === 'ready'), STAGE_MS, 'the desk did not return to ready after the normal call');
    } finally {
      await caller.close();
    }
  }

  private get normalOffer(): HostileOffer {
    return { transport: 'udp', fromUser: this.normalNumber, displayName: NORMAL_NAME, nameForm: 'quoted', headers: [], body: { kind: 'sdp' }, ack: 'auto', script: [] };
  }

  private async replaceDesk(): Promise<void> {
    await within(this.desk.stop(), STAGE_MS, 'stopping a broken desk').catch(() => undefined);
    this.desk = await loggedInDesk(this.lab, this.agentId);
    this.broken = false;
  }
}

async function loggedInDesk(lab: Lab, agentId: string): Promise<NodeDesk> {
  const desk = await startNodeDesk(lab.server.url);
  await desk.runtime.desk.login({ agentId, password: `pw${agentId}` });
  await within(desk.until((snapshot) => snapshot.registration === 'registered' && snapshot.state === 'ready'), STAGE_MS, `agent ${agentId} did not register`);
  return desk;
}

/** A desk command's refusal (DeskError) is an answer too; anything else it throws is a defect. */
async function carriedOut(command: Promise<unknown>): Promise<boolean> {
  try {
    await command;
    return true;
  } catch (error) {
    if (error instanceof DeskError) return false;
    throw error;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
