import type { DeskStore } from '../../state/desk-store';
import type { QueuedNotice } from '../../state/notices-slice';

/** The notices main pushes when a promise's reminder falls due (src/domain/promise-reminders.ts). */
export const REMINDER_NOTICE_CODES = { 'promise-soon': 'soon', 'promise-due': 'due' } as const;
export type ReminderNoticeCode = keyof typeof REMINDER_NOTICE_CODES;
export type ReminderKind = (typeof REMINDER_NOTICE_CODES)[ReminderNoticeCode];

export function isReminderNotice(notice: Pick<QueuedNotice, 'code'>): notice is QueuedNotice & { code: ReminderNoticeCode } {
  return Object.hasOwn(REMINDER_NOTICE_CODES, notice.code);
}

export interface ReminderHandlers {
  /** A short chime (the desk's one sound helper). */
  chime(kind: ReminderKind): void;
  /** Whatever else the page does for it (an OS notification in the browser shell). */
  notify(notice: QueuedNotice & { code: ReminderNoticeCode }): void;
}

/**
 * The newest notice id already handled, per store: main gives each reminder once, and so does the
 * page, however often the watcher is (re)started (a remount, a language switch) or the store changes.
 */
const handledUpTo = new WeakMap<DeskStore, number>();

/**
 * Sounds each reminder notice once, as it arrives in the store (and those already queued when the
 * watcher starts, unless handled before). Returns the unsubscribe function.
 */
export function watchReminderNotices(store: DeskStore, handlers: ReminderHandlers): () => void {
  const handle = (notices: readonly QueuedNotice[]) => {
    const before = handledUpTo.get(store) ?? 0;
    const fresh = notices.filter((notice) => notice.id > before);
    if (fresh.length === 0) return;
    handledUpTo.set(store, Math.max(before, ...fresh.map((notice) => notice.id)));
    for (const notice of fresh) {
      if (!isReminderNotice(notice)) continue;
      handlers.chime(REMINDER_NOTICE_CODES[notice.code]);
      handlers.notify(notice);
    }
  };
  handle(store.getState().notices);
  return store.subscribe((state, previous) => {
    if (state.notices !== previous.notices) handle(state.notices);
  });
}
