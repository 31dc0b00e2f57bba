// kill -9 of the whole app (`npm run serve`) while a return bench grades units: every grade the API
// acknowledged is there after a restart, and each acknowledged sellable unit moved stock exactly once.
import { describe, it, expect, afterAll } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, sleep } from '../helpers';
import { serveApp } from '../serve-app';

const data = tempDir('packline-grade-crash-');
const running: ChildProcess[] = [];
afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
  data.cleanup();
});

const serve = () => serveApp(data.dir, true, running);

describe('grading across a kill -9', () => {
  it('loses no acknowledged grade and moves stock once per acknowledged sellable unit', async () => {
    const app = await serve();
    const login = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: app.badge }) });
    const { token } = (await login.json()) as { token: string };
    const post = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect((await post('/api/skus', { sku: 'RET-1', name: 'Returned tea', unitWeightG: 100, location: 'A-01-01-1', barcodes: [{ code: '6900000000017' }] })).status).toBe(201);
    // a parcel with no request: the bench opens a case and grades what is in it
    const rma = (await (await post('/api/returns/unknown', { code: 'SF-CRASH-1' })).json()) as { id: string };

    const acked: { id: string; grade: string }[] = [];
    let killed = false;
    const bench = async (b: number) => {
      for (let i = 0; ; i++) {
        const grade = (i + b) % 3 === 0 ? 'damaged' : 'sellable';
        try {
          const r = await post(`/api/returns/${rma.id}/units`, { code: '6900000000017', grade });
          if (r.status === 200) acked.push({ id: ((await r.json()) as { unit: { id: string } }).unit.id, grade });
        } catch {
          return; // the app died under this request
        }
        if (acked.length >= 60 && !killed) {
          killed = true;
          app.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([bench(0), bench(1), bench(2)]);
    await new Promise((r) => (app.child.exitCode !== null || app.child.signalCode ? r(null) : app.child.once('exit', r)));
    await sleep(50);

    const db = new Database(join(data.dir, 'packline.db'));
    try {
      const units = new Map((db.prepare('SELECT id, grade FROM return_units WHERE return_id = ?').all(rma.id) as { id: string; grade: string }[]).map((u) => [u.id, u.grade]));
      expect(acked.length).toBeGreaterThanOrEqual(60);
      for (const a of acked) expect(units.get(a.id), a.id).toBe(a.grade);
      const sellable = [...units.values()].filter((g) => g === 'sellable').length;
      const onHand = db.prepare("SELECT on_hand FROM inventory JOIN skus ON skus.id = inventory.sku_id WHERE skus.sku = 'RET-1'").pluck().get() as number;
      expect(onHand).toBe(sellable);
    } finally {
      db.close();
    }
  }, 120_000);
});
