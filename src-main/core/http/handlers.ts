import { OrderInput } from '../../contract/orders';
import type { BulkResult } from '../../contract/orders';
import { login, createUser, listUsers, createApiToken, revokeToken } from '../domain/people';
import { getOrder, listOrders, orderEvents, applyOrderAction, stateCounts, orderIdsByCode, orderSummaries, orderSummary } from '../domain/orders';
import { createSku, getSku, listSkus, updateSku, createBoxType, listBoxTypes, createLocation, listLocations, resolveSkuCode, ensureLocation } from '../domain/catalog';
import { listStock, adjustStock } from '../domain/inventory';
import { getSettings, putSettings } from '../domain/settings';
import { listCsvMappings, createCsvMapping, previewCsv, importCsv } from '../domain/csv-import';
import { importOrders } from '../domain/order-import';
import { AppError, fail } from '../../lib/errors';
import { zodIssues } from './validate';
import { reply, actorOf, forRole, orderTextForRole, idempotencyKey, type Handlers } from './handler-env';
import { packingHandlers } from './packing-handlers';
import { labelHandlers } from './label-handlers';
import { waveHandlers } from './wave-handlers';

export { reply, headerValue, type Reply, type HandlerEnv } from './handler-env';


const SESSION_COOKIE = (token: string, maxAge: number) => `pl_session=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}`;

export const handlers: Handlers = {
  health: (_i, { core, version, demoBadges }) => ({
    ok: true, version, schema: core.schema, uptimeS: Math.round((Date.now() - core.startedAt) / 1000), lastEventId: core.feed.lastId(),
    ...(demoBadges ? { demoBadges } : {}),
  }),

  login: async ({ body }, { core }) => {
    const r = await core.writes.run(() => login(core.ctx, body.badge, body.pin));
    return reply(200, r, { 'Set-Cookie': SESSION_COOKIE(r.token, 12 * 3600) });
  },
  logout: async (_i, env) => {
    const who = actorOf(env);
    await env.core.writes.run(() => revokeToken(env.core.ctx, who.tokenId));
    return reply(200, { ok: true }, { 'Set-Cookie': SESSION_COOKIE('', 0) });
  },
  me: (_i, env) => {
    const who = actorOf(env);
    return { user: { id: who.id, name: who.name, role: who.role, active: true } };
  },
  listUsers: (_i, { core }) => ({ items: listUsers(core.ctx) }),
  createUser: ({ body }, env) => env.core.writes.run(() => createUser(env.core.ctx, body, actorOf(env))).then((u) => reply(201, u)),
  createToken: ({ body }, env) => env.core.writes.run(() => createApiToken(env.core.ctx, body.userId, body.label, actorOf(env))).then((t) => reply(201, t)),

  listOrders: ({ query }, { core }) => listOrders(core.ctx, query),
  getOrder: ({ params }, env) => forRole(getOrder(env.core.ctx, params.id), actorOf(env).role),
  orderEvents: ({ params }, { core }) => ({ items: orderEvents(core.ctx, params.id) }),
  stateCounts: (_i, { core }) => ({ counts: stateCounts(core.ctx), lastEventId: core.feed.lastId() }),

  createOrder: async ({ body }, env) => {
    const who = actorOf(env);
    const key = idempotencyKey(env.req, false);
    const out = await env.core.submitOrder(body, who, key);
    const headers: Record<string, string> = { Location: `/api/orders/${out.orderId}` };
    if (out.replayed) headers['Idempotent-Replayed'] = 'true';
    return reply(out.status, orderTextForRole(out.text, who.role), headers);
  },

  bulkOrders: async ({ body }, env) => {
    const who = actorOf(env);
    const { ctx } = env.core;
    const parsed = body.orders.map((o) => OrderInput.safeParse(o));
    const valid = parsed.flatMap((p, index) => (p.success ? [{ index, input: p.data }] : []));
    const stored = await importOrders(env.core, valid.map((v) => v.input), who, ({ orderId, duplicate, order }) => ({
      order: order ? orderSummary(order) : orderSummaries(ctx, [orderId])[0]!, duplicate,
    }));
    const results: BulkResult['results'] = parsed.map((p, index) =>
      p.success ? (null as unknown as BulkResult['results'][number]) : { index, ok: false, code: 'validation', message: `orders.${index}: invalid order`, issues: zodIssues(p.error, `orders.${index}`) });
    valid.forEach(({ index }, i) => {
      const r = stored[i]!;
      results[index] = r instanceof AppError
        ? { index, ok: false, code: r.code, message: `orders.${index}: ${r.message}`, issues: r.issues?.map((x) => ({ path: `orders.${index}.${x.path}`, message: x.message })) }
        : { index, ok: true, ...r };
    });
    return {
      results,
      created: results.filter((r) => r.ok && !r.duplicate).length,
      duplicates: results.filter((r) => r.ok && r.duplicate).length,
      failed: results.filter((r) => !r.ok).length,
    };
  },

  orderAction: async ({ params, body }, env) => {
    const who = actorOf(env);
    const order = await env.core.writes.run(() => {
      applyOrderAction(env.core.ctx, params.id, params.action, who, { reason: body.reason, expectedVersion: body.expectedVersion });
      return getOrder(env.core.ctx, params.id);
    });
    return forRole(order, who.role);
  },

  lookup: ({ params }, { core }) => {
    const sku = resolveSkuCode(core.ctx, params.code);
    const skuRow = sku ? getSku(core.ctx, sku.skuId) : null;
    return {
      code: params.code,
      orders: orderSummaries(core.ctx, orderIdsByCode(core.ctx, params.code, 50)),
      skus: skuRow ? [{ id: skuRow.id, sku: skuRow.sku, name: skuRow.name }] : [],
      units: sku?.units ?? null,
    };
  },

  listSkus: ({ query }, { core }) => listSkus(core.ctx, query.q, query.limit, query.cursor),
  getSku: ({ params }, { core }) => getSku(core.ctx, params.id),
  createSku: ({ body }, env) => env.core.writes.run(() => createSku(env.core.ctx, body, actorOf(env))).then((s) => reply(201, s)),
  updateSku: ({ params, body }, env) => env.core.writes.run(() => updateSku(env.core.ctx, params.id, body, actorOf(env))),
  listBoxTypes: (_i, { core }) => ({ items: listBoxTypes(core.ctx) }),
  createBoxType: ({ body }, env) => env.core.writes.run(() => createBoxType(env.core.ctx, body, actorOf(env))).then((b) => reply(201, b)),
  listLocations: (_i, { core }) => ({ items: listLocations(core.ctx) }),
  createLocation: ({ body }, env) => env.core.writes.run(() => createLocation(env.core.ctx, body)).then((l) => reply(201, l)),

  listStock: ({ query }, { core }) => ({ items: listStock(core.ctx, { q: query.q, belowSafety: query.belowSafety === 'true', limit: query.limit }) }),
  adjustStock: ({ body }, env) =>
    env.core.writes.run(() => {
      const ctx = env.core.ctx;
      const sku = resolveSkuCode(ctx, body.sku) ?? fail('validation', `unknown SKU "${body.sku}"`, [{ path: 'sku', message: 'unknown' }]);
      return adjustStock(ctx, { skuId: sku.skuId, locationId: ensureLocation(ctx, body.location), onHandDelta: body.onHandDelta, inTransitDelta: body.inTransitDelta, reason: body.reason }, actorOf(env));
    }),

  getSettings: (_i, { core }) => getSettings(core.ctx),
  putSettings: ({ body }, env) => env.core.writes.run(() => putSettings(env.core.ctx, body, actorOf(env))),

  listCsvMappings: (_i, { core }) => ({ items: listCsvMappings(core.ctx) }),
  createCsvMapping: ({ body }, env) => env.core.writes.run(() => createCsvMapping(env.core.ctx, body, actorOf(env))).then((m) => reply(201, m)),
  previewCsv: ({ body }) => previewCsv(body as unknown as Buffer),
  importCsv: ({ query, body }, env) => importCsv(env.core, query.mapping, body as unknown as Buffer, actorOf(env)),

  ...labelHandlers,
  ...packingHandlers,
  ...waveHandlers,
};


