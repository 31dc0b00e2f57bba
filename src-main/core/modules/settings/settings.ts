import { dataVersion, prep } from '../../store/db';
import type { CoreContext } from '../../context';
import { Settings, DEFAULT_SETTINGS } from '../../../contract/settings';
import { appendEvent, type Actor } from '../../store/events';

// Settings are read on hot paths (allocation reads the inbound coefficient), so they are cached
// per database connection and written through. Another connection to the same file (the order
// intake thread, the Electron core process) may change them too: SQLite's data_version moves when
// any other connection commits, and then the cache is read again.
const cache = new WeakMap<object, { settings: Settings; dataVersion: number }>();

export function getSettings(ctx: CoreContext): Settings {
  const version = dataVersion(ctx.db);
  const hit = cache.get(ctx.db);
  if (hit && hit.dataVersion === version) return hit.settings;
  const rows = prep(ctx.db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  const merged = Settings.parse({ ...DEFAULT_SETTINGS, ...stored });
  cache.set(ctx.db, { settings: merged, dataVersion: version });
  return merged;
}

export function putSettings(ctx: CoreContext, patch: Partial<Settings>, actor: Actor): Settings {
  const next = Settings.parse({ ...getSettings(ctx), ...patch });
  const upsert = prep(ctx.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [k, v] of Object.entries(patch)) upsert.run(k, JSON.stringify(v));
  appendEvent(ctx.db, ctx.clock, { type: 'settings.changed', entity: 'settings', entityId: 'shop', actor, data: { keys: Object.keys(patch) } });
  cache.delete(ctx.db);
  return next;
}
