import { ariaKeyShortcuts, type ShortcutId } from './desk-shortcuts';

/**
 * A shortcut acts through the very element the agent would use: the button it presses carries
 * `data-shortcut`, the field it focuses `data-shortcut-focus`. So the shortcut does what the button
 * does, by the button's own handler, and is unavailable exactly when the button is (absent or disabled).
 */

/** Props for the button a shortcut presses. */
export function shortcutButton(id: ShortcutId) {
  return { 'data-shortcut': id, 'aria-keyshortcuts': ariaKeyShortcuts(id) } as const;
}

/** Props for the field a shortcut moves the caret to. */
export function shortcutField(id: ShortcutId) {
  return { 'data-shortcut-focus': id, 'aria-keyshortcuts': ariaKeyShortcuts(id) } as const;
}

function usable(element: Element): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false;
  if ((element as HTMLButtonElement).disabled || element.closest('fieldset:disabled')) return false;
  return element.getClientRects().length > 0;
}

function first(selector: string): HTMLElement | null {
  return [...document.querySelectorAll(selector)].find(usable) ?? null;
}

export function shortcutButtonElement(id: ShortcutId): HTMLElement | null {
  return first(`[data-shortcut="${id}"]`);
}

export function shortcutFieldElement(id: ShortcutId): HTMLElement | null {
  return first(`[data-shortcut-focus="${id}"]`);
}

/** Clicks the enabled button of `id`; false when there is none (the action is not available now). */
export function pressShortcutButton(id: ShortcutId): boolean {
  const button = shortcutButtonElement(id);
  if (!button) return false;
  button.click();
  return true;
}

export function focusElement(element: HTMLElement): void {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest' });
}

/** Focuses the field of `id`; false when there is none. */
export function focusShortcutField(id: ShortcutId): boolean {
  const field = shortcutFieldElement(id);
  if (!field) return false;
  focusElement(field);
  return true;
}

/** Elements where typing is text: a bare character there is the agent's writing, not a command. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
}
