/**
 * Types `text` into a text area at its cursor (replacing a selection), as if the agent had: the
 * cursor ends after it, and an `input` event goes out, so a form library and the draft autosave
 * see an edit by the agent (not a programmatic value they would ignore).
 */
export function insertIntoTextArea(element: HTMLTextAreaElement, text: string): void {
  element.setRangeText(text, element.selectionStart, element.selectionEnd, 'end');
  element.dispatchEvent(new Event('input', { bubbles: true }));
}
