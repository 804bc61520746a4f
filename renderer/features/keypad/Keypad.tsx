import { KEYPAD_KEYS, KEYPAD_LETTERS, keypadTestId, type KeypadKey } from './keypad-keys';

interface KeypadProps {
  /** Test ids are `<prefix>-0` … `<prefix>-9`, `<prefix>-star`, `<prefix>-hash`. */
  testIdPrefix: string;
  label: string;
  disabled?: boolean;
  onPress(key: KeypadKey): void;
}

/** A telephone keypad (3 x 4), for DTMF in a call and for dialling out. */
export function Keypad({ testIdPrefix, label, disabled = false, onPress }: KeypadProps) {
  return (
    <div className="keypad" role="group" aria-label={label}>
      {KEYPAD_KEYS.map((key) => (
        <button key={key} type="button" className="keypad__key" data-testid={keypadTestId(testIdPrefix, key)} data-key={key} disabled={disabled} onClick={() => onPress(key)}>
          <span className="keypad__digit">{key}</span>
          <span className="keypad__letters" aria-hidden="true">
            {KEYPAD_LETTERS[key]}
          </span>
        </button>
      ))}
    </div>
  );
}
