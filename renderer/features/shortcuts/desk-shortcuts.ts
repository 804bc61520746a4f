/**
 * The desk's keyboard shortcuts: one registry, read by the key handler, the hints on the buttons,
 * their `aria-keyshortcuts` and the help dialog, so none of them can tell a different story.
 *
 * Chords carry a modifier (Alt, or Ctrl for saving the wrap-up) so they work while the caret is
 * in a text field: agents type notes during the call. Keys are matched on `KeyboardEvent.code`,
 * the physical key, so a Chinese IME, another layout or macOS's ⌥ characters (Alt+A types "å")
 * change nothing. None of them is one Chromium or Electron keeps for itself (Ctrl+W/N/T/R, F5,
 * F11, F12, Alt+Left/Right, Alt+F4); Alt+D and Alt+F, which a full Chrome window gives its
 * address bar and menu, are the page's in the desk's app window and in Electron.
 */

export const SHORTCUT_IDS = [
  'answer',
  'reject',
  'hangup',
  'setReady',
  'setBusy',
  'hold',
  'mute',
  'transfer',
  'saveWrapUp',
  'openPromises',
  'searchHistory',
  'showShortcuts',
] as const;

export type ShortcutId = (typeof SHORTCUT_IDS)[number];

export interface Chord {
  /** `KeyboardEvent.code` of the key: the same whatever the layout or input method. */
  code?: string;
  /** `KeyboardEvent.key` values instead, for a character whose key differs between layouts ("?"). */
  keys?: readonly string[];
  alt?: boolean;
  ctrl?: boolean;
  /** Only outside text fields: a bare character is text inside one. */
  outsideText?: boolean;
}

export interface DeskShortcut {
  id: ShortcutId;
  /** The first chord is the one shown on the button; the help lists them all. */
  keys: readonly Chord[];
  /** i18n key of what the shortcut does (help dialog). */
  labelKey: string;
}

const alt = (code: string): Chord => ({ code, alt: true });

export const DESK_SHORTCUTS: readonly DeskShortcut[] = [
  { id: 'answer', keys: [alt('KeyA')], labelKey: 'shortcuts.actions.answer' },
  { id: 'reject', keys: [alt('KeyD')], labelKey: 'shortcuts.actions.reject' },
  { id: 'hangup', keys: [alt('KeyH')], labelKey: 'shortcuts.actions.hangup' },
  { id: 'setReady', keys: [alt('KeyR')], labelKey: 'shortcuts.actions.setReady' },
  { id: 'setBusy', keys: [alt('KeyB')], labelKey: 'shortcuts.actions.setBusy' },
  { id: 'hold', keys: [alt('KeyO')], labelKey: 'shortcuts.actions.hold' },
  { id: 'mute', keys: [alt('KeyM')], labelKey: 'shortcuts.actions.mute' },
  { id: 'transfer', keys: [alt('KeyT')], labelKey: 'shortcuts.actions.transfer' },
  { id: 'saveWrapUp', keys: [{ code: 'Enter', ctrl: true }, { code: 'NumpadEnter', ctrl: true }, alt('KeyS')], labelKey: 'shortcuts.actions.saveWrapUp' },
  { id: 'openPromises', keys: [alt('KeyP')], labelKey: 'shortcuts.actions.openPromises' },
  { id: 'searchHistory', keys: [alt('KeyF')], labelKey: 'shortcuts.actions.searchHistory' },
  // "?" is Shift+/ on a US keyboard but elsewhere on others: matched by the character it types.
  { id: 'showShortcuts', keys: [alt('Slash'), { keys: ['?', '？'], outsideText: true }], labelKey: 'shortcuts.actions.showShortcuts' },
];

/** The part of a KeyboardEvent the registry looks at (a plain object in tests). */
export interface KeyEventLike {
  code: string;
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  /** 229 while an input method is composing, in browsers that do not set isComposing on every event. */
  keyCode?: number;
  getModifierState?(key: string): boolean;
}

function matches(chord: Chord, event: KeyEventLike, inTextField: boolean): boolean {
  if (chord.outsideText && inTextField) return false;
  if (chord.keys) {
    // A character chord: Shift may be what types it; no other modifier may be held.
    return !event.altKey && !event.ctrlKey && !event.metaKey && chord.keys.includes(event.key);
  }
  return event.code === chord.code && event.altKey === (chord.alt ?? false) && event.ctrlKey === (chord.ctrl ?? false) && !event.shiftKey && !event.metaKey;
}

/**
 * Which shortcut `event` is, or null. Nothing while an input method composes (its keys are the
 * agent's Chinese being typed), on auto-repeat (holding Alt+O must not toggle hold on and off),
 * or with AltGr held (Ctrl+Alt on Windows, AltGraph elsewhere: it types characters such as "ą").
 */
export function shortcutFor(event: KeyEventLike, inTextField = false): ShortcutId | null {
  if (event.isComposing || event.keyCode === 229 || event.repeat) return null;
  if (event.getModifierState?.('AltGraph')) return null;
  for (const shortcut of DESK_SHORTCUTS) {
    if (shortcut.keys.some((chord) => matches(chord, event, inTextField))) return shortcut.id;
  }
  return null;
}

export function shortcutById(id: ShortcutId): DeskShortcut {
  const shortcut = DESK_SHORTCUTS.find((entry) => entry.id === id);
  if (!shortcut) throw new Error(`no shortcut ${id}`);
  return shortcut;
}

const KEY_NAMES: Record<string, string> = { Enter: 'Enter', NumpadEnter: 'Enter', Slash: '/', Escape: 'Esc', Space: 'Space' };

function keyName(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  return KEY_NAMES[code] ?? code;
}

function parts(chord: Chord, ctrlName: string): string[] {
  if (chord.keys) return [chord.keys[0]!];
  return [...(chord.ctrl ? [ctrlName] : []), ...(chord.alt ? ['Alt'] : []), keyName(chord.code ?? '')];
}

/** How a chord is shown to the agent: "Alt+A", "Ctrl+Enter", "?". */
export function chordLabel(chord: Chord): string {
  return parts(chord, 'Ctrl').join('+');
}

/** The chords shown for a shortcut, without repeats (Enter and the keypad's Enter look the same). */
export function shortcutLabels(id: ShortcutId): string[] {
  return [...new Set(shortcutById(id).keys.map(chordLabel))];
}

/** The `aria-keyshortcuts` value (WAI-ARIA names: "Control", space between alternatives). */
export function ariaKeyShortcuts(id: ShortcutId): string {
  return [...new Set(shortcutById(id).keys.map((chord) => parts(chord, 'Control').join('+')))].join(' ');
}
