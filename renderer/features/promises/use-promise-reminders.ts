import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPolicy } from '../../../src/contract';
import { noticeText } from '../../i18n/notice-text';
import { useDeskServices } from '../../shared/desk-services';
import { showOsNotification } from '../../shared/os-notification';
import { deskNow } from '../../state/desk-slice';
import { deskStore } from '../../state/desk-store';
import { watchReminderNotices } from './promise-reminders';

/**
 * A promise's reminder (首问责任制, DOMAIN.md rule 3): main pushes the notice, whose toast says it;
 * here a short chime, and in the browser shell an OS notification. Under Electron, main raises the
 * OS notification itself, so the page does not raise a second one.
 */
export function usePromiseReminders(): void {
  const { t } = useTranslation();
  const { sounds } = useDeskServices();
  const latestT = useRef(t);
  latestT.current = t;

  useEffect(
    () =>
      watchReminderNotices(deskStore, {
        // The busy chime's two patterns: the gentle one before the time, the insistent one when due.
        chime: (kind) => void sounds.busyChime.play(kind === 'soon' ? 'warning' : 'overLimit'),
        notify: (notice) => {
          const state = deskStore.getState();
          if (state.connection.carrier !== 'websocket') return;
          const zone = {
            utcOffsetMinutes: state.desk.snapshot?.policy?.shift.utcOffsetMinutes ?? defaultPolicy.shift.utcOffsetMinutes,
            now: deskNow(state.desk, performance.now()),
          };
          const text = latestT.current;
          showOsNotification(text(`promises.notify.${notice.code}`), noticeText(text, notice.code, notice.params, zone), `seatdesk-${notice.code}-${String(notice.params?.dueAt ?? '')}-${String(notice.params?.number ?? '')}`);
        },
      }),
    [sounds],
  );
}
