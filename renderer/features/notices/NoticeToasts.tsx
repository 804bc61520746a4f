import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPolicy } from '../../../src/contract';
import { noticeText } from '../../i18n/notice-text';
import { deskNow } from '../../state/desk-slice';
import { deskStore, useDeskStore } from '../../state/desk-store';
import type { QueuedNotice } from '../../state/notices-slice';

const VISIBLE_MS = { info: 5_000, warning: 8_000, error: 10_000 } as const;

// Memoised: it takes no props, so App's renders pass it by; it follows the store itself.
export const NoticeToasts = memo(function NoticeToasts() {
  const notices = useDeskStore((state) => state.notices);
  return (
    <div className="toasts" aria-live="polite">
      {notices.map((notice) => (
        <NoticeToast key={notice.id} notice={notice} />
      ))}
    </div>
  );
});

function NoticeToast({ notice }: { notice: QueuedNotice }) {
  const { t } = useTranslation();
  const utcOffsetMinutes = useDeskStore((state) => state.desk.snapshot?.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes);
  // A promise reminder's due time on the center's clock, dated as of when the toast appeared.
  const [shownAt] = useState(() => deskNow(deskStore.getState().desk, performance.now()));
  useEffect(() => {
    const timer = setTimeout(() => deskStore.getState().dismissNotice(notice.id), VISIBLE_MS[notice.level]);
    return () => clearTimeout(timer);
  }, [notice.id, notice.level]);
  return (
    <div className={`toast toast--${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice" data-code={notice.code}>
      <span>{noticeText(t, notice.code, notice.params, { utcOffsetMinutes, now: shownAt })}</span>
      <button type="button" className="toast__close" aria-label={t('notice.dismiss')} onClick={() => deskStore.getState().dismissNotice(notice.id)}>
        ×
      </button>
    </div>
  );
}
