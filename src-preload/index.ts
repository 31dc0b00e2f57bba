// The narrow bridge: named functions only, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from './channels';

contextBridge.exposeInMainWorld('packline', {
  coreUrl: (): Promise<string> => ipcRenderer.invoke(CHANNELS.coreUrl),
});
