import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeskLog } from '../../../main/log/desk-log';
import { logUncaught } from '../../../main/log/uncaught';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seatdesk-log-'));
  dirs.push(dir);
  return dir;
}

/** Everything written to the log folder, and the files it is in. */
function readBack(dir: string): { text: string; files: string[] } {
  const files = readdirSync(join(dir, 'logs')).map((name) => join(dir, 'logs', name));
  return { text: files.map((file) => readFileSync(file, 'utf8')).join(''), files };
}

const callId = '0190f3a2-7c3e-7abc-8def-012345678901';
const customer = { number: '13812345678', grouped: '138 1234 5678', name: '张三', quotedName: 'Zhang "Boss" San' };
const secrets = { sessionToken: 'tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0', password: 'pw1001-secret', sipPassword: 'c2lwLXBhc3N3b3Jk' };

describe('the desk log', () => {
  it('keeps call ids, states and error codes, and no customer number, name or secret', async () => {
    const dir = dataDir();
    const log = await openDeskLog(dir);

    log.logger.info(
      {
        callId,
        state: 'talking',
        call: { callId, remoteNumber: customer.number, remoteDisplayName: customer.name, endReason: 'remote-hangup' },
        wrapUp: { callId, customerName: customer.name, customerContact: customer.grouped, summary: `${customer.name}说宽带断了` },
        session: { token: secrets.sessionToken, sip: { authorizationPassword: secrets.sipPassword } },
        login: { agentId: '1001', password: secrets.password },
        headers: { authorization: `Bearer ${secrets.sessionToken}` },
      },
      `call ${callId} ended`,
    );
    const failure = Object.assign(
      new Error(`not a valid call: remoteDisplayName too long in From: "${customer.quotedName.replace(/"/g, '\\"')}" <sip:${customer.number}@pbx.example.com>;tag=9`),
      { code: 'invalid-record' },
    );
    log.logger.error({ err: failure, callId }, 'the call record could not be saved');
    log.logger.warn(`INVITE from ${customer.name} <sip:${customer.number}@pbx.example.com> dropped; call back +86 ${customer.grouped}`);
    await log.close();

    const { text, files } = readBack(dir);
    for (const leaked of [customer.number, customer.grouped, customer.name, 'Boss', secrets.sessionToken, secrets.password, secrets.sipPassword]) {
      expect(text).not.toContain(leaked);
    }
    expect(text).toContain(callId);
    expect(text).toContain('"state":"talking"');
    expect(text).toContain('"endReason":"remote-hangup"');
    expect(text).toContain('"code":"invalid-record"');
    expect(text).toContain('the call record could not be saved');
    expect(text).toContain('pbx.example.com');
    expect(text.trim().split('\n').map((line) => JSON.parse(line) as { level: string }).map((entry) => entry.level)).toEqual(['info', 'error', 'warn']);

    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/logs\/desk\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    expect(statSync(files[0]!).mode & 0o777).toBe(0o600);
  });

  it('takes what nothing caught, so the process goes on', async () => {
    const dir = dataDir();
    const log = await openDeskLog(dir);
    const uninstall = logUncaught(log);
    // Listening after the guard: by the time both fired, the guard has logged them.
    const bothFired = new Promise<void>((resolve) => {
      let fired = 0;
      const one = () => ++fired === 2 && resolve();
      process.once('uncaughtException', one);
      process.once('unhandledRejection', one);
    });
    try {
      setTimeout(() => {
        throw new Error(`ring timer failed for sip:${customer.number}@pbx`);
      }, 0);
      void Promise.reject(Object.assign(new Error('record save failed'), { code: 'invalid-record' }));
      await bothFired;
    } finally {
      uninstall();
    }
    await log.close();

    const entries = readBack(dir).text.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; err: { message: string; code?: string } });
    expect(entries.map((entry) => entry.msg).sort()).toEqual(['uncaught exception: the desk goes on', 'unhandled rejection: the desk goes on']);
    expect(entries.find((entry) => entry.msg.startsWith('unhandled'))!.err.code).toBe('invalid-record');
    expect(JSON.stringify(entries)).not.toContain(customer.number);
  });
});
