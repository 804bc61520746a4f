import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, type DeskSnapshot } from '../../../src/contract';
import { DeskError } from '../../../src/rpc';
import { keepFormSchema, toKeepPromise } from '../../../renderer/features/promises/keep-form';
import { callbackNumbers, placeCallback, promiseList } from '../../../renderer/features/promises/promise-list';
import { PromisesPanel } from '../../../renderer/features/promises/PromisesPanel';
import { snapshotAt } from './desk-snapshot-fixture';
import { MINUTE, ME, COLLEAGUE, NOW, promise, uuid } from './promise-fixtures';
import { fakeDesk, partsByTestId, renderStatic, textOf } from './render-static';

const LEAD = defaultPolicy.promiseRemindBeforeMs; // 15 min

function deskSnapshot(overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  return snapshotAt(NOW, {
    agent: ME,
    state: 'ready',
    policy: defaultPolicy,
    dispositions: [{ code: 'repair', label: { 'zh-CN': '报修', en: 'Repair' } }],
    ...overrides,
  });
}

const rowIds = (html: string) => partsByTestId(html, 'promise').map((row) => /data-promise-id="([^"]+)"/.exec(row)?.[1]);

describe('promiseList', () => {
  it('lists open promises soonest due first, kept ones apart, newest kept first', () => {
    const list = promiseList(
      [
        promise(1, { dueAt: NOW + 90 * MINUTE }),
        promise(2, { status: 'kept', kept: { at: NOW - 50 * MINUTE, note: 'done' } }),
        promise(3, { dueAt: NOW - 5 * MINUTE }),
        promise(4, { dueAt: NOW + 5 * MINUTE }),
        promise(5, { status: 'kept', kept: { at: NOW - 10 * MINUTE, note: 'done' } }),
      ],
      LEAD,
      NOW,
    );
    expect(list.open.map((row) => row.promise.id)).toEqual([uuid(3), uuid(4), uuid(1)]);
    expect(list.kept.map((kept) => kept.id)).toEqual([uuid(5), uuid(2)]);
    expect(list.counts).toEqual({ open: 3, overdue: 1 });
  });

  it('takes urgency at the exact boundaries: soon from due − lead, overdue from due', () => {
    const dueAt = NOW;
    const at = (now: number) => promiseList([promise(1, { dueAt })], LEAD, now).open[0]?.urgency;
    expect(at(dueAt - LEAD - 1)).toBe('later');
    expect(at(dueAt - LEAD)).toBe('soon');
    expect(at(dueAt - 1)).toBe('soon');
    expect(at(dueAt)).toBe('overdue');
    // A lead of 0 (policy: remind only when due): never soon.
    expect(promiseList([promise(1, { dueAt })], 0, dueAt - 1).open[0]?.urgency).toBe('later');
  });

  it('offers the call number and a different dialable contact for the callback', () => {
    expect(callbackNumbers({ remoteNumber: '13812345678', customerContact: '' })).toEqual(['13812345678']);
    expect(callbackNumbers({ remoteNumber: '13812345678', customerContact: '010-6543 2100' })).toEqual(['13812345678', '01065432100']);
    expect(callbackNumbers({ remoteNumber: '13812345678', customerContact: '138 1234 5678' })).toEqual(['13812345678']);
    expect(callbackNumbers({ remoteNumber: 'anonymous', customerContact: 'wang@example.com' })).toEqual([]);
  });

  it('calls back with the promise linked, and gives the refusal back', async () => {
    const { desk, calls } = fakeDesk({ dial: () => ({ callId: uuid(99) }) });
    expect(await placeCallback(desk, promise(7), '01065432100')).toBeNull();
    expect(calls).toEqual([{ method: 'dial', params: { number: '01065432100', promiseId: uuid(7) } }]);

    const refusing = fakeDesk({
      dial: () => {
        throw new DeskError('call-in-progress', 'busy');
      },
    });
    expect(await placeCallback(refusing.desk, promise(7), '13812345678')).toEqual({ code: 'call-in-progress', params: {} });
  });
});

describe('the keep form', () => {
  const validate = (note: string) => zodResolver(keepFormSchema)({ note }, undefined, { fields: {}, shouldUseNativeValidation: false });

  it('requires a note (blank is not one)', async () => {
    expect((await validate('')).errors.note?.message).toBe('noteRequired');
    expect((await validate('   ')).errors.note?.message).toBe('noteRequired');
    expect((await validate('x'.repeat(2_001))).errors.note?.message).toBe('noteTooLong');
    expect((await validate('已电话告知')).errors).toEqual({});
  });

  it('sends keepPromise with the promise and the trimmed note', () => {
    expect(toKeepPromise(uuid(3), { note: '  已电话告知结果 ' })).toEqual({ promiseId: uuid(3), note: '已电话告知结果' });
    expect(() => toKeepPromise(uuid(3), { note: ' ' })).toThrow();
  });

  it('has every message it can show in both languages', async () => {
    const { default: zh } = await import('../../../renderer/i18n/locales/zh-CN.json');
    const { default: en } = await import('../../../renderer/i18n/locales/en.json');
    for (const locale of [zh, en]) {
      expect(locale.promises.noteRequired).toBeTruthy();
      expect(locale.promises.noteTooLong).toBeTruthy();
    }
  });
});

describe('PromisesPanel', () => {
  const promises = [
    promise(1, { dueAt: NOW + 15 * MINUTE + 1, customerName: '后面' }), // later (a millisecond before the reminder)
    promise(2, { dueAt: NOW, customerName: '到点' }), // overdue at its due instant
    promise(3, { dueAt: NOW + 15 * MINUTE, customerName: '提醒点' }), // soon exactly at due − 15 min
    promise(4, { dueAt: NOW - 90 * MINUTE, customerName: '早过了', customerContact: '010-6543 2100', pendingSync: true }),
    promise(5, { dueAt: NOW + 22 * 60 * MINUTE, customerName: '明天' }),
    promise(6, { dueAt: NOW + 40 * MINUTE, customerName: '交接中', handingOver: { handoverId: uuid(77), to: COLLEAGUE } }),
    promise(7, { status: 'kept', dueAt: NOW - 60 * MINUTE, customerName: '已办', kept: { at: NOW - 25 * MINUTE, note: '已上门修好' } }),
  ];

  it('is the focus target of the shortcut, with the counts in its heading', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises })} now={NOW} />);
    expect(html).toMatch(/<section id="promises-panel" tabindex="-1"/);
    const [count] = partsByTestId(html, 'promises-count');
    expect(count).toContain('data-open="6"');
    expect(count).toContain('data-overdue="2"');
    expect(textOf(count ?? '')).toContain('未兑现 6 · 已逾期 2');
  });

  it('orders rows by due time and labels urgency in words, not colour alone', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises })} now={NOW} />);
    const [openList] = partsByTestId(html, 'promises-open');
    expect(rowIds(openList ?? '')).toEqual([uuid(4), uuid(2), uuid(3), uuid(1), uuid(6), uuid(5)]);

    const rows = Object.fromEntries(partsByTestId(html, 'promise').map((row) => [/data-promise-id="([^"]+)"/.exec(row)?.[1], row]));
    const overdue = rows[uuid(2)] ?? '';
    expect(overdue).toContain('data-urgency="overdue"');
    expect(overdue).toContain('promises__row--overdue');
    expect(textOf(overdue)).toContain('已逾期');
    expect(textOf(overdue)).toContain('10:00 到期');

    const soon = rows[uuid(3)] ?? '';
    expect(soon).toContain('data-urgency="soon"');
    expect(soon).toContain('promises__row--soon');
    expect(textOf(soon)).toContain('即将到期');
    expect(textOf(soon)).not.toContain('已逾期');

    const later = rows[uuid(1)] ?? '';
    expect(later).toContain('data-urgency="later"');
    expect(textOf(later)).not.toMatch(/即将到期|已逾期/);

    // The date shows when the due time is not today on the center's clock.
    expect(textOf(rows[uuid(5)] ?? '')).toContain('12-02 08:00 到期');
  });

  it('shows who, the number grouped for read-back, the disposition and the summary', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises })} now={NOW} />);
    const row = partsByTestId(html, 'promise').find((part) => part.includes(`data-promise-id="${uuid(2)}"`)) ?? '';
    expect(textOf(row)).toContain('到点');
    expect(textOf(row)).toContain('138 1234 5678');
    expect(textOf(row)).toContain('报修');
    expect(textOf(row)).toContain('宽带断线 2');
  });

  it('offers 回拨 (the call number and the contact) and 已兑现 on an open row, 待同步 while not on the server', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises })} now={NOW} />);
    const row = partsByTestId(html, 'promise').find((part) => part.includes(`data-promise-id="${uuid(4)}"`)) ?? '';
    const callbacks = partsByTestId(row, 'promise-callback');
    expect(callbacks.map((button) => /data-number="([^"]+)"/.exec(button)?.[1])).toEqual(['13812345678', '01065432100']);
    expect(callbacks.every((button) => !/disabled=""/.test(button.slice(0, button.indexOf('>'))))).toBe(true);
    expect(partsByTestId(row, 'promise-keep')).toHaveLength(1);
    expect(textOf(partsByTestId(row, 'promise-pending-sync')[0] ?? '')).toBe('待同步');
  });

  it('disables 回拨 when the desk cannot dial now (in a call, in wrap-up)', () => {
    for (const state of ['talking', 'wrapUp'] as const) {
      const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises: [promise(1)], state })} now={NOW} />);
      const [button] = partsByTestId(html, 'promise-callback');
      expect(button?.slice(0, button.indexOf('>'))).toContain('disabled=""');
    }
  });

  it('shows a promise being handed over as 交接中·待 X 接收, with no actions', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises })} now={NOW} />);
    const row = partsByTestId(html, 'promise').find((part) => part.includes(`data-promise-id="${uuid(6)}"`)) ?? '';
    expect(textOf(partsByTestId(row, 'promise-handing-over')[0] ?? '')).toBe('交接中·待 李强 接收');
    expect(row).not.toContain('data-testid="promise-callback"');
    expect(row).not.toContain('data-testid="promise-keep"');
    const toNextShift = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises: [promise(8, { handingOver: { handoverId: uuid(78), to: 'nextShift' } })] })} now={NOW} />);
    expect(textOf(partsByTestId(toNextShift, 'promise-handing-over')[0] ?? '')).toBe('交接中·待 下一班 接收');
  });

  it('lists kept-today promises in their own muted section, 已兑现 with the time, no actions', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises })} now={NOW} />);
    const [keptSection] = partsByTestId(html, 'promises-kept');
    expect(rowIds(keptSection ?? '')).toEqual([uuid(7)]);
    expect(textOf(partsByTestId(keptSection ?? '', 'promise-kept')[0] ?? '')).toBe('已兑现 09:35');
    expect(keptSection).not.toContain('data-testid="promise-callback"');
    expect(keptSection).not.toContain('data-testid="promise-keep"');
    expect(keptSection).not.toContain('已逾期');
    const [openList] = partsByTestId(html, 'promises-open');
    expect(openList).not.toContain(uuid(7));
  });

  it('says when nothing is open, in English too', () => {
    const html = renderStatic(<PromisesPanel snapshot={deskSnapshot()} now={NOW} />, { lng: 'en' });
    expect(textOf(partsByTestId(html, 'promises-empty')[0] ?? '')).toBe('No open promises');
    const overdue = renderStatic(<PromisesPanel snapshot={deskSnapshot({ promises: [promise(2, { dueAt: NOW })] })} now={NOW} />, { lng: 'en' });
    expect(textOf(partsByTestId(overdue, 'promise-urgency')[0] ?? '')).toBe('Overdue');
  });
});
