/** Where the browser shell's per-launch token is kept for reloads of this tab. */
export const TOKEN_STORAGE_KEY = 'seatdesk.launchToken';

export interface LaunchTokenHost {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The browser shell opens the page as `…/#token=<per-launch token>`. The token is taken once,
 * kept in sessionStorage (per tab, gone with it) so a reload still connects, and removed from the
 * visible URL so it is not shown, bookmarked or copied along with the address.
 */
export function takeLaunchToken(host: LaunchTokenHost): string | null {
  const fromHash = new URLSearchParams(host.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      host.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Without storage a reload cannot reconnect, but this launch still works.
    }
    host.history.replaceState(host.history.state, '', host.location.pathname + host.location.search);
    return fromHash;
  }
  try {
    return host.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
