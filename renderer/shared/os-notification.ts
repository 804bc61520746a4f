/**
 * OS notifications through the web Notification API (the same API works in Electron's renderer),
 * for what the agent must notice when the desk window is behind others. Where notifications are
 * missing or not permitted this does nothing: the desk's own screen and sounds still say it.
 */
export function showOsNotification(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some platforms only allow service-worker notifications: nothing more to do.
  }
}

/** Asks once, from a click (browsers want a gesture), so later busy warnings can reach the OS. */
export function askOsNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  Notification.requestPermission().catch(() => {});
}
