// Backups over the real HTTP server and the command line: an online backup taken while orders pour
// in holds every order acknowledged before it, and restores; a foreign file and a newer backup are
// refused by name; the last N are kept; the schedule takes one when it is due.
// SQLite only by design (not in tests/postgres-set.json): these backups are copies of the SQLite
// file; on PostgreSQL they are refused in words (tests/core/backup/backup-postgres.pg-test.ts).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore, addSku, orderInput, tempDir, count, sleep, waitFor, type TestServer } from '../helpers';
import { openCore } from '../../../src-main/core/core';
import { backupIfDue } from '../../../src-main/core/modules/backup/run-backup';
import { MIGRATIONS } from '../../../src-main/core/modules';
import { productPng } from '../../../src-main/core/demo/product-images';

let s: TestServer;
const folders = tempDir('packline-backups-');
const backups = folders.dir;
beforeAll(async () => {
  s = await startCore({ setup: (core) => void addSku(core, 'SKU-A', { onHand: 1_000_000 }) });
  const r = await s.as('admin', 'PUT', '/api/backups/settings', { folder: backups, everyHours: 0, keep: 3 });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await s.close();
  folders.cleanup();
});

const externalIdsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return new Set(db.prepare('SELECT external_id FROM orders').pluck().all() as string[]);
  } finally {
    db.close();
  }
};

describe('an online backup', () => {
  it('taken while orders pour in holds every order acknowledged before it, and restores into a working core', async () => {
    const acked: string[] = [];
    let stop = false;
    const poster = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const input = orderInput({ externalId: `ING-${n}-${i}` });
        const r = await s.as('lead', 'POST', '/api/orders', input);
        if (r.status === 201) acked.push(input.externalId);
        else throw new Error(`order refused: ${r.status} ${r.text}`);
      }
    };
    const posting = Promise.all([1, 2, 3, 4].map(poster));
    await Promise.race([posting, (async () => { while (acked.length < 200) await new Promise((r) => setTimeout(r, 20)); })()]);
    const before = [...acked];
    const b = await s.as('admin', 'POST', '/api/backups');
    const during = acked.length;
    await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await posting;
    expect(b.status, b.text).toBe(200);
    expect(acked.length).toBeGreaterThan(during); // ingest went on after the backup

    const file = join(backups, b.body.name);
    const inBackup = externalIdsIn(file);
    expect(before.filter((id) => !inBackup.has(id))).toEqual([]);

    // Restored into a folder of its own (the command line's way), the core opens on it.
    const target = tempDir('packline-restored-');
    try {
      const cli = spawnSync(join('node_modules', '.bin', 'tsx'), ['src-main/core/modules/backup/cli.ts', 'restore', file, '--data', target.dir], { encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/^Restored /);
      const core = openCore({ dataDir: target.dir });
      try {
        const restored = new Set(core.db.prepare('SELECT external_id FROM orders').pluck().all() as string[]);
        expect(before.filter((id) => !restored.has(id))).toEqual([]);
        expect(count(core, 'orders o', 'WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)')).toBe(0);
      } finally {
        await core.close();
      }
    } finally {
      target.cleanup();
    }
  }, 60_000);

  it('keeps the newest N in the folder; only an admin takes or lists them', async () => {
    for (let i = 0; i < 4; i++) expect((await s.as('admin', 'POST', '/api/backups')).status).toBe(200);
    const status = await s.as('admin', 'GET', '/api/backups');
    expect(status.body.files).toHaveLength(3);
    expect(readdirSync(backups).filter((n) => n.endsWith('.db'))).toHaveLength(3);
    expect(status.body.last).toMatchObject({ file: status.body.files[0].name, error: null });
    for (const role of ['lead', 'operator', 'viewer'] as const) {
      expect((await s.as(role, 'POST', '/api/backups')).status, role).toBe(403);
      expect((await s.as(role, 'GET', '/api/backups')).status, role).toBe(403);
    }
  });

  it('the schedule takes one when it is due, and not before', async () => {
    await s.as('admin', 'PUT', '/api/backups/settings', { folder: backups, everyHours: 6, keep: 3 });
    expect(await backupIfDue(s.core)).toBeNull(); // the last one was just taken
    s.core.db.prepare("UPDATE backup_schedule SET last_at = '2026-01-01T00:00:00.000Z'").run();
    const taken = await backupIfDue(s.core);
    expect(taken?.name).toMatch(/^packline-\d{8}-\d{6}/);
    const status = await s.as('admin', 'GET', '/api/backups');
    expect(Date.parse(status.body.nextAt) - Date.parse(status.body.last.at)).toBe(6 * 3_600_000);
    await s.as('admin', 'PUT', '/api/backups/settings', { folder: backups, everyHours: 0, keep: 3 });
  });

  it('a backup folder that cannot be made is refused by name, and recorded as the last run', async () => {
    const notADisk = join(backups, 'unplugged.txt');
    writeFileSync(notADisk, 'a file where the disk should be');
    await s.as('admin', 'PUT', '/api/backups/settings', { folder: join(notADisk, 'packline'), everyHours: 0, keep: 3 });
    const r = await s.as('admin', 'POST', '/api/backups');
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain(join(notADisk, 'packline'));
    expect((await s.as('admin', 'GET', '/api/backups')).body.last.error).toContain(join(notADisk, 'packline'));
    await s.as('admin', 'PUT', '/api/backups/settings', { folder: backups, everyHours: 0, keep: 3 });
  });
});

describe('a checked restore', () => {
  const refused = async (name: string) => {
    const r = await s.as('admin', 'POST', '/api/backups/restore', { name });
    expect(r.status).toBe(422);
    expect(existsSync(join(s.dir, 'restore-pending.db'))).toBe(false);
    expect(r.body.error.message.startsWith(name)).toBe(true);
    return r.body.error.message as string;
  };

  it('refuses a file that is not a Packline backup, by name', async () => {
    writeFileSync(join(backups, 'packline-20200101-000000.db'), 'not a database at all');
    expect(await refused('packline-20200101-000000.db')).toMatch(/is not a Packline backup: it is not an SQLite database/);
    const other = new Database(join(backups, 'packline-20200101-000001.db'));
    other.exec('CREATE TABLE notes (t TEXT)');
    other.close();
    expect(await refused('packline-20200101-000001.db')).toMatch(/is not a Packline backup: it is an SQLite database of another program/);
  });

  it('refuses a backup from a newer Packline, by name', async () => {
    const b = (await s.as('admin', 'POST', '/api/backups')).body;
    const newer = 'packline-20200101-000002.db';
    copyFileSync(join(backups, b.name), join(backups, newer));
    const db = new Database(join(backups, newer));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (2099010101, 'from-the-future', 'x')").run();
    db.pragma('user_version = 2099010101');
    db.close();
    expect(await refused(newer)).toMatch(/is from a newer Packline \(schema 2099010101; this Packline knows up to \d+\)/);
  });

  it('a name that is not a backup name is refused before any file is touched', async () => {
    const r = await s.as('admin', 'POST', '/api/backups/restore', { name: '../packline.db' });
    expect(r.status).toBe(422);
    expect(r.body.error.issues[0].path).toBe('name');
  });

  it('from the API: checked now, swapped in when the core next starts, the replaced database kept aside', async () => {
    const data = tempDir('packline-restart-');
    let t = await startCore({ dir: data.dir, setup: (core) => void addSku(core, 'SKU-A', { onHand: 100 }) });
    try {
      await t.as('admin', 'PUT', '/api/backups/settings', { folder: join(data.dir, 'usb'), everyHours: 0, keep: 5 });
      const kept = await t.as('lead', 'POST', '/api/orders', orderInput({ externalId: 'KEPT-1' }));
      const b = await t.as('admin', 'POST', '/api/backups');
      const later = await t.as('lead', 'POST', '/api/orders', orderInput({ externalId: 'LATER-1' }));
      expect([kept.status, b.status, later.status]).toEqual([201, 200, 201]);
      const staged = await t.as('admin', 'POST', '/api/backups/restore', { name: b.body.name });
      expect(staged.status, staged.text).toBe(200);
      expect(staged.body.pendingRestore).not.toBeNull();
      expect((await t.as('viewer', 'GET', '/api/orders?q=LATER-1')).body.total).toBe(1); // nothing changes until the restart
      await t.close();
      t = await startCore({ dir: data.dir });
      expect((await t.as('viewer', 'GET', '/api/orders?q=KEPT-1')).body.total).toBe(1);
      expect((await t.as('viewer', 'GET', '/api/orders?q=LATER-1')).body.total).toBe(0);
      expect((await t.as('admin', 'GET', '/api/backups')).body.pendingRestore).toBeNull();
      expect(readdirSync(data.dir).some((n) => n.startsWith('before-restore-'))).toBe(true);
    } finally {
      await t.close();
      data.cleanup();
    }
  });

  it('keeps the product images beside the database, and a restore puts back the ones the data folder lost', async () => {
    const data = tempDir('packline-images-');
    let t = await startCore({ dir: data.dir, setup: (core) => void addSku(core, 'MUG-1', { onHand: 5 }) });
    try {
      const usb = join(data.dir, 'usb');
      await t.as('admin', 'PUT', '/api/backups/settings', { folder: usb, everyHours: 0, keep: 5 });
      const up = await t.as('lead', 'PUT', '/api/skus/MUG-1/image', productPng([200, 40, 40], [255, 255, 255], 'square', 16), { 'Content-Type': 'image/png' });
      expect(up.status, up.text).toBe(200);
      const [image] = readdirSync(join(data.dir, 'images'));
      const b = await t.as('admin', 'POST', '/api/backups');
      expect(b.status, b.text).toBe(200);
      expect(readdirSync(join(usb, 'files', 'images'))).toEqual([image]);
      expect((await t.as('admin', 'POST', '/api/backups')).status).toBe(200); // a second backup shares the mirror
      expect(readdirSync(join(usb, 'files', 'images'))).toEqual([image]);

      rmSync(join(data.dir, 'images'), { recursive: true }); // the disk lost the pictures
      expect((await t.as('admin', 'POST', '/api/backups/restore', { name: b.body.name })).status).toBe(200);
      await t.close();
      t = await startCore({ dir: data.dir });
      const got = await fetch(t.url + up.body.imageUrl, { headers: { Authorization: `Bearer ${await t.tokenFor('operator')}` } });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
    } finally {
      await t.close();
      data.cleanup();
    }
  });

  it('a core closed while a restore puts the images back stops it and waits for it: nothing is restored, and nothing writes in the folder once close() has resolved', async () => {
    const data = tempDir('packline-restore-closing-');
    const t = await startCore({ dir: data.dir });
    const usb = join(data.dir, 'usb');
    await t.as('admin', 'PUT', '/api/backups/settings', { folder: usb, everyHours: 0, keep: 5 });
    const b = await t.as('admin', 'POST', '/api/backups');
    expect(b.status, b.text).toBe(200);
    // the mirror holds many pictures the data folder lacks: putting them back takes a while
    const mirror = join(usb, 'files', 'images');
    mkdirSync(mirror, { recursive: true });
    const N = 5000;
    for (let i = 0; i < N; i++) writeFileSync(join(mirror, `sku_${i}-${String(i).padStart(12, '0')}.png`), `picture ${i}`);
    const images = join(data.dir, 'images');
    const restoring = t.as('admin', 'POST', '/api/backups/restore', { name: b.body.name }).catch(() => null); // its connection closes under it
    await waitFor(() => existsSync(images) && readdirSync(images).length > 0, 10_000, 'the restore to put back its first image');
    await t.close(); // the HTTP server, then the core
    const copied = readdirSync(images).length;
    expect(copied).toBeLessThan(N); // closed while the restore was copying
    await sleep(300);
    expect(readdirSync(images)).toHaveLength(copied); // no image copied after close() resolved
    expect(existsSync(join(data.dir, 'restore-pending.db'))).toBe(false); // all or nothing: the next start restores nothing
    data.cleanup();
    expect(existsSync(data.dir)).toBe(false);
    await restoring;
  });

  it('knows every migration of this Packline (a backup from now restores)', () => {
    expect(MIGRATIONS.some((m) => m.name === 'backup')).toBe(true);
  });
});
