// Migration 202612031: a shop's existing badge codes are hashed in place (SHA-256), wrong-PIN
// counters and the lock are added, and everyone still logs in with the badge they have.
import { describe, it, expect, afterEach } from 'vitest';
import { join } from 'node:path';
import { openConnection } from '../../../src-main/core/store/db';
import { migrate } from '../../../src-main/core/store/migrate';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { openCore } from '../../../src-main/core/core';
import { login } from '../../../src-main/core/modules/people/actions/tokens';
import { badgeHash } from '../../../src-main/core/modules/people/credentials';
import { tempDir } from '../helpers';

const BADGE_HASHING = 202612031;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('badge codes hashed in place', () => {
  it('an older database keeps its users: codes become hashes, and the same badges log in', async () => {
    const t = tempDir('packline-badge-mig-');
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'packline.db');
    const old = openConnection(file);
    migrate(old, MIGRATIONS.filter((m) => m.version < BADGE_HASHING));
    const insert = old.prepare("INSERT INTO users (id, name, role, badge, pin_hash, created_at) VALUES (?, ?, ?, ?, NULL, '2026-11-01T00:00:00Z')");
    insert.run('usr_1', 'Op', 'operator', 'OP-7001');
    insert.run('usr_2', 'Lead', 'lead', 'LD-7002');
    old.close();

    const core = openCore({ dataDir: t.dir });
    try {
      const rows = core.db.prepare('SELECT id, badge_hash, failed_pins, locked_at FROM users ORDER BY id').all();
      expect(rows).toEqual([
        { id: 'usr_1', badge_hash: badgeHash('OP-7001'), failed_pins: 0, locked_at: null },
        { id: 'usr_2', badge_hash: badgeHash('LD-7002'), failed_pins: 0, locked_at: null },
      ]);
      expect(JSON.stringify(rows)).not.toMatch(/OP-7001|LD-7002/);
      expect((await login(core, 'OP-7001', undefined)).user.id).toBe('usr_1');
      expect((await login(core, 'LD-7002', undefined)).user.role).toBe('lead');
    } finally {
      await core.close();
    }
  });
});
