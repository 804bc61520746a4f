import { useEffect } from 'react';
import { keypadKeyForKeyboard, type KeypadKey } from './keypad-keys';

/** Elements where typing is text, not key presses: a digit typed into a form must not also send a tone. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** While `active`, digits, * and # typed on the keyboard press the keypad (outside text fields). */
export function useKeypadKeyboard(active: boolean, onPress: (key: KeypadKey) => void): void {
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return;
      const key = keypadKeyForKeyboard(event.key);
      if (!key) return;
      event.preventDefault();
      onPress(key);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active, onPress]);
}
