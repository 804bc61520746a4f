import { systemClock } from '../../src/domain/clock';
import { NO_AUDIO, type AudioStats } from './audio-stats';
import { loadCallerConfig } from './caller-config';
import { CallerPhone } from './caller-phone';
import type { CallState, LabCallerApi } from './lab-caller-api';

const STATE_LABELS: Record<CallState, string> = {
  idle: '空闲 Idle',
  calling: '呼叫中 Calling',
  ringing: '振铃 Ringing',
  established: '通话中 Connected',
  terminated: '已结束 Ended',
};
const STATS_INTERVAL_MS = 1000;

function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`caller page is missing #${id}`);
  return element;
}

const ui = {
  registration: byId('registration', HTMLParagraphElement),
  callerNumber: byId('caller-number', HTMLOutputElement),
  displayName: byId('display-name', HTMLInputElement),
  target: byId('target', HTMLInputElement),
  autoAnswer: byId('auto-answer', HTMLInputElement),
  call: byId('call', HTMLButtonElement),
  answer: byId('answer', HTMLButtonElement),
  hangup: byId('hangup', HTMLButtonElement),
  callState: byId('call-state', HTMLElement),
  statusCode: byId('status-code', HTMLElement),
  remoteParty: byId('remote-party', HTMLElement),
  transferredTo: byId('transferred-to', HTMLElement),
  inboundBytes: byId('inbound-bytes', HTMLElement),
  outboundBytes: byId('outbound-bytes', HTMLElement),
  message: byId('message', HTMLParagraphElement),
  remoteAudio: byId('remote-audio', HTMLAudioElement),
};

let phone: CallerPhone | undefined;
let autoAnswer = false;

const ready = (async () => {
  const config = await loadCallerConfig();
  ui.callerNumber.value = config.user;
  ui.displayName.value = config.displayName;
  phone = new CallerPhone(config, ui.remoteAudio);
  phone.setAutoAnswer(autoAnswer);
  phone.onChange(render);
  await phone.register();
  setRegistration('ok', `已注册 ${config.user}@${config.domain}`, 'Registered');
  render();
})();
ready.catch((error: unknown) => setRegistration('error', `注册失败 ${errorText(error)}`, 'Registration failed'));

function readyPhone(): CallerPhone {
  if (!phone) throw new Error('caller page is not ready');
  return phone;
}

window.labCaller = {
  ready,
  call: async (target, opts) => {
    await ready;
    await readyPhone().call(target, opts?.displayName ?? ui.displayName.value);
  },
  hangup: async () => {
    await ready;
    await readyPhone().hangup();
  },
  state: () => phone?.state ?? 'idle',
  lastStatusCode: () => phone?.lastStatusCode ?? null,
  transferredTo: () => phone?.transferredTo ?? null,
  remoteParty: () => phone?.remoteParty ?? null,
  audioStats: () => phone?.audioStats() ?? Promise.resolve(NO_AUDIO),
  remoteSdp: () => phone?.remoteSdp ?? null,
  pressKeys: (keys) => readyPhone().pressKeys(keys),
  sendTone: (frequencyHz) => readyPhone().sendTone(frequencyHz),
  toneLevel: (frequencyHz) => phone?.toneLevel(frequencyHz) ?? Promise.resolve(0),
  autoAnswer: (enabled) => {
    autoAnswer = enabled;
    ui.autoAnswer.checked = enabled;
    phone?.setAutoAnswer(enabled);
  },
} satisfies LabCallerApi;

ui.call.addEventListener('click', () => act(() => window.labCaller.call(ui.target.value, { displayName: ui.displayName.value })));
ui.answer.addEventListener('click', () => act(() => readyPhone().answer()));
ui.hangup.addEventListener('click', () => act(() => window.labCaller.hangup()));
ui.autoAnswer.addEventListener('change', () => window.labCaller.autoAnswer(ui.autoAnswer.checked));

function act(action: () => Promise<void>): void {
  ui.message.textContent = '';
  action().catch((error: unknown) => (ui.message.textContent = errorText(error)));
}

function render(): void {
  const state = phone?.state ?? 'idle';
  const inCall = state === 'calling' || state === 'ringing' || state === 'established';
  ui.callState.textContent = STATE_LABELS[state];
  ui.callState.dataset.state = state;
  ui.statusCode.textContent = String(phone?.lastStatusCode ?? '—');
  ui.remoteParty.textContent = phone?.remoteParty ?? '—';
  ui.transferredTo.textContent = phone?.transferredTo ?? '—';
  if (phone?.lastError) ui.message.textContent = phone.lastError;
  ui.call.disabled = !phone || inCall;
  ui.answer.disabled = !phone?.hasIncomingCall;
  ui.hangup.disabled = !inCall;
}

function renderStats(stats: AudioStats): void {
  ui.inboundBytes.textContent = formatBytes(stats.inboundAudioBytes);
  ui.outboundBytes.textContent = formatBytes(stats.outboundAudioBytes);
}

function pollStats(): void {
  window.labCaller
    .audioStats()
    .then(renderStats)
    .catch(() => undefined)
    .finally(() => systemClock.setTimeout(pollStats, STATS_INTERVAL_MS));
}

function setRegistration(status: 'ok' | 'error', chinese: string, english: string): void {
  ui.registration.dataset.status = status;
  ui.registration.replaceChildren(`${chinese} `, Object.assign(document.createElement('span'), { className: 'en', textContent: english }));
}

function formatBytes(bytes: number): string {
  return bytes < 10_000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

render();
pollStats();
