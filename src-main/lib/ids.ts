import { monotonicFactory } from 'ulid';
import { randomFillSync } from 'node:crypto';

/** Prefixes of every id kind (DESIGN.md: prefixed ULIDs, easy to print as barcodes). */
export const ID_PREFIX = {
  order: 'ord',
  line: 'oln',
  sku: 'sku',
  box: 'box',
  location: 'loc',
  user: 'usr',
  token: 'tok',
  parcel: 'par',
  exception: 'exc',
  wave: 'wav',
  waveRule: 'wvr',
  manifest: 'man',
  mapping: 'map',
  job: 'job',
  device: 'dev',
  import: 'imp',
  channel: 'chn',
  delivery: 'dlv',
  writeBack: 'wbk',
  return: 'ret',
  returnLine: 'rtl',
  returnUnit: 'rtu',
  bench: 'bch',
  warehouse: 'wh',
  routingRule: 'rrl',
  threshold: 'thr',
  alert: 'alr',
  notifyChannel: 'ntc',
  notice: 'ntm',
  wallLink: 'wal',
  rule: 'rul',
  flag: 'flg',
  instruction: 'ins',
} as const;
export type IdKind = keyof typeof ID_PREFIX;

export type IdGenerator = (kind: IdKind) => string;

/** Monotonic per generator, so its ids sort in creation order even within one millisecond (the order
 * intake thread has a generator of its own: across the two, ids sort by millisecond only). */
export function ulidIds(now: () => number = Date.now): IdGenerator {
  const next = monotonicFactory(bufferedRandom());
  return (kind) => `${ID_PREFIX[kind]}_${next(now())}`;
}

/** Deterministic ids for tests: ord_0001, ord_0002, ... */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return (kind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${ID_PREFIX[kind]}_${String(n).padStart(4, '0')}`;
  };
}

/** Crypto-strength randomness read from a refilled pool: the default asks the OS once per character. */
function bufferedRandom(): () => number {
  const pool = new Uint8Array(4096);
  let i = pool.length;
  return () => {
    if (i >= pool.length) {
      randomFillSync(pool);
      i = 0;
    }
    return pool[i++]! / 256;
  };
}
