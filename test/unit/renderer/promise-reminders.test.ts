import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { isReminderNotice, watchReminderNotices, type ReminderKind } from '../../../renderer/features/promises/promise-reminders';
import { resources } from '../../../renderer/i18n/i18n';
import { noticeKey, noticeText } from '../../../renderer/i18n/notice-text';
import { createDeskStore } from '../../../renderer/state/desk-store';
import { i18nOptions } from '../../../src/i18n/languages';
import { NOW } from './promise-fixtures';

const reminder = (code: 'promise-soon' | 'promise-due', number = '13812345678') => ({ level: 'warning' as const, code, params: { customer: '王先生', number, dueAt: NOW } });

function watch(store = createDeskStore()) {
  const chimes: ReminderKind[] = [];
  const notified: string[] = [];
  const stop = watchReminderNotices(store, { chime: (kind) => chimes.push(kind), notify: (notice) => notified.push(notice.code) });
  return { store, chimes, notified, stop };
}

describe('promise reminders in the page', () => {
  it('chimes once per reminder notice: soon and due, nothing for other notices', () => {
    const { store, chimes, notified } = watch();
    store.getState().pushNotice(reminder('promise-soon'));
    expect(chimes).toEqual(['soon']);
    store.getState().pushNotice({ level: 'info', code: 'wrap-up-saved' });
    store.getState().pushNotice(reminder('promise-due'));
    expect(chimes).toEqual(['soon', 'due']);
    expect(notified).toEqual(['promise-soon', 'promise-due']);
  });

  it('does not chime again when the store changes otherwise, a toast is dismissed or the watcher restarts', () => {
    const { store, chimes, stop } = watch();
    const id = store.getState().pushNotice(reminder('promise-due'));
    store.getState().connectionOpened('websocket');
    stop();
    // Restarted (a remount) while the toast still shows: it was sounded already.
    const again = watch(store);
    store.getState().dismissNotice(id);
    expect(chimes).toEqual(['due']);
    expect(again.chimes).toEqual([]);
    store.getState().pushNotice(reminder('promise-due', '13900001111'));
    expect(again.chimes).toEqual(['due']);
  });

  it('sounds a reminder that arrived before the desk screen started watching, once', () => {
    const store = createDeskStore();
    store.getState().pushNotice(reminder('promise-soon'));
    const first = watch(store);
    expect(first.chimes).toEqual(['soon']);
    first.stop();
    expect(watch(store).chimes).toEqual([]);
  });

  it('stops when unsubscribed', () => {
    const { store, chimes, stop } = watch();
    stop();
    store.getState().pushNotice(reminder('promise-soon'));
    expect(chimes).toEqual([]);
  });

  it('knows only the two reminder codes', () => {
    expect(isReminderNotice({ code: 'promise-soon' })).toBe(true);
    expect(isReminderNotice({ code: 'promise-due' })).toBe(true);
    expect(isReminderNotice({ code: 'handover-incoming' })).toBe(false);
    expect(isReminderNotice({ code: 'toString' })).toBe(false);
  });
});

describe('the notice texts of promises and handovers', () => {
  const t = (lng: 'zh-CN' | 'en') => {
    const i18n = createInstance();
    void i18n.init(i18nOptions(resources, lng));
    return i18n.t;
  };

  it('has its own sentence for every new code', () => {
    for (const code of ['promise-soon', 'promise-due', 'handover-incoming', 'handover-accepted', 'unknown-promise', 'promise-kept', 'unknown-colleague', 'unknown-item', 'item-in-handover', 'not-addressee', 'unknown-handover']) {
      expect(noticeKey(code)).toBe(`notice.${code}`);
    }
  });

  it('shows the due time on the center clock, dated when it is not today', () => {
    const zone = { utcOffsetMinutes: 480, now: NOW };
    expect(noticeText(t('zh-CN'), 'promise-soon', reminder('promise-soon').params, zone)).toBe('承诺即将到期：10:00 前回复 王先生（13812345678）');
    expect(noticeText(t('en'), 'promise-due', { ...reminder('promise-due').params, dueAt: NOW - 24 * 3_600_000 }, zone)).toBe(
      'Promise due now: 王先生 (13812345678) was promised a reply by 11-30 10:00',
    );
    // A due time main already wrote out is shown as sent.
    expect(noticeText(t('zh-CN'), 'promise-due', { customer: '王先生', number: '138', dueAt: '16:30' }, zone)).toContain('约定 16:30 回复');
  });

  it('names who accepted a handover first, and who handed one over', () => {
    expect(noticeText(t('zh-CN'), 'handover-accepted', { by: '李强' })).toBe('该交接已被 李强 接收');
    expect(noticeText(t('zh-CN'), 'handover-accepted')).toBe('该交接已被接收');
    expect(noticeText(t('en'), 'handover-accepted', { by: 'Li Qiang' })).toBe('This handover was accepted by Li Qiang');
    expect(noticeText(t('zh-CN'), 'handover-incoming', { from: '李强', count: 3 })).toBe('李强 向您交接了 3 项工作，请查看并接收');
  });
});
