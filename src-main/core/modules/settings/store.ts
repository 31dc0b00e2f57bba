// The settings table: one row per key, its value as JSON text.
import { prep, type Db } from '../../store/db';

export function selectSettingRows(db: Db): { key: string; value: string }[] {
  return prep(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
}

export function upsertSetting(db: Db, key: string, json: string): void {
  prep(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, json);
}
