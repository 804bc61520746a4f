import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog's keyboard: focus moves into `dialog` (its first field), Tab stays inside,
 * Escape calls `onEscape`, and on close focus goes back to where the agent was.
 */
export function useModalFocus(dialog: RefObject<HTMLElement | null>, onEscape: () => void): void {
  const latestOnEscape = useRef(onEscape);
  latestOnEscape.current = onEscape;

  useEffect(() => {
    const before = document.activeElement;
    dialog.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true });
    };
  }, [dialog]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.isComposing) {
        event.preventDefault();
        latestOnEscape.current();
        return;
      }
      if (event.key !== 'Tab' || !dialog.current) return;
      const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const firstOne = focusable[0];
      const lastOne = focusable[focusable.length - 1];
      if (!firstOne || !lastOne) return;
      const inside = dialog.current.contains(document.activeElement);
      if (event.shiftKey && (!inside || document.activeElement === firstOne)) {
        event.preventDefault();
        lastOne.focus();
      } else if (!event.shiftKey && (!inside || document.activeElement === lastOne)) {
        event.preventDefault();
        firstOne.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog]);
}
