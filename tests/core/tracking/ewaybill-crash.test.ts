// kill -9 between the carrier's answer and the parcel record (issue 16): a child process asks the
// simulated Kuaidi100 for the parcel's e-waybill exactly as the bench confirm does and is killed before
// it records the answer. The bench's retry (same Idempotency-Key) gets the same number: the carrier
// issued one waybill, nothing was voided, and the parcel carries it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKuaidi100Peer, type Kuaidi100Peer } from '../../../src-main/demo/kuaidi100-peer';
import { startPackShop, newOrder, postParcel, start, type PackShop } from '../packing/fixture';
import { accountBody } from './fixture';

let shop: PackShop;
let peer: Kuaidi100Peer;
beforeAll(async () => {
  shop = await startPackShop();
  peer = await startKuaidi100Peer();
  await shop.s.as('admin', 'PUT', '/api/carrier-accounts/zto', accountBody(peer.url));
});
afterAll(async () => {
  await peer.close();
  await shop.s.close();
});

it('a crash after the carrier answered issues one waybill and voids nothing; the retry prints that waybill', async () => {
  const { s, sku } = shop;
  const o = await newOrder(s, [{ sku: 'SKU-A', qty: 1 }], 'zto');
  const t = await start(s, o.id);
  const key = 'parcel-key-crash-1';
  // node --import tsx: one process, so SIGKILL hits the process that asked the carrier.
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'ewaybill-child.ts'), s.file, o.id, key], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  for (let i = 0; i < 300 && !out.includes('answered'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(out, err).toMatch(/answered (\S+)/);
  const answered = /answered (\S+)/.exec(out)![1]!;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(s.core.db.prepare('SELECT COUNT(*) FROM waybills WHERE number = ?').pluck().get(answered)).toBe(0); // never recorded

  const r = await postParcel(s, o.id, { bench: 'B1', expectedVersion: t.body.order.version, boxTypeId: null, items: [{ skuId: sku.A, qty: 1 }], measuredG: 100, final: true }, { key });
  expect(r.status).toBe(201);
  expect(r.body.parcel.waybill).toBe(answered);
  expect(peer.issued.map((w) => w.number)).toEqual([answered]);
  expect(peer.cancelled).toEqual([]);
}, 60_000);
