// A core + HTTP server in its own process for load benchmarks: seeds SKUs with deep stock and
// prints {"url","token"} on stdout once listening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceStalls } from './stalls';
import { openCore } from '../../src-main/core/core';
import { createHttpServer } from '../../src-main/core/http/server';
import { createSku } from '../../src-main/core/modules/catalog/actions/skus';
import { adjustStock } from '../../src-main/core/modules/inventory/actions/adjust-stock';
import { ensureLocation } from '../../src-main/core/modules/locations/actions/create-location';
import { createUser } from '../../src-main/core/modules/people/actions/create-user';
import { createApiToken } from '../../src-main/core/modules/people/actions/tokens';
import { setupBenchRouting } from './routing-setup';
import { seedBenchRules } from './bench-rules';

const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'pl-bench-'));
// PL_BENCH_DATABASE=postgres://...: the core on PostgreSQL (bench/postgres.bench.ts), the folder for logs only
const core = openCore({ dataDir: dir, file: process.env.PL_BENCH_DATABASE, intakeThread: process.env.PL_INTAKE_THREAD !== '0' });
// The bench stops this process with SIGTERM: remove the database it made (hundreds of MB per run).
if (!process.argv[2]) {
  process.once('SIGTERM', () => {
    void core.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}
// Baselines for the order search's cost on intake (bench/ingest.bench.ts): the schema as it was
// before search (no name index kept, none of its three indexes), or the name index kept by a
// trigger inside each order's transaction (as search first shipped).
if (process.env.PL_BENCH_SCHEMA === 'before-search') {
  core.search.stop();
  core.db.exec('DROP INDEX orders_phone; DROP INDEX orders_ship_by; DROP INDEX orders_created;');
} else if (process.env.PL_BENCH_SCHEMA === 'search-trigger') {
  core.search.stop();
  const field = (f: string) => `coalesce(char(2) || json_extract(new.ship_to, '$.${f}') || char(3), '')`;
  core.db.exec(`CREATE TRIGGER order_search_insert AFTER INSERT ON orders BEGIN INSERT INTO order_search (rowid, name, city) VALUES (new.rowid, ${field('name')}, ${field('city')}); END;`);
}
const sys = { id: 'system:bench', role: 'admin' };
// A second core process on the same PostgreSQL database finds the SKUs there: it only adds its user.
const joining = !!core.db.prepare('SELECT 1 FROM skus LIMIT 1').get();
const token = core.writes.runNow(() => {
  const admin = createUser(core.ctx, { name: joining ? `Bench ${process.pid}` : 'Bench', role: 'admin', badge: joining ? `BENCH-${process.pid}` : 'BENCH-1' }, sys);
  if (joining) return createApiToken(core.ctx, admin.id, 'bench', sys).token;
  for (let i = 0; i < 200; i++) {
    const s = createSku(core.ctx, { sku: `B-${i}`, name: `Bench item ${i}`, barcodes: [{ code: `690000${String(i).padStart(6, '0')}`, units: 1 }], unitWeightG: 100 + i }, sys);
    adjustStock(core.ctx, { skuId: s.id, locationId: ensureLocation(core.ctx, `A-01-${String(i % 12).padStart(2, '0')}-1`), onHandDelta: 1_000_000, inTransitDelta: 0, reason: 'bench' }, sys);
  }
  // bench/routing.bench.ts: a second warehouse and region rules (PL_BENCH_ROUTING=on), or routing off
  if (process.env.PL_BENCH_ROUTING) setupBenchRouting(core.ctx, process.env.PL_BENCH_ROUTING === 'on', sys);
  return createApiToken(core.ctx, admin.id, 'bench', sys).token;
});
// bench/rules.bench.ts: N rules (PL_BENCH_RULES) and M open orders made here (PL_BENCH_ORDERS).
if (process.env.PL_BENCH_RULES) seedBenchRules(core, Number(process.env.PL_BENCH_RULES), Number(process.env.PL_BENCH_ORDERS ?? 0));
const http = createHttpServer(core, { port: 0 });
const { url } = await http.listen();
process.stdout.write(JSON.stringify({ url, token, dir }) + '\n');
// PL_BENCH_STALLS=1: what held the core's event loop up (bench/servers/stalls.ts).
if (process.env.PL_BENCH_STALLS) traceStalls();
