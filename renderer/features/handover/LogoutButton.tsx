import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSnapshot } from '../../../src/contract';
import { useDeskServices } from '../../shared/desk-services';
import { useDeskCommand } from '../../shared/use-desk-command';
import { HandoverDialog } from './HandoverDialog';
import { needsHandover } from './handover-form';

/**
 * 退出: with open promises or tickets left, the shift handover comes first (DOMAIN.md rule 7);
 * with nothing open, the agent logs out at once.
 */
export function LogoutButton({ snapshot, now }: { snapshot: DeskSnapshot; now: number }) {
  const { t } = useTranslation();
  const { desk } = useDeskServices();
  const run = useDeskCommand();
  const [handingOver, setHandingOver] = useState(false);

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        data-testid="logout"
        aria-haspopup={needsHandover(snapshot) ? 'dialog' : undefined}
        onClick={() => {
          if (needsHandover(snapshot)) setHandingOver(true);
          else void run(() => desk.logout(null));
        }}
      >
        {t('status.logout')}
      </button>
      {handingOver && <HandoverDialog snapshot={snapshot} now={now} desk={desk} onCancel={() => setHandingOver(false)} />}
    </>
  );
}
