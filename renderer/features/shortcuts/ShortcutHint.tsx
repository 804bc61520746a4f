import { shortcutLabels, type ShortcutId } from './desk-shortcuts';

/**
 * The chord shown on a button ("接听 Alt+A"). Hidden from screen readers: they read the button's
 * `aria-keyshortcuts` instead, and the button's name stays its action.
 */
export function ShortcutHint({ id }: { id: ShortcutId }) {
  return (
    <kbd className="kbd" aria-hidden="true" data-testid="shortcut-hint" data-shortcut-hint={id}>
      {shortcutLabels(id)[0]}
    </kbd>
  );
}
