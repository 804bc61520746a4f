import { newBranch, newCallId, newTag, type Credentials, type RawRequest, type RawSipUdpEndpoint, type SipHeader, type SipMessage } from '../../support/raw-sip-udp';
import { DROP_MS, type FuzzCaller } from './fuzz-caller';
import { bodyText, fromNameAddr, type HostileOffer, type OfferBody, type Step } from './hostile-offer';

const ANSWER_SDP = 'v=0\r\no=- 7 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40700 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

/** What the caller knows of the dialog: the far end's tag, where to send in-dialog requests, and via which proxies. */
interface Dialog {
  toHeader: string;
  remoteTarget: string;
  routes: string[];
}

/**
 * A customer calling over UDP in raw SIP text written from the offer (nothing escaped that the
 * offer did not escape), authenticated like any caller. A small UAC: it keeps the dialog from the
 * 1xx/2xx (tag, Contact, Record-Route), ACKs as the offer says, and answers what the desk sends.
 */
export class UdpFuzzCaller implements FuzzCaller {
  readonly final: Promise<number>;
  readonly dropped: Promise<void>;
  private settle: (status: number) => void = () => {};
  private dropTimer: NodeJS.Timeout | undefined;
  private answeredAtAll: () => void = () => {};
  private readonly callId = newCallId();
  private readonly fromHeader: string;
  private cseq = 1;
  private invite: { request: RawRequest; branch: string } | undefined;
  private finalStatus: number | undefined;
  private dialog: Dialog | undefined;
  /** The 2xx to the offer, once the desk answered. */
  private answer: SipMessage | undefined;
  private acked = false;
  private lateAckDue = false;
  private ended = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly endpoint: RawSipUdpEndpoint,
    private readonly offer: HostileOffer,
    private readonly agentUri: string,
    private readonly domain: string,
    private readonly credentials: Credentials,
  ) {
    this.final = new Promise((resolve) => (this.settle = resolve));
    this.dropped = new Promise((resolve) => {
      this.dropTimer = setTimeout(resolve, DROP_MS);
      this.answeredAtAll = () => clearTimeout(this.dropTimer);
    });
    this.fromHeader = `${fromNameAddr(offer, domain)};tag=${newTag()}`;
    // 2xx retransmissions (ours was late or never sent) and the desk's own requests.
    this.stopListening = endpoint.listen((response) => {
      if (response.callId === this.callId) this.answeredAtAll();
      const status = response.status ?? 0;
      if (response.callId !== this.callId || response.method !== 'INVITE' || status < 200 || status >= 300) return;
      // A 2xx sent again: our ACK did not get there (or was never sent). Answer it again if we ACK at all.
      if (this.acked && response.cseq === this.answer?.cseq) void this.sendAck(response).catch(() => undefined);
    });
    endpoint.onRequest = (request) => this.onRequest(request);
  }

  start(): void {
    const body = bodyText(this.offer.body);
    const request: RawRequest = {
      method: 'INVITE',
      uri: this.agentUri,
      headers: [
        ['From', this.fromHeader],
        ['To', `<${this.agentUri}>`],
        ['Call-ID', this.callId],
        ['CSeq', `${this.cseq} INVITE`],
        ['Contact', this.contact()],
        ['Max-Forwards', '70'],
        ...(body ? ([['Content-Type', body.contentType]] as SipHeader[]) : []),
        ...this.offer.headers,
      ],
      ...(body ? { body: body.text } : {}),
    };
    this.endpoint
      .authenticated(request, this.credentials, {
        onSent: (sent) => {
          this.invite = sent;
          this.cseq = Math.max(this.cseq, cseqOf(sent.request));
        },
        onProvisional: (response) => {
          // An early dialog (180 with a tag): a BYE or INFO can already go inside it.
          if (response.toTag !== undefined && !this.dialog) this.dialog = dialogFrom(response, this.agentUri);
          this.prackIfReliable(response);
        },
      })
      .then(async ({ response }) => {
        this.cseq = Math.max(this.cseq, response.cseq);
        await this.onFinal(response);
      })
      .catch(() => this.onFinalStatus(0));
  }

  async step(step: Extract<Step, { actor: 'caller' }>): Promise<void> {
    switch (step.action) {
      case 'cancel':
        await this.cancel();
        break;
      case 'bye': {
        const status = (await this.inDialog('BYE'))?.status ?? 0;
        if (status >= 200 && status < 300) this.ended = true;
        break;
      }
      case 'info':
        await this.inDialog('INFO', { contentType: 'application/dtmf-relay', text: 'Signal=5\r\nDuration=160\r\n' });
        break;
      case 'update':
        await this.inDialog('UPDATE', bodyText({ kind: 'sdp' }));
        break;
      case 'reinvite':
        await this.reinvite(step.body);
        break;
    }
    if (this.lateAckDue) await this.ackNow();
  }

  async finish(): Promise<void> {
    if (this.finalStatus === undefined) {
      await this.cancel();
      await this.final;
    }
    if (this.finalStatus !== undefined && this.finalStatus >= 200 && this.finalStatus < 300 && !this.ended) {
      if (this.offer.ack !== 'never') await this.ackNow();
      await this.inDialog('BYE');
      this.ended = true;
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.dropTimer);
    // An offer the PBX dropped would be sent again for 32 s: not by a caller that is gone.
    if (this.invite) this.endpoint.abandon(this.invite.branch);
    this.stopListening();
  }

  private async onFinal(response: SipMessage): Promise<void> {
    const status = response.status ?? 0;
    if (status >= 200 && status < 300) {
      this.dialog = dialogFrom(response, this.agentUri);
      this.answer = response;
      if (this.offer.ack === 'auto') await this.ackNow();
      if (this.offer.ack === 'twice') {
        await this.ackNow();
        await this.sendAck(response);
      }
      if (this.offer.ack === 'late') this.lateAckDue = true;
    } else if (this.invite) {
      await this.endpoint.ackNon2xx(this.invite.request, response);
    }
    this.onFinalStatus(status);
  }

  /** A reliable provisional (RFC 3262, when the offer carried Require: 100rel) wants a PRACK, or the desk waits for it. */
  private prackIfReliable(response: SipMessage): void {
    const rseq = response.header('rseq');
    if (rseq === undefined || !/100rel/i.test(response.all('require').join(','))) return;
    this.cseq += 1;
    const prack = this.dialogRequest('PRACK', dialogFrom(response, this.agentUri), this.cseq);
    void this.endpoint.transaction({ ...prack, headers: [...prack.headers, ['RAck', `${rseq.trim()} ${response.cseq} INVITE`]] }).catch(() => undefined);
  }

  private onFinalStatus(status: number): void {
    this.finalStatus = status;
    this.settle(status);
  }

  private async ackNow(): Promise<void> {
    this.lateAckDue = false;
    if (this.acked || !this.answer) return;
    this.acked = true;
    await this.sendAck(this.answer);
  }

  /** The ACK of a 2xx: a request of its own, in the dialog, with the INVITE's CSeq number. */
  private sendAck(response: SipMessage): Promise<void> {
    const dialog = dialogFrom(response, this.agentUri);
    return this.endpoint.send(this.endpoint.format(this.dialogRequest('ACK', dialog, response.cseq), newBranch()));
  }

  /** CANCEL of the pending INVITE (its branch and CSeq number); a no-op once it has a final answer. */
  private async cancel(): Promise<void> {
    const invite = this.invite;
    if (!invite || this.finalStatus !== undefined) return;
    const keep = invite.request.headers.filter(([name]) => /^(from|to|call-id|max-forwards)$/i.test(name));
    const cseq = invite.request.headers.find(([name]) => /^cseq$/i.test(name))?.[1].replace('INVITE', 'CANCEL') ?? `${this.cseq} CANCEL`;
    await this.endpoint.transaction({ method: 'CANCEL', uri: invite.request.uri, headers: [...keep, ['CSeq', cseq]] }, { branch: invite.branch }).catch(() => undefined);
  }

  /** A request inside the dialog, or outside any when there is none yet (then the PBX challenges it). */
  private async inDialog(method: string, body: { contentType: string; text: string } | null = null): Promise<SipMessage | undefined> {
    this.cseq += 1;
    const withBody = (request: RawRequest): RawRequest =>
      body ? { ...request, headers: [...request.headers, ['Content-Type', body.contentType]], body: body.text } : request;
    if (!this.dialog) {
      const request = withBody({
        method,
        uri: this.agentUri,
        headers: [['From', this.fromHeader], ['To', `<${this.agentUri}>`], ['Call-ID', this.callId], ['CSeq', `${this.cseq} ${method}`], ['Contact', this.contact()], ['Max-Forwards', '70']],
      });
      return (await this.endpoint.authenticated(request, this.credentials).catch(() => undefined))?.response;
    }
    return this.endpoint.transaction(withBody(this.dialogRequest(method, this.dialog, this.cseq))).catch(() => undefined);
  }

  private async reinvite(body: OfferBody): Promise<void> {
    // Outside a dialog an INVITE is not a re-INVITE but another call: not this step.
    if (!this.dialog) return;
    const text = bodyText(body);
    const response = await this.inDialog('INVITE', text);
    if (!response || !this.dialog) return;
    const status = response.status ?? 0;
    if (status >= 200 && status < 300) {
      // A 2xx to a re-INVITE that had no offer carries the desk's: it is answered in the ACK.
      const ack = this.dialogRequest('ACK', dialogFrom(response, this.agentUri), response.cseq);
      const answer: RawRequest = text ? ack : { ...ack, headers: [...ack.headers, ['Content-Type', 'application/sdp']], body: ANSWER_SDP };
      await this.endpoint.send(this.endpoint.format(answer, newBranch()));
    } else {
      await this.endpoint.send(this.endpoint.format(this.dialogRequest('ACK', this.dialog, response.cseq), response.branch));
    }
  }

  private dialogRequest(method: string, dialog: Dialog, cseq: number): RawRequest {
    return {
      method,
      uri: dialog.remoteTarget,
      headers: [
        ...dialog.routes.map((route): SipHeader => ['Route', route]),
        ['From', this.fromHeader],
        ['To', dialog.toHeader],
        ['Call-ID', this.callId],
        ['CSeq', `${cseq} ${method}`],
        ['Contact', this.contact()],
        ['Max-Forwards', '70'],
      ],
    };
  }

  private onRequest(request: SipMessage): void {
    if (request.method === 'ACK') return;
    if (request.callId !== this.callId) {
      this.endpoint.reply(request, 481, 'Call/Transaction Does Not Exist');
      return;
    }
    if (request.method === 'BYE') this.ended = true;
    // A hold or resume from the desk: answer its offer with plain audio.
    if (request.method === 'INVITE' && request.body) {
      this.endpoint.reply(request, 200, 'OK', { headers: [['Contact', this.contact()], ['Content-Type', 'application/sdp']], body: ANSWER_SDP });
      return;
    }
    this.endpoint.reply(request, 200, 'OK', request.method === 'INVITE' ? { headers: [['Contact', this.contact()]] } : {});
  }

  private contact(): string {
    return `<sip:${this.offer.fromUser}@127.0.0.1:${this.endpoint.localPort}>`;
  }
}

function cseqOf(request: RawRequest): number {
  return Number(/^\s*(\d+)/.exec(request.headers.find(([name]) => /^cseq$/i.test(name))?.[1] ?? '')?.[1] ?? 0);
}

/** The dialog as a UAC sees it from a response: To with the tag, Contact, Record-Route reversed. */
function dialogFrom(response: SipMessage, fallbackTarget: string): Dialog {
  const contact = /<([^>]+)>/.exec(response.header('contact') ?? '')?.[1] ?? fallbackTarget;
  const routes = response
    .all('record-route')
    .flatMap((value) => value.split(/,(?=\s*<)/))
    .map((route) => route.trim())
    .reverse();
  return { toHeader: response.header('to') ?? '', remoteTarget: contact, routes };
}
