import { Fragment, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalFocus } from '../../shared/use-modal-focus';
import { DESK_SHORTCUTS, shortcutLabels } from './desk-shortcuts';

/**
 * Every shortcut, from the registry. A modal dialog: focus moves in, Tab stays inside, Escape
 * (or the close button) closes it and gives focus back to where the agent was.
 */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLElement>(null);
  // Focus goes to the close button, the dialog's first control.
  useModalFocus(dialog, onClose);

  return (
    <div className="overlay" onClick={onClose}>
      <section
        ref={dialog}
        className="shortcut-help card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        aria-describedby="shortcut-help-intro"
        data-testid="shortcut-help"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="shortcut-help__head">
          <h2 id="shortcut-help-title">{t('shortcuts.title')}</h2>
          <button type="button" className="button button--small button--quiet" data-testid="shortcut-help-close" onClick={onClose}>
            {t('shortcuts.close')} <kbd className="kbd" aria-hidden="true">Esc</kbd>
          </button>
        </div>
        <p id="shortcut-help-intro" className="muted">
          {t('shortcuts.intro')}
        </p>
        <table className="shortcut-help__table">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.action')}</th>
              <th scope="col">{t('shortcuts.keys')}</th>
            </tr>
          </thead>
          <tbody>
            {DESK_SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.id} data-testid="shortcut-help-row" data-shortcut-id={shortcut.id}>
                <td>{t(shortcut.labelKey)}</td>
                <td>
                  {shortcutLabels(shortcut.id).map((label, index) => (
                    <Fragment key={label}>
                      {index > 0 && <span className="muted"> {t('shortcuts.or')} </span>}
                      <kbd className="kbd">{label}</kbd>
                    </Fragment>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
