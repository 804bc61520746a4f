/** The twelve keys of a telephone keypad, in the order they are laid out (3 columns). */
export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];

/** The letters printed under the digits, which customers read menu prompts by ("press 2 for ABC"). */
export const KEYPAD_LETTERS: Readonly<Record<KeypadKey, string>> = {
  '1': '',
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
  '*': '',
  '0': '+',
  '#': '',
};

const KEY_NAMES: Readonly<Record<KeypadKey, string>> = { ...Object.fromEntries(KEYPAD_KEYS.map((key) => [key, key])), '*': 'star', '#': 'hash' } as Record<KeypadKey, string>;

/** A key's test id: `dtmf-5`, `dtmf-star`, `dtmf-hash` (`*` and `#` are awkward in selectors). */
export function keypadTestId(prefix: string, key: KeypadKey): string {
  return `${prefix}-${KEY_NAMES[key]}`;
}

export function isKeypadKey(value: string): value is KeypadKey {
  return (KEYPAD_KEYS as readonly string[]).includes(value);
}

/**
 * The keypad key a keyboard press stands for (`KeyboardEvent.key`), or null. Digits, * and # come
 * through as themselves on the main keys and the number pad alike; the letters of the keypad do
 * not, since an agent typing a note must not send tones by accident.
 */
export function keypadKeyForKeyboard(key: string): KeypadKey | null {
  return isKeypadKey(key) ? key : null;
}
