/** What an emergency ticket says: the regulation's words (紧急、重大事件), then whatever the agent typed. */
export function emergencyContent(defaultText: string, typed: string): string {
  const note = typed.trim();
  return note === '' ? defaultText : `${defaultText}：${note}`;
}
