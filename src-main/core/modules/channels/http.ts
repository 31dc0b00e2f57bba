// Route handlers of the channels module. The webhook route is public (no login; the signature on
// the raw bytes is the credential): verify, store the inbox rows, answer, and process after.
import type { channelsRoutes } from '../../../contract/channels';
import { fail } from '../../../lib/errors';
import { said } from '../../../contract/field-messages';
import { logger } from '../../../lib/log';
import { actorOf, headerValue, type HandlerEnv, type ModuleHandlers } from '../../http/handler-env';
import { createChannel, updateChannel } from './actions/connections';
import { markForReplay, recordRefusal, storeDeliveries } from './actions/receive';
import { retryWriteBack } from './actions/outbox';
import { channelSync } from './flows';
import { PLATFORMS } from './platforms';
import type { IncomingDelivery } from './platforms/types';
import { testDeliveryFor } from './test-delivery';
import { channelRecord, connectionOf, deliveryOf, getChannel, getDelivery, getWriteBack, listChannels, listDeliveries, listWriteBacks, unmappedSkus } from './queries';

const log = logger('core.channels');

/** The core's address as the caller reached it (what a platform must post to). */
const baseUrl = (env: HandlerEnv) => `${env.req.headers['x-forwarded-proto'] === 'https' || (env.req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${env.req.headers.host ?? '127.0.0.1'}`;

/**
 * A flood of forged deliveries must not turn into a flood of log lines (each a synchronous write on
 * this thread): one line per connection per 10 s, saying how many were refused meanwhile. Every
 * refusal is still counted in the inbox's refusals.
 */
const REFUSAL_LOG_MS = 10_000;
const refusalLog = new Map<string, { at: number; quiet: number }>();
function logRefusal(channel: string, reason: string, bytes: number, from: string | undefined) {
  const now = Date.now();
  const last = refusalLog.get(channel);
  if (last && now - last.at < REFUSAL_LOG_MS) return void last.quiet++;
  refusalLog.set(channel, { at: now, quiet: 0 });
  log.warn({ channel, reason, bytes, from, refusedSinceLastLine: last?.quiet ?? 0 }, 'webhook signature refused');
}

/** A request's header reader for the platforms (returned, not declared per request: tsx names every declared closure, a defineProperty per request). */
function headersOf(req: HandlerEnv['req']): (name: string) => string | null {
  return (name) => headerValue(req, name);
}

/** A row as the intake thread takes it (field by field: a spread followed by a property is V8's slow path on Node 20). */
const onTheWire = (r: IncomingDelivery) => ({ deliveryId: r.deliveryId, topic: r.topic, eventAt: r.eventAt, headers: r.headers, body: r.body.toString('latin1') });

export const handlers: ModuleHandlers<typeof channelsRoutes> = {
  listChannels: (_i, env) => listChannels(env.core.ctx, baseUrl(env)),
  createChannel: async ({ body }, env) => {
    const id = await env.core.writes.run(() => createChannel(env.core.ctx, body, actorOf(env)));
    return getChannel(env.core.ctx, id, baseUrl(env));
  },
  updateChannel: async ({ params, body }, env) => {
    await env.core.writes.run(() => updateChannel(env.core.ctx, params.id, body, actorOf(env)));
    return getChannel(env.core.ctx, params.id, baseUrl(env));
  },
  channelDeliveries: ({ params, query }, { core }) => listDeliveries(core.ctx, params.id, query),
  getDelivery: ({ params }, { core }) => getDelivery(core.ctx, params.id),
  replayDelivery: async ({ params }, { core }) => {
    const d = deliveryOf(core.ctx, params.id);
    if (d.state === 'pending') fail('conflict', said('deliveryWaiting'));
    if (d.state === 'test') fail('conflict', said('testDeliveryNotProcessed'));
    await core.writes.run(() => markForReplay(core.ctx, params.id));
    await channelSync(core).drained();
    return deliveryOf(core.ctx, params.id);
  },
  testDelivery: async ({ params }, env) => {
    const c = connectionOf(env.core.ctx, channelRecord(env.core.ctx, params.id).id)!;
    const t = testDeliveryFor(c, Date.now());
    const res = await fetch(`${baseUrl(env)}/api/hooks/${c.id}`, { method: 'POST', headers: { ...t.headers, 'X-Packline-Test': '1' }, body: t.body, signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    return { status: res.status, ok: res.ok, message: res.ok ? 'the webhook URL answered and the signature was accepted' : text.slice(0, 300) };
  },
  pollChannel: async ({ params }, { core }) => {
    channelRecord(core.ctx, params.id);
    try {
      return await channelSync(core).pollNow(params.id);
    } catch (e) {
      return fail('unavailable', `the platform's API did not answer the poll: ${(e as Error).message}`);
    }
  },
  listWriteBacks: ({ query }, { core }) => listWriteBacks(core.ctx, query),
  listUnmappedSkus: ({ query }, { core }) => ({ items: unmappedSkus(core.ctx, query.orderId ?? null) }),
  retryWriteBack: async ({ params }, env) => {
    await env.core.writes.run(() => retryWriteBack(env.core.ctx, params.id, actorOf(env)));
    void channelSync(env.core).sendDue().catch(() => {});
    return getWriteBack(env.core.ctx, params.id);
  },
  receiveHook: async ({ params, body }, env) => {
    const { core, req } = env;
    const raw = (body as unknown as { bytes: Buffer }).bytes;
    const c = connectionOf(core.ctx, params.id);
    if (!c || !c.enabled) fail('not_found', `no enabled sales channel ${params.id}`);
    const header = headersOf(req);
    const platform = PLATFORMS[c!.kind];
    const problem = platform.verify(c!, raw, header, Date.now());
    if (problem) {
      const onThread = core.intake?.storeDeliveries({ channelId: c!.id, source: 'webhook', receivedAt: core.ctx.clock.iso(), rows: [], refusal: { reason: problem, bytes: raw.length } });
      await (onThread ?? core.writes.run(() => recordRefusal(core.ctx, c!.id, problem, raw.length)));
      logRefusal(c!.code, problem, raw.length, req.socket.remoteAddress);
      fail('unauthenticated', `signature refused: ${problem}`);
    }
    let rows;
    try {
      rows = platform.split(c!, raw, header, core.ctx.clock.iso());
    } catch (e) {
      return fail('bad_request', `the delivery could not be read: ${(e as Error).message}`);
    }
    if (header('x-packline-test') === '1') for (const r of rows) r.headers['x-packline-test'] = '1';
    // Stored (and committed) before the answer. With the intake thread, it stores them and processes
    // the inbox after, on the writer POST /api/orders uses; else this core's writer does and is kicked.
    const onThread = core.intake?.storeDeliveries({ channelId: c!.id, source: 'webhook', receivedAt: core.ctx.clock.iso(), rows: rows.map(onTheWire) });
    const fresh = onThread ? await onThread : await core.writes.run(() => storeDeliveries(core.ctx, c!.id, rows, 'webhook', core.ctx.clock.iso()));
    if (fresh && !onThread) channelSync(core).kick();
    return { ok: true as const, deliveries: rows.length, duplicates: rows.length - fresh };
  },
};
