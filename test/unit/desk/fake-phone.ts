import type { Phone } from '../../../main/desk/desk';
import type { SipProvision } from '../../../src/contract/sync';

type PhoneMethod = keyof Phone;

/**
 * A recording Phone: the seam between the desk and its softphone. It writes down what the desk
 * asked of the phone and fails a method when the test says so; the test plays the phone's side
 * (offers, answers, hang-ups) through the SoftphoneEvents the desk gave it.
 */
export class FakePhone implements Phone {
  readonly requests: Array<{ method: PhoneMethod; args: unknown[] }> = [];
  /** Methods that fail (reject, or throw for the synchronous dial) with this error. */
  readonly failing = new Map<PhoneMethod, Error>();

  /** The requests of one method, as argument lists. */
  asked(method: PhoneMethod): unknown[][] {
    return this.requests.filter((request) => request.method === method).map((request) => request.args);
  }

  start = () => this.call('start');
  unregister = () => this.call('unregister');
  stop = () => this.call('stop');
  ring = (callId: string) => this.call('ring', callId);
  answer = (callId: string) => this.call('answer', callId);
  reject = (callId: string, statusCode: number) => this.call('reject', callId, statusCode);
  hangup = (callId: string) => this.call('hangup', callId);
  hold = (callId: string, held: boolean) => this.call('hold', callId, held);
  mute = (callId: string, muted: boolean) => this.call('mute', callId, muted);
  transfer = (callId: string, target: string, uriParams?: Record<string, string>) => this.call('transfer', callId, target, uriParams);
  completeTransfer = (callId: string, consultCallId: string) => this.call('completeTransfer', callId, consultCallId);
  conference = (callIds: string[]) => this.call('conference', callIds);
  renewCredentials = (sip: SipProvision) => this.call('renewCredentials', sip);

  async sendDtmf(callId: string, tones: string, mode: 'rfc4733' | 'info'): Promise<'rfc4733' | 'info'> {
    await this.call('sendDtmf', callId, tones, mode);
    return mode;
  }

  dial(callId: string, target: string): void {
    this.requests.push({ method: 'dial', args: [callId, target] });
    const failure = this.failing.get('dial');
    if (failure) throw failure;
  }

  private async call(method: PhoneMethod, ...args: unknown[]): Promise<void> {
    this.requests.push({ method, args });
    const failure = this.failing.get(method);
    if (failure) throw failure;
  }
}
