// Which bench a request comes from: the `X-Packline-Bench` token a paired bench sends beside the
// operator's session. Looked up once per few seconds per token (every bench request carries it);
// its last contact is written at most once a minute per bench, off the request's path.
import type { IncomingMessage } from 'node:http';
import type { Bench } from '../../../contract/benches';
import { BENCH_HEADER } from '../../../contract/benches';
import { fail } from '../../../lib/errors';
import { logger } from '../../../lib/log';
import type { Core } from '../../core';
import { touchBench } from './actions/pairing';
import { benchByToken } from './queries';

const log = logger('benches');
const CACHE_MS = 5_000;
const CONTACT_EVERY_MS = 60_000;

export function benchAuthenticator(core: Core) {
  const cache = new Map<string, { bench: Bench | null; until: number }>();
  const touched = new Map<string, number>();
  const lookup = (token: string): Bench | null => {
    const now = Date.now();
    const hit = cache.get(token);
    if (hit && hit.until > now) return hit.bench;
    const bench = benchByToken(core.ctx, token);
    if (cache.size > 1_000) cache.clear();
    cache.set(token, { bench, until: now + CACHE_MS });
    return bench;
  };
  const contact = (bench: Bench) => {
    const now = Date.now();
    if (now - (touched.get(bench.id) ?? 0) < CONTACT_EVERY_MS) return;
    touched.set(bench.id, now);
    core.writes.run(() => touchBench(core.ctx, bench.id)).catch((err: unknown) => log.warn({ err: (err as Error).message, bench: bench.id }, 'last contact not recorded'));
  };
  return {
    /** The bench of this request; null without the header; refused with words for a token that no longer pairs. */
    of(req: IncomingMessage): Bench | null {
      const raw = req.headers[BENCH_HEADER];
      const token = Array.isArray(raw) ? raw[0] : raw;
      if (!token) return null;
      const bench = lookup(token);
      if (!bench) fail('unauthenticated', 'this bench is not paired with this core (it was revoked, or paired again elsewhere): a lead makes a new code on Settings -> Benches');
      contact(bench!);
      return bench;
    },
    /** A revoked bench is refused at once, not when its cache entry runs out. */
    forget(benchId: string) {
      for (const [k, v] of cache) if (v.bench?.id === benchId) cache.delete(k);
    },
  };
}
