// Headless entry: the order core, the bench's station runtime and the web UI in one Node process.
//   npm run serve -- --port <p> --data <dir> [--database postgres://...] [--demo] [--lan]
// With --demo the station runs on simulated devices (scale, printer, scanner) so a visitor sees
// live weights; their settings live in <data>/demo-bench, never in a real devices.json.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from './core/core';
import { isPostgresUrl } from './core/store/db';
import { createHttpServer } from './core/http/server';
import { seedDemo, DEMO_USERS } from './core/demo/seed';
import { ensureFirstAdmin, isNewShop } from './core/bootstrap';
import { configureLogging, logger } from './lib/log';
import type { Station } from './station/runtime';
import { startSimulatedBench, type SimulatedBench } from './devices';
import { startPackingStation } from './station/pack';
import { startDemoPeers, type RunningPeer } from './demo/peers';
import { startChannelSync } from './core/modules/channels/flows';
import { startAlerts } from './core/modules/alerts/flows';
import { startTracker } from './core/modules/tracking/flows';
import { startBackupSchedule } from './core/modules/backup/run-backup';
import { ensureCoreCertificate, lanAddresses } from './core/tls';
import { announceCore, PACKLINE_HOST } from './core/mdns';
import type { LanIdentity } from './core/http/handler-env';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: npm run serve -- --port <port> --data <folder> [--database postgres://user@host/db] [--demo] [--lan]\n`);
  process.exit(2);
}

async function main() {
  const t0 = performance.now();
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '5170' },
        data: { type: 'string' },
        database: { type: 'string' },
        demo: { type: 'boolean', default: false },
        lan: { type: 'boolean', default: false },
        web: { type: 'string' },
      },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
  if (!args.data) usage('--data <folder> is required: every order, setting and log is kept there');
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a number from 0 to 65535, not "${args.port}"`);
  const dataDir = resolve(args.data);
  configureLogging({ dataDir });
  const log = logger('serve');

  // --database postgres://...: the core's store is that PostgreSQL database (docs/postgres.md); the
  // data folder still holds logs, label templates and the bench's settings.
  if (args.database && !isPostgresUrl(args.database)) usage(`--database must be a postgres:// URL, not "${args.database}"`);
  const core = openCore({ dataDir, file: args.database, intakeThread: true });
  const fresh = isNewShop(core);
  if (args.demo && fresh) {
    process.stdout.write('Seeding the demo shop (first start only)...\n');
    const n = seedDemo(core);
    log.info({ orders: n }, 'demo seeded');
  }
  const admin = ensureFirstAdmin(core);
  const backups = startBackupSchedule(core); // Settings -> Backups: every N hours
  const webRoot = args.web ? resolve(args.web) : join(root, 'out', 'web');
  // LAN mode: HTTPS with the core's own certificate (made on first start, kept in <data>/tls); the
  // pairing codes carry its fingerprint. Loopback stays plain HTTP.
  const cert = args.lan ? ensureCoreCertificate(dataDir) : null;
  const lan: LanIdentity = { fingerprint: cert?.fingerprint ?? null, urls: [] };
  const http = createHttpServer(core, {
    host: args.lan ? '0.0.0.0' : '127.0.0.1',
    tls: cert ? { key: cert.key, cert: cert.cert } : undefined,
    lan,
    port,
    webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined,
    version: process.env.npm_package_version ?? '0.1.0',
    demoBadges: args.demo ? DEMO_USERS.map((u) => ({ ...u })) : undefined,
  });
  const { url, port: boundPort } = await http.listen();
  const scheme = cert ? 'https' : 'http';
  lan.urls = cert ? [...lanAddresses(), PACKLINE_HOST, `${hostname()}.local`].map((h) => `https://${h}:${boundPort}`) : [`http://localhost:${boundPort}`];
  // LAN mode: benches find the core as packline.local / _packline._tcp (mDNS) too
  const mdns = cert ? announceCore({ port: boundPort, fingerprint: cert.fingerprint }) : null;
  const coreUrl = `${scheme}://127.0.0.1:${boundPort}`;
  startChannelSync(core); // sales channels: write-backs, catch-up polls, the inbox left from before a stop
  const tracker = startTracker(core); // subscribe, poll and scan tracked parcels for stalls every few minutes

  // The station talks to the core over its HTTP API like any bench, here over loopback.
  let bench: SimulatedBench | null = null;
  if (args.demo) {
    try {
      bench = await startSimulatedBench(join(dataDir, 'demo-bench'));
    } catch (e) {
      process.stdout.write(`Simulated devices not started (${(e as Error).message}); the Devices screen shows the real ones.\n`);
    }
  }
  const station: Station = await startPackingStation({ dataDir, coreUrl, pin: cert ? { fingerprint: cert.fingerprint, certPem: cert.cert } : null, hub: bench?.hub, demoScale: bench?.scale });
  station.attach(http.server);
  const ms = Math.round(performance.now() - t0);
  process.stdout.write(`Packline ready on ${url.replace('127.0.0.1', 'localhost')} (data: ${dataDir}, ${ms} ms)\n`);
  if (admin) process.stdout.write(`First start: the admin badge code is ${admin.badge}. Log in with it: the setup page walks you through the rest.\n`);
  if (cert) process.stdout.write(`LAN mode: HTTPS at ${lan.urls.join(', ')}; certificate SHA-256 ${cert.fingerprint} (pairing codes carry it)\n`);
  if (args.demo) process.stdout.write(`Demo badges: ${DEMO_USERS.map((u) => `${u.badge} (${u.role})`).join(', ')}\n`);
  if (bench) {
    process.stdout.write(
      `Simulated bench: label printer at ${bench.printer.address} (send it ZPL with: npm run device -- print ${bench.printer.address} <file>), ` +
        `scale and scanner on ${bench.settings.scale?.address.replace(/\?.*$/, '')} and ${bench.settings.scanners[0]?.address.replace(/\?.*$/, '')}\n`,
    );
  }
  const peers: RunningPeer[] = args.demo ? await startDemoPeers({ core, coreUrl, dataDir }, (line) => process.stdout.write(`${line}\n`)) : [];
  // after the demo's peers: its robots are the channels the first alerts go to
  startAlerts(core); // thresholds every minute, the daily brief, the notification outbox
  log.info({ url, ms }, 'ready');

  const stop = async () => {
    await station.stop();
    await mdns?.stop();
    tracker.stop();
    for (const p of peers) await p.stop();
    await bench?.stop();
    await http.close();
    backups.stop();
    await core.close(); // its threads have let go of the database and a backup under way has stopped
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  const err = e as NodeJS.ErrnoException & { port?: number; address?: string };
  const why =
    err.code === 'EADDRINUSE'
      ? `port ${err.port} on ${err.address} is already in use (is Packline already running? choose another port with --port)`
      : err.message;
  process.stderr.write(`Packline could not start: ${why}\n`);
  process.exit(1);
});
