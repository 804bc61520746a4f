import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutId } from './desk-shortcuts';
import { focusElement, focusShortcutField, isTextEntry, pressShortcutButton, shortcutFieldElement } from './shortcut-targets';

/** What a shortcut does; it returns false (or nothing happens) when its action is not available now. */
export type ShortcutHandlers = Partial<Record<ShortcutId, () => boolean>>;

/**
 * One keydown listener on the window for the whole desk. Listening in the capture phase, so a
 * field that handles its own keys (a select, the keypad) cannot swallow a shortcut. A chord that
 * is a shortcut is always taken from the page (so Alt+A never types "å" into the notes on macOS),
 * whether or not its action is available now.
 */
export function useDeskShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const id = shortcutFor(event, isTextEntry(event.target));
      if (!id) return;
      const handler = latest.current[id];
      if (!handler) return;
      event.preventDefault();
      event.stopPropagation();
      handler();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}

const press = (id: ShortcutId) => () => pressShortcutButton(id);

/**
 * The desk's actions, each through the element the agent would use (see shortcut-targets.ts).
 * `toggleHelp` is the help dialog's, the one piece of state a shortcut owns.
 */
export function deskShortcutHandlers(toggleHelp: () => void): Required<ShortcutHandlers> {
  return {
    answer: press('answer'),
    reject: press('reject'),
    // The primary way to end the call: with the survey in conversation (rule 4), else hang up/cancel.
    hangup: press('hangup'),
    setReady: press('setReady'),
    // First the reason (arrows choose), then Alt+B again, or Enter, sets busy with it.
    setBusy: () => {
      const reason = shortcutFieldElement('setBusy');
      if (reason && document.activeElement === reason) return pressShortcutButton('setBusy');
      if (reason) {
        focusElement(reason);
        return true;
      }
      return pressShortcutButton('setBusy');
    },
    hold: press('hold'),
    mute: press('mute'),
    // An open transfer panel: to its search; a closed one opens (and its search takes the caret).
    transfer: () => focusShortcutField('transfer') || pressShortcutButton('transfer'),
    saveWrapUp: press('saveWrapUp'),
    openPromises: () => {
      const panel = document.getElementById('promises-panel');
      if (!panel) return false;
      focusElement(panel);
      return true;
    },
    searchHistory: () => focusShortcutField('searchHistory'),
    showShortcuts: () => {
      toggleHelp();
      return true;
    },
  };
}
