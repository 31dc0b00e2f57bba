// Reads of the shop's settings, cached per connection.
import { dataVersion, type Db } from '../../store/db';
import type { CoreContext } from '../../context';
import { Settings, DEFAULT_SETTINGS } from '../../../contract/settings';
import { selectSettingRows } from './store';

// Settings are read on hot paths (allocation reads the inbound coefficient), so they are cached
// per database connection and written through. Another connection to the same file (the order
// intake thread, the Electron core process) may change them too: SQLite's data_version moves when
// any other connection commits, and then the cache is read again.
// data_version moves at every commit of another connection (the order intake thread's, the board
// follower's: many a second), not only the settings': the rows are read again then, and parsed
// with zod (~0.7 ms) only when their text changed.
const cache = new WeakMap<object, { settings: Settings; dataVersion: number; text: string }>();

export function getSettings(ctx: CoreContext): Settings {
  const version = dataVersion(ctx.db);
  const hit = cache.get(ctx.db);
  if (hit && hit.dataVersion === version) return hit.settings;
  const rows = selectSettingRows(ctx.db);
  let text = '';
  for (const r of rows) text += `${r.key}\n${r.value}\n`;
  if (hit && hit.text === text) {
    hit.dataVersion = version;
    return hit.settings;
  }
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  const merged = Settings.parse({ ...DEFAULT_SETTINGS, ...stored });
  cache.set(ctx.db, { settings: merged, dataVersion: version, text });
  return merged;
}

/** After a write through this connection (its own commits do not move data_version): read again next time. */
export function forgetCachedSettings(db: Db): void {
  cache.delete(db);
}

