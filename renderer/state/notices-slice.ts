import type { StateCreator } from 'zustand/vanilla';
import type { DeskNotice } from '../../src/contract';

export interface QueuedNotice extends DeskNotice {
  /** Local key for React lists and dismissal. */
  id: number;
}

export const MAX_NOTICES = 4;

export interface NoticesSlice {
  notices: QueuedNotice[];
  nextNoticeId: number;
  /** Queues a notice for a toast; only the newest few stay so a burst cannot bury the screen. */
  pushNotice(notice: DeskNotice): number;
  dismissNotice(id: number): void;
}

export const createNoticesSlice: StateCreator<NoticesSlice, [], [], NoticesSlice> = (set, get) => ({
  notices: [],
  nextNoticeId: 1,
  pushNotice(notice) {
    const id = get().nextNoticeId;
    set((state) => ({
      nextNoticeId: id + 1,
      notices: [...state.notices, { ...notice, id }].slice(-MAX_NOTICES),
    }));
    return id;
  },
  dismissNotice(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
});
