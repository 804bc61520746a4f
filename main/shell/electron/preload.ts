import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { RPC_CHANNEL } from './ipc-channel';

/**
 * The whole surface the sandboxed renderer gets: send a message, receive messages, on one channel.
 * No Node, no ipcRenderer itself, no other channel reaches the page.
 */
contextBridge.exposeInMainWorld('seatdeskBridge', {
  send(message: unknown): void {
    ipcRenderer.send(RPC_CHANNEL, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(RPC_CHANNEL, handler);
    return () => {
      ipcRenderer.off(RPC_CHANNEL, handler);
    };
  },
});
