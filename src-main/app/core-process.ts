// The order core inside an Electron utility process: plain Node, no electron import.
// Reports {type:'ready', url} to the parent, or {type:'error'} with a reason a person can read.
import { join } from 'node:path';
import { openCore } from '../core/core';
import { createHttpServer } from '../core/http/server';
import { startAlerts } from '../core/modules/alerts/flows';
import { startTracker } from '../core/modules/tracking/flows';
import { ensureFirstAdmin } from '../core/bootstrap';
import { configureLogging } from '../lib/log';
import { startChannelSync } from '../core/modules/channels/flows';
import { startBackupSchedule } from '../core/modules/backup/run-backup';

interface ParentPort { postMessage(m: unknown): void }
const parent = (process as unknown as { parentPort?: ParentPort }).parentPort;

async function run() {
  const i = process.argv.indexOf('--data');
  const dataDir = i > 0 ? process.argv[i + 1]! : join(process.cwd(), 'data');
  configureLogging({ dataDir });
  const core = openCore({ dataDir, intakeThread: true });
  const admin = ensureFirstAdmin(core);
  startBackupSchedule(core); // Settings -> Backups: every N hours (the timer never keeps the process alive)
  const http = createHttpServer(core, { webRoot: join(__dirname, '..', 'web'), port: 0 });
  const { url } = await http.listen();
  startChannelSync(core); // sales channels: write-backs, catch-up polls, the inbox left from before a stop
  startTracker(core); // subscribe, poll and scan tracked parcels for stalls every few minutes
  startAlerts(core); // thresholds every minute, the daily brief, the notification outbox
  if (parent) parent.postMessage({ type: 'ready', url, firstAdminBadge: admin?.badge });
  // Under plain Node (benchmarks, a technician's check) the same message goes to stdout.
  else process.stdout.write(`${JSON.stringify({ type: 'ready', url, firstAdminBadge: admin?.badge })}\n`);
}

run().catch((e) => {
  const error = `the order core failed: ${(e as Error).message}`;
  if (parent) parent.postMessage({ type: 'error', error });
  else process.stderr.write(`${error}\n`);
  process.exitCode = 1;
});
