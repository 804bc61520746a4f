import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import type { Transport, WireMessage } from '../../../src/rpc';
import { RPC_CHANNEL } from './ipc-channel';

/**
 * The Electron shell's RPC carrier: messages on RPC_CHANNEL from exactly one window's main frame,
 * loaded from the packaged renderer. Anything else on the channel is ignored.
 */
export function ipcTransport(contents: WebContents, rendererUrl: string): Transport {
  const messageListeners = new Set<(message: unknown) => void>();
  const onIpc = (event: IpcMainEvent, message: unknown) => {
    const frame = event.senderFrame;
    if (event.sender !== contents || !frame || frame !== contents.mainFrame || !frame.url.startsWith(rendererUrl)) return;
    for (const listener of messageListeners) listener(message);
  };
  ipcMain.on(RPC_CHANNEL, onIpc);
  const closeListeners = new Set<() => void>();
  const close = () => {
    ipcMain.off(RPC_CHANNEL, onIpc);
    for (const listener of closeListeners) listener();
  };
  contents.once('destroyed', close);
  // A reload is a new renderer: its peer starts afresh, like a reconnecting WebSocket.
  contents.once('did-navigate', close);
  return {
    send(message: WireMessage) {
      if (!contents.isDestroyed()) contents.send(RPC_CHANNEL, message);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}
