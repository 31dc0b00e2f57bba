// PostgreSQL only: backups are copies of the SQLite file, so a core on PostgreSQL says in words that
// they are not available here (pg_dump is the tool) instead of failing on a file that is not there,
// and its schedule records no failed run.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCore, type TestServer } from '../helpers';
import { backupIfDue } from '../../../src-main/core/modules/backup/run-backup';

let s: TestServer;
beforeAll(async () => {
  s = await startCore();
});
afterAll(() => s.close());

describe('backups of a core on PostgreSQL', () => {
  it('a backup now and a restore are refused with what to use instead; the status still answers', async () => {
    const now = await s.as('admin', 'POST', '/api/backups');
    expect(now.status).toBe(409);
    expect(now.body.error.message).toMatch(/PostgreSQL.*pg_dump/);
    const restore = await s.as('admin', 'POST', '/api/backups/restore', { name: 'packline-20261203-100000.db' });
    expect(restore.status).toBe(409);
    expect(restore.body.error.message).toMatch(/pg_dump/);
    const status = await s.as('admin', 'GET', '/api/backups');
    expect(status.status).toBe(200);
    expect(status.body.last).toBeNull();
  });

  it('the schedule takes none and records no failed run', async () => {
    expect((await s.as('admin', 'PUT', '/api/backups/settings', { everyHours: 1, keep: 3, folder: '' })).status).toBe(200);
    s.core.startedAt = Date.now() - 2 * 3600_000; // on SQLite one would be due now
    expect(await backupIfDue(s.core)).toBeNull();
    expect((await s.as('admin', 'GET', '/api/backups')).body.last).toBeNull();
  });
});
