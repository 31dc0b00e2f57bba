// Electron shell: one window showing the UI served by the order core, which runs in a
// utility process. Thin on purpose: everything else runs and is tested in plain Node.
import { app, BrowserWindow, utilityProcess, shell, session, ipcMain } from 'electron';
import { join } from 'node:path';
import { CHANNELS } from '../../src-preload/channels';
import type { Station } from '../station/runtime';
import { startPackingStation } from '../station/pack';
import { createIpcBridge } from '../station/ipc-bridge';
import { isAudience } from '../station/bridge';
import { chooseRole } from './first-start';

const READY_TIMEOUT_MS = 15_000;

/** Starts the core and waits for its "ready on port N" message (STYLE.md habit 5). */
function startCore(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = utilityProcess.fork(join(__dirname, 'core-process.js'), ['--data', dataDir], { serviceName: 'packline-core', stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the order core did not report ready within ${READY_TIMEOUT_MS / 1000} s; see ${join(dataDir, 'logs')}`)), READY_TIMEOUT_MS);
    child.on('message', (m: { type: string; url?: string; error?: string }) => {
      if (m.type === 'ready' && m.url) {
        clearTimeout(timer);
        resolve({ url: m.url, stop: () => child.kill() });
      } else if (m.type === 'error') {
        clearTimeout(timer);
        reject(new Error(m.error));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the order core exited with code ${code} before it was ready`));
    });
  });
}

async function main() {
  await app.whenReady();
  // A packaged app carries fonts/ and labels/ in its resources folder; the core process and the
  // label render worker inherit this (src-main/labels/resources.ts). From the repo they walk up to resources/.
  if (app.isPackaged) process.env.PACKLINE_RESOURCES ??= process.resourcesPath;
  const dataDir = join(app.getPath('userData'), 'data');
  let core: { url: string; stop: () => void };
  try {
    // first start: this PC hosts the shop (its own core), or it is a bench of the shop's core elsewhere
    const role = await chooseRole(dataDir);
    core = role.kind === 'host' ? await startCore(dataDir) : { url: role.coreUrl, stop: () => undefined };
  } catch (e) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Packline could not start', (e as Error).message);
    app.quit();
    return;
  }
  const origin = new URL(core.url).origin;
  // The bench's station runtime (device hub, packing workflow) runs here, in the main process.
  let station: Station;
  try {
    station = await startPackingStation({ dataDir, coreUrl: core.url });
  } catch (e) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Packline could not open the bench devices', (e as Error).message);
    core.stop();
    app.quit();
    return;
  }
  // No remote content: every request must go to our own core.
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    const ok = details.url.startsWith(origin) || details.url.startsWith('devtools://') || details.url.startsWith('data:');
    cb({ cancel: !ok });
  });
  const win = new BrowserWindow({
    width: 1440, height: 900, title: 'Packline', show: false,
    webPreferences: { preload: join(__dirname, '../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(origin)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Drop IPC from anything but our own page.
  ipcMain.handle(CHANNELS.coreUrl, (e) => {
    if (e.senderFrame?.url && !e.senderFrame.url.startsWith(origin)) throw new Error('refused: unknown sender');
    return core.url;
  });
  // The StationBridge over IPC: the window's session cookie says who calls.
  const ipc = createIpcBridge(station.bridge, station.core);
  ipcMain.handle(CHANNELS.stationCall, async (e, method: unknown, params: unknown) => {
    if (e.senderFrame?.url && !e.senderFrame.url.startsWith(origin)) throw new Error('refused: unknown sender');
    const [cookie] = await session.defaultSession.cookies.get({ url: origin, name: 'pl_session' });
    return ipc.call(cookie?.value ?? null, method, params);
  });
  const offEvents = station.bridge.onEvent((event, to) => {
    if (!win.isDestroyed() && isAudience(to, { via: 'ipc' })) win.webContents.send(CHANNELS.stationEvent, event);
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(core.url);
  app.on('window-all-closed', () => {
    offEvents();
    void station.stop().finally(() => {
      core.stop();
      app.quit();
    });
  });
}

void main();
