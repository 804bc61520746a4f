import { describe, expect, it } from 'vitest';
import en from '../../../renderer/i18n/locales/en.json';
import zhCN from '../../../renderer/i18n/locales/zh-CN.json';
import {
  ariaKeyShortcuts,
  chordLabel,
  DESK_SHORTCUTS,
  SHORTCUT_IDS,
  shortcutFor,
  shortcutLabels,
  type KeyEventLike,
  type ShortcutId,
} from '../../../renderer/features/shortcuts/desk-shortcuts';

/** A keydown as the browser reports it: `code` the physical key, `key` what it types on this layout. */
function key(code: string, options: Partial<KeyEventLike> = {}): KeyEventLike {
  const letter = /^Key([A-Z])$/.exec(code)?.[1]?.toLowerCase();
  return { code, key: letter ?? code, altKey: false, ctrlKey: false, shiftKey: false, metaKey: false, ...options };
}
const altKey = (code: string, options: Partial<KeyEventLike> = {}) => key(code, { altKey: true, ...options });

describe('desk shortcuts registry', () => {
  it('has one entry per action, each with a chord and a label in both languages', () => {
    expect(DESK_SHORTCUTS.map((shortcut) => shortcut.id)).toEqual([...SHORTCUT_IDS]);
    const lookUp = (messages: unknown, path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    for (const shortcut of DESK_SHORTCUTS) {
      expect(shortcut.keys.length).toBeGreaterThan(0);
      expect(typeof lookUp(zhCN, shortcut.labelKey), shortcut.labelKey).toBe('string');
      expect(typeof lookUp(en, shortcut.labelKey), shortcut.labelKey).toBe('string');
    }
  });

  it('gives no two shortcuts the same chord', () => {
    const seen = new Map<string, ShortcutId>();
    for (const shortcut of DESK_SHORTCUTS) {
      for (const chord of shortcut.keys) {
        const name = JSON.stringify(chord);
        expect(seen.get(name), `${shortcut.id} and ${seen.get(name)} share ${name}`).toBeUndefined();
        seen.set(name, shortcut.id);
      }
    }
  });

  it('keeps off the chords Chromium and Electron take for themselves', () => {
    const reserved = [
      key('KeyW', { ctrlKey: true }),
      key('KeyN', { ctrlKey: true }),
      key('KeyT', { ctrlKey: true }),
      key('KeyR', { ctrlKey: true }),
      key('KeyL', { ctrlKey: true }),
      key('F4', { altKey: true }),
      altKey('ArrowLeft'),
      altKey('ArrowRight'),
      key('F5'),
      key('F11'),
      key('F12'),
      key('Tab'),
      key('Escape'),
      key('Enter'),
    ];
    for (const event of reserved) {
      expect(shortcutFor(event), JSON.stringify(event)).toBeNull();
      expect(shortcutFor(event, true), JSON.stringify(event)).toBeNull();
    }
  });
});

describe('shortcutFor', () => {
  it.each<[ShortcutId, KeyEventLike]>([
    ['answer', altKey('KeyA')],
    ['reject', altKey('KeyD')],
    ['hangup', altKey('KeyH')],
    ['setReady', altKey('KeyR')],
    ['setBusy', altKey('KeyB')],
    ['hold', altKey('KeyO')],
    ['mute', altKey('KeyM')],
    ['transfer', altKey('KeyT')],
    ['saveWrapUp', key('Enter', { ctrlKey: true })],
    ['saveWrapUp', key('NumpadEnter', { ctrlKey: true })],
    ['saveWrapUp', altKey('KeyS')],
    ['openPromises', altKey('KeyP')],
    ['searchHistory', altKey('KeyF')],
    ['showShortcuts', altKey('Slash', { key: '/' })],
    ['showShortcuts', key('Slash', { key: '?', shiftKey: true })],
  ])('%s on %j', (id, event) => {
    expect(shortcutFor(event)).toBe(id);
  });

  it('works while the caret is in a text field, except the bare "?" (that is text there)', () => {
    expect(shortcutFor(altKey('KeyA'), true)).toBe('answer');
    expect(shortcutFor(key('Enter', { ctrlKey: true }), true)).toBe('saveWrapUp');
    expect(shortcutFor(altKey('Slash', { key: '/' }), true)).toBe('showShortcuts');
    expect(shortcutFor(key('Slash', { key: '?', shiftKey: true }), true)).toBeNull();
    expect(shortcutFor(key('Minus', { key: '？', shiftKey: true }), false)).toBe('showShortcuts');
  });

  it('goes by the physical key, whatever the layout types (AZERTY, Russian, macOS ⌥ characters)', () => {
    // On AZERTY the key where QWERTY has A types "q", but its code stays KeyQ: Alt+code KeyA is what counts.
    expect(shortcutFor(altKey('KeyA', { key: 'q' }))).toBe('answer');
    expect(shortcutFor(altKey('KeyQ', { key: 'a' }))).toBeNull();
    expect(shortcutFor(altKey('KeyH', { key: 'р' }))).toBe('hangup');
    expect(shortcutFor(altKey('KeyA', { key: 'å' }))).toBe('answer');
    expect(shortcutFor(altKey('KeyM', { key: 'µ' }))).toBe('mute');
  });

  it('leaves an input method alone while it composes (Chinese pinyin typed into the notes)', () => {
    expect(shortcutFor(altKey('KeyA', { isComposing: true }), true)).toBeNull();
    expect(shortcutFor(altKey('KeyA', { key: 'Process', keyCode: 229 }), true)).toBeNull();
    expect(shortcutFor(key('Enter', { ctrlKey: true, isComposing: true }), true)).toBeNull();
  });

  it('does not repeat while the keys are held (hold must not flip on and off)', () => {
    expect(shortcutFor(altKey('KeyO', { repeat: true }))).toBeNull();
  });

  it('wants exactly its modifiers: not with Shift, Meta or Ctrl added, not AltGr (Ctrl+Alt, AltGraph) typing "ą"', () => {
    expect(shortcutFor(altKey('KeyA', { shiftKey: true }))).toBeNull();
    expect(shortcutFor(altKey('KeyA', { metaKey: true }))).toBeNull();
    expect(shortcutFor(altKey('KeyA', { ctrlKey: true, key: 'ą' }))).toBeNull();
    expect(shortcutFor(altKey('KeyA', { getModifierState: (modifier) => modifier === 'AltGraph' }))).toBeNull();
    expect(shortcutFor(key('KeyA'))).toBeNull();
    expect(shortcutFor(key('KeyA', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('Enter', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(key('Slash', { key: '?', shiftKey: true, altKey: true }))).toBeNull();
  });
});

describe('how shortcuts are shown', () => {
  it('labels chords the way agents read them', () => {
    expect(chordLabel({ code: 'KeyA', alt: true })).toBe('Alt+A');
    expect(chordLabel({ code: 'Enter', ctrl: true })).toBe('Ctrl+Enter');
    expect(chordLabel({ code: 'Slash', alt: true })).toBe('Alt+/');
    expect(chordLabel({ keys: ['?'] })).toBe('?');
  });

  it('lists each chord once (the keypad Enter looks like Enter), the button showing the first', () => {
    expect(shortcutLabels('answer')).toEqual(['Alt+A']);
    expect(shortcutLabels('saveWrapUp')).toEqual(['Ctrl+Enter', 'Alt+S']);
    expect(shortcutLabels('showShortcuts')).toEqual(['Alt+/', '?']);
  });

  it('writes aria-keyshortcuts with the WAI-ARIA modifier names, alternatives space-separated', () => {
    expect(ariaKeyShortcuts('answer')).toBe('Alt+A');
    expect(ariaKeyShortcuts('saveWrapUp')).toBe('Control+Enter Alt+S');
    expect(ariaKeyShortcuts('showShortcuts')).toBe('Alt+/ ?');
  });
});
