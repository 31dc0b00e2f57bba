// The StationBridge over Electron IPC, without Electron: the app's main process hands each call
// (with the window's session cookie) to `call`, and forwards `onEvent` pushes to the window.
// Kept here so src-main/app stays a few lines of wiring and this part is tested in plain Node.
import type { Bridge, CallOutcome } from './bridge';
import type { CoreClient } from './core-client';
import { sessionResolver, isAuthRefusal } from './session';

export interface IpcBridge {
  /** One call from the window; `token` is its pl_session cookie (null when logged out). */
  call(token: string | null, method: unknown, params: unknown): Promise<CallOutcome>;
}

export function createIpcBridge(bridge: Bridge, core: CoreClient): IpcBridge {
  const sessions = sessionResolver(core);
  return {
    async call(token, method, params) {
      if (typeof method !== 'string') return { ok: false, error: { code: 'bad_request', message: 'the method name must be a string' } };
      if (!token) return { ok: false, error: { code: 'unauthenticated', message: 'log in first (scan your badge)' } };
      let user;
      try {
        user = await sessions.resolve(token);
      } catch (e) {
        if (isAuthRefusal(e)) return { ok: false, error: { code: 'unauthenticated', message: 'your session has expired or was revoked: log in again' } };
        return { ok: false, error: { code: 'unavailable', message: `the station cannot check your session: ${(e as Error).message}` } };
      }
      return bridge.call(method, params, { user, token, via: 'ipc' });
    },
  };
}
