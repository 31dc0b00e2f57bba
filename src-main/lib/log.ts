import { pino, type Logger, type DestinationStream } from 'pino';
import { mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type { Logger };

// Personal data never reaches a log file (STYLE.md habit 12).
const REDACT = [
  '*.phone', '*.name', '*.address', '*.recipient', '*.email', '*.badge', '*.pin', '*.token',
  'req.headers.authorization', 'req.headers.cookie', '*.password',
];

const ROTATE_BYTES = 20 * 1024 * 1024;

function fileDestination(dataDir: string): DestinationStream {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'packline.log');
  try {
    if (statSync(file).size > ROTATE_BYTES) renameSync(file, join(dir, 'packline.1.log'));
  } catch {
    // no log yet
  }
  // Opened here, synchronously: a destination that opens its own file is "not ready" for a moment,
  // and a process exiting in that moment (a busy port at start) crashed in pino's exit flush.
  return pino.destination({ dest: openSync(file, 'a'), sync: false });
}

// Until configured, log to stderr: stdout belongs to the program's own output (CLIs, ready lines).
let root: Logger = pino({ level: process.env.PACKLINE_LOG ?? (process.env.VITEST ? 'silent' : 'warn'), redact: REDACT }, pino.destination(2));

/** Points the process-wide logger at the data folder (a rotating file) and optionally stdout. */
export function configureLogging(opts: { dataDir?: string; level?: string; pretty?: boolean }): Logger {
  const level = opts.level ?? process.env.PACKLINE_LOG ?? 'info';
  const streams: { stream: DestinationStream; level: string }[] = [];
  if (opts.dataDir) streams.push({ stream: fileDestination(opts.dataDir), level });
  if (opts.pretty !== false) streams.push({ stream: pino.destination(2), level: 'warn' });
  root = pino({ level, redact: REDACT }, pino.multistream(streams));
  generation++;
  return root;
}

let generation = 0;
const children = new Map<string, { gen: number; log: Logger }>();

function child(name: string): Logger {
  const c = children.get(name);
  if (c && c.gen === generation) return c.log;
  const log = root.child({ mod: name });
  children.set(name, { gen: generation, log });
  return log;
}

/** A named child logger. Safe to create at import time: it follows a later configureLogging. */
export function logger(name: string): Logger {
  return new Proxy({} as Logger, {
    get(_t, prop) {
      const l = child(name) as unknown as Record<string | symbol, unknown>;
      const v = l[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(l) : v;
    },
  });
}
