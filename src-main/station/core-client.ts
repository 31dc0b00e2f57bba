import type { RouteName, RouteOutput } from '../contract/api';
import { requestFor, type CallArgs } from '../contract/client';
import type { ChangeEvent } from '../contract/system';
import { AppError } from '../lib/errors';
import { logger } from '../lib/log';
import { BENCH_HEADER } from '../contract/benches';

// The station's link to the order core: the same HTTP API and change feed every bench uses,
// whether the core runs in this process (npm run serve), a utility process or on another PC.

const log = logger('core-client');

export interface CoreClient {
  readonly baseUrl: string;
  call<K extends RouteName>(name: K, args?: CallArgs<K>, token?: string | null): Promise<RouteOutput<K>>;
  /** the fetch this link uses (a LAN core's pinned HTTPS, else the global one) */
  readonly fetch: typeof fetch;
  /** headers every request to the core carries: the paired bench's token */
  benchHeaders(): Record<string, string>;
  /** the bench's token from pairing on (null: an unpaired bench, the core records the bench it names) */
  useBench(token: string | null): void;
}

export interface CoreLinkOptions {
  timeoutMs?: number;
  /** a fetch that trusts only the pinned certificate (pinned-tls.ts) for an HTTPS core */
  fetch?: typeof fetch;
  benchToken?: string | null;
}

export function createCoreClient(baseUrl: string, opts: CoreLinkOptions = {}): CoreClient {
  const base = baseUrl.replace(/\/$/, '');
  const doFetch = opts.fetch ?? fetch;
  let benchToken = opts.benchToken ?? null;
  const benchHeaders = (): Record<string, string> => (benchToken ? { [BENCH_HEADER]: benchToken } : {});
  return {
    baseUrl: base,
    fetch: doFetch,
    benchHeaders,
    useBench(token) {
      benchToken = token;
    },
    async call(name, args = {}, token = null) {
      const { url, init } = requestFor(name, args, token);
      let res: Response;
      try {
        res = await doFetch(base + url, { ...init, headers: { ...(init.headers as Record<string, string>), ...benchHeaders() }, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
      } catch (e) {
        if (e instanceof AppError) throw e; // a certificate that is not the pinned one: said in words, not "not answering"
        const cause = (e as { cause?: unknown }).cause;
        if (cause instanceof AppError) throw cause;
        throw new AppError('unavailable', `the order core at ${base} is not answering (${(e as Error).message})`);
      }
      const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } | null;
      if (!res.ok) {
        const err = json?.error;
        throw new AppError((err?.code ?? 'internal') as never, err?.message ?? `HTTP ${res.status} from the order core`, err?.issues);
      }
      return json as never;
    },
  };
}

export interface FeedFollower {
  /** last event id seen (resume point) */
  lastId(): number;
  online(): boolean;
  close(): void;
}

/**
 * Follows /api/events (server-sent events) and resumes with Last-Event-ID after a drop, so no
 * change is missed while a cable is out. `onEvent` gets each change once, in id order.
 */
export function followFeed(
  link: string | CoreClient,
  token: () => string | null,
  handlers: { onEvent: (e: ChangeEvent) => void; onOnline?: (online: boolean) => void },
  opts: { fromId?: number; retryMs?: number } = {},
): FeedFollower {
  const baseUrl = typeof link === 'string' ? link : link.baseUrl;
  const doFetch = typeof link === 'string' ? fetch : link.fetch;
  const extra = () => (typeof link === 'string' ? {} : link.benchHeaders());
  let last = opts.fromId ?? -1;
  let isOnline = false;
  let closed = false;
  let abort: AbortController | null = null;
  const setOnline = (v: boolean) => {
    if (v !== isOnline) {
      isOnline = v;
      handlers.onOnline?.(v);
    }
  };

  const connect = async () => {
    while (!closed) {
      abort = new AbortController();
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream', ...extra() };
        const t = token();
        if (t) headers.Authorization = `Bearer ${t}`;
        if (last >= 0) headers['Last-Event-ID'] = String(last);
        const res = await doFetch(`${baseUrl.replace(/\/$/, '')}/api/events`, { headers, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        setOnline(true);
        const decoder = new TextDecoder();
        let buf = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (!data || !/^event: change$/m.test(block)) continue; // `dropped`/`ended` close the stream: it resumes from `last`
            const e = JSON.parse(data) as ChangeEvent;
            if (e.id <= last) continue;
            last = e.id;
            try {
              handlers.onEvent(e);
            } catch (err) {
              log.error({ err, event: e.id }, 'change handler failed');
            }
          }
        }
      } catch (e) {
        if (closed) return;
        log.warn({ err: (e as Error).message }, 'change feed dropped; resuming');
      }
      setOnline(false);
      if (!closed) await new Promise((r) => setTimeout(r, opts.retryMs ?? 500));
    }
  };
  void connect();
  return {
    lastId: () => last,
    online: () => isOnline,
    close() {
      closed = true;
      abort?.abort();
    },
  };
}
