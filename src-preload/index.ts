// The narrow bridge: named functions only, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS } from './channels';

contextBridge.exposeInMainWorld('packline', {
  coreUrl: (): Promise<string> => ipcRenderer.invoke(CHANNELS.coreUrl),
  /** One StationBridge call; resolves with {ok, result} or {ok: false, error} (never rejects for a refusal). */
  stationCall: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNELS.stationCall, String(method), params),
  /** Every event the station pushes; returns the unsubscribe. */
  onStationEvent: (fn: (event: unknown) => void): (() => void) => {
    const listener = (_e: IpcRendererEvent, event: unknown) => fn(event);
    ipcRenderer.on(CHANNELS.stationEvent, listener);
    return () => void ipcRenderer.removeListener(CHANNELS.stationEvent, listener);
  },
});
