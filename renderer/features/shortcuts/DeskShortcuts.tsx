import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ariaKeyShortcuts } from './desk-shortcuts';
import { ShortcutHelp } from './ShortcutHelp';
import { ShortcutHint } from './ShortcutHint';
import { deskShortcutHandlers, useDeskShortcuts } from './use-desk-shortcuts';

/** The desk's keyboard: the shortcuts' listener, the way to their help, and the help itself. */
export function DeskShortcuts() {
  const { t } = useTranslation();
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const handlers = useMemo(() => deskShortcutHandlers(toggleHelp), [toggleHelp]);
  useDeskShortcuts(handlers);

  return (
    <>
      <div className="shortcut-bar">
        <button
          type="button"
          className="button button--small button--quiet"
          data-testid="shortcut-help-open"
          aria-haspopup="dialog"
          aria-expanded={helpOpen}
          aria-keyshortcuts={ariaKeyShortcuts('showShortcuts')}
          onClick={toggleHelp}
        >
          {t('shortcuts.open')} <ShortcutHint id="showShortcuts" />
        </button>
      </div>
      {helpOpen && <ShortcutHelp onClose={closeHelp} />}
    </>
  );
}
