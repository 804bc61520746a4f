import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, Notification, session, shell } from 'electron';
import { RpcPeer } from '../../../src/rpc';
import { deskConfigFromEnv, externalLinkPolicy } from '../../desk-config';
import { startDeskRuntime, type DeskRuntime } from '../../desk-runtime';
import { logUncaught } from '../../log/uncaught';
import { ipcTransport } from './ipc-carrier';
import { allowsPermissionCheck, allowsPermissionRequest } from './page-permissions';
import { StateTray } from './state-tray';

/**
 * The Electron shell: one window, sandboxed and isolated, talking to the same main-process desk
 * as the browser shell, over one validated IPC channel instead of a WebSocket.
 */
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const mayOpenExternally = externalLinkPolicy();

// The ringtone must sound on an incoming call even before the agent has clicked anything.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');

if (!app.requestSingleInstanceLock()) {
  // One desk per seat: a second launch focuses the first instead of logging in twice.
  app.quit();
} else {
  let runtime: DeskRuntime | undefined;
  let window: BrowserWindow | undefined;
  let tray: StateTray | undefined;

  const showWindow = () => {
    if (window?.isMinimized()) window.restore();
    window?.show();
    window?.focus();
  };
  app.on('second-instance', showWindow);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (mayOpenExternally(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.whenReady().then(async () => {
    // No menu to reach DevTools or reload from in the agent's build; a developer's run keeps it.
    if (app.isPackaged) Menu.setApplicationMenu(null);

    session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
      const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
      callback(allowsPermissionRequest(contents.getURL(), rendererUrl, permission, mediaTypes));
    });
    session.defaultSession.setPermissionCheckHandler((contents, permission, _origin, details) =>
      allowsPermissionCheck(contents?.getURL() ?? details.requestingUrl ?? '', rendererUrl, permission, details.mediaType),
    );

    tray = new StateTray(join(app.getAppPath(), 'assets', 'tray'), showWindow);
    runtime = await startDeskRuntime({
      ...deskConfigFromEnv(join(app.getPath('userData'), 'desk')),
      // Electron's main process (Node 22+) has a standard global WebSocket.
      webSocket: WebSocket,
      onIncomingCall: (caller) => {
        if (window && !window.isFocused() && Notification.isSupported()) {
          new Notification({ title: 'SeatDesk 来电 / Incoming call', body: caller }).show();
        }
      },
      // A promised reply soon due or due (首问责任制): told even when the window is in front, with the OS's sound.
      onPromiseReminder: (reminder) => {
        if (!Notification.isSupported()) return;
        const title = reminder.kind === 'soon' ? 'SeatDesk 约定回复将到 / Reply due soon' : 'SeatDesk 约定回复已到 / Reply due now';
        const notification = new Notification({ title, body: [reminder.customer, reminder.number, reminder.dueLabel].filter(Boolean).join(' · '), silent: false });
        notification.on('click', showWindow);
        notification.show();
      },
      onSnapshot: (snapshot) => tray?.show(snapshot.state),
    });
    logUncaught(runtime.log);

    window = new BrowserWindow({
      width: 1100,
      height: 760,
      minWidth: 720,
      minHeight: 560,
      title: 'SeatDesk 坐席桌面',
      show: false,
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: !app.isPackaged,
        // Ring ticks live in main, but the ringtone and media must not be throttled either.
        backgroundThrottling: false,
      },
    });
    const contents = window.webContents;
    contents.on('did-navigate', () => {
      runtime?.link.attach(new RpcPeer(ipcTransport(contents, rendererUrl)));
    });
    window.once('ready-to-show', () => window?.show());
    await window.loadFile(rendererIndex);
  });

  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !runtime) return;
    // Log out and flush the store before the process ends.
    event.preventDefault();
    quitting = true;
    void runtime.close().finally(() => app.quit());
  });
}
