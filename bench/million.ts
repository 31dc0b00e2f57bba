// A 1M-order database for the lookup and start-up benchmarks, built once with plain SQL in the
// real schema (migrations included) and kept in bench/.work. Rows as Packline writes them now: the
// order id and both numbers only in orders, a code row per waybill; orders from five channels.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src-main/core/database';
import { workDir } from './lib';

export const MILLION_DIR = join(workDir, 'million-2'); // -2: no code rows for ids and channel numbers
export const N_ORDERS = 1_000_000;

export function ensureMillionDb(): string {
  const file = join(MILLION_DIR, 'packline.db');
  if (existsSync(file)) return MILLION_DIR;
  mkdirSync(MILLION_DIR, { recursive: true });
  const tmp = join(MILLION_DIR, 'building.db');
  rmSync(tmp, { force: true });
  const t0 = performance.now();
  const db = openDatabase(tmp);
  db.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO locations (id, code) VALUES ('loc_1', 'A-01-01-1')").run();
    db.prepare("INSERT INTO users (id, name, role, badge, created_at) VALUES ('usr_admin', 'Admin', 'admin', 'AD-3001', ?)").run(now);
    const sku = db.prepare('INSERT INTO skus (id, sku, name, unit_weight_g, location_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const bc = db.prepare('INSERT INTO barcodes (code, sku_id, units) VALUES (?, ?, 1)');
    for (let i = 0; i < 1000; i++) {
      sku.run(`sku_${i}`, `M-${i}`, `Item ${i}`, 100 + i, 'loc_1', now, now);
      bc.run(`69${String(i).padStart(11, '0')}`, `sku_${i}`);
    }
  })();
  const order = db.prepare(`INSERT INTO orders (id, number, channel, external_id, state, ship_to, created_at, updated_at) VALUES (?, ?, ?, ?, 'shipped', ?, ?, ?)`);
  const channels = ['taobao', 'jd', 'pdd', 'douyin', 'shopify'];
  const line = db.prepare('INSERT INTO order_lines (id, order_id, sku_id, qty) VALUES (?, ?, ?, 1)');
  const code = db.prepare('INSERT INTO order_codes (code, order_id, kind) VALUES (?, ?, ?)');
  const ev = db.prepare("INSERT INTO events (at, type, entity, entity_id, actor) VALUES (?, 'order.created', 'order', ?, 'system:bench')");
  const shipTo = JSON.stringify({ name: '张三', phone: '13800138000', country: 'CN', city: '深圳市', address1: '科技园路1号2栋301室' });
  const CHUNK = 50_000;
  for (let start = 0; start < N_ORDERS; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < start + CHUNK; i++) {
        const id = millionOrderId(i);
        const number = `PL${String(i + 1).padStart(7, '0')}`;
        const ext = `TB${8800000000 + i * 7}`;
        order.run(id, number, channels[i % channels.length], ext, shipTo, now, now);
        line.run(`oln_${i}a`, id, `sku_${i % 1000}`);
        if (i % 2) line.run(`oln_${i}b`, id, `sku_${(i * 7) % 1000}`);
        code.run(`SF${1400000000000 + i}`, id, 'waybill');
        ev.run(now, id);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  process.stdout.write(`built the 1M-order database in ${Math.round((performance.now() - t0) / 1000)} s\n`);
  return MILLION_DIR;
}

/** Ids that sort like ULIDs by creation (fixed width). */
export const millionOrderId = (i: number) => `ord_${String(i).padStart(26, '0')}`;
export const millionCodes = (i: number) => [millionOrderId(i), `PL${String(i + 1).padStart(7, '0')}`, `TB${8800000000 + i * 7}`, `SF${1400000000000 + i}`];
