// Route handlers of the command centre.
import type { boardRoutes } from '../../../contract/board';
import { KPI_DEFINITIONS, SEES_ALL_OPERATORS } from '../../../contract/board';
import { floor, kpiOrders, kpiTrend, operatorStats, readKpis, shiftBoard, SHOP_WIDE_KPIS } from './queries';
import { createWallLink, revokeWallLink, listWallLinks, wallLinkOf } from './actions/wall-links';
import { actorOf, type ModuleHandlers } from '../../http/handler-env';
import type { Core } from '../../core';
import { warehouseFilterOf } from '../locations/queries';

/** The floor after the board has applied every event committed so far (a parcel just labelled is in it). */
async function freshFloor(core: Core, warehouseId?: string) {
  await core.board.flush();
  return floor(core.ctx, warehouseId);
}

/** Waits (at most `ms`) for the change feed to carry an event after `after`; resolves at once if it has. */
function nextChange(core: Core, sessionId: string, after: number, ms: number, closed: Promise<void>): Promise<void> {
  if (core.feed.lastId() > after) return Promise.resolve();
  return new Promise((resolve) => {
    let sub: { close(): void } | null = null;
    const done = () => {
      clearTimeout(timer);
      sub?.close();
      resolve();
    };
    const timer = setTimeout(done, ms);
    void closed.then(done);
    sub = core.feed.subscribe({
      afterId: after, sessionId,
      sink: { write: () => (queueMicrotask(done), true), sessionEnded: done, buffered: () => 0 },
    });
  });
}

export const handlers: ModuleHandlers<typeof boardRoutes> = {
  shiftBoard: ({ query }, { core }) => shiftBoard(core.ctx, { warehouseId: warehouseFilterOf(core.ctx, query.warehouse) }),
  kpis: ({ query }, { core }) => {
    const warehouseId = warehouseFilterOf(core.ctx, query.warehouse);
    return { asOf: core.ctx.clock.iso(), warehouse: warehouseId ? query.warehouse! : null, values: readKpis(core.ctx, { warehouseId }), shopWide: [...SHOP_WIDE_KPIS] };
  },
  kpiDefinitions: () => ({ ...KPI_DEFINITIONS }),
  kpiOrders: ({ params, query }, { core }) => kpiOrders(core.ctx, params.key, query.limit, warehouseFilterOf(core.ctx, query.warehouse)),
  kpiTrend: ({ query }, { core }) => kpiTrend(core.ctx, query.days, warehouseFilterOf(core.ctx, query.warehouse)),
  operatorStats: ({ query }, env) => {
    const who = actorOf(env);
    return operatorStats(env.core.ctx, { day: query.day, onlyPacker: SEES_ALL_OPERATORS.includes(who.role) ? undefined : who.id });
  },
  floor: ({ query }, { core }) => freshFloor(core, warehouseFilterOf(core.ctx, query.warehouse)),
  listWallLinks: (_i, { core }) => ({ items: listWallLinks(core.ctx) }),
  createWallLink: ({ body }, env) => env.core.writes.run(() => createWallLink(env.core.ctx, body.name, actorOf(env))),
  revokeWallLink: ({ params }, env) => env.core.writes.run(() => revokeWallLink(env.core.ctx, params.id, actorOf(env))),
  wallFloor: async ({ params, query }, { core, req }) => {
    const link = wallLinkOf(core.ctx, params.token);
    const warehouseId = warehouseFilterOf(core.ctx, query.warehouse);
    if (query.after !== undefined) {
      const closed = new Promise<void>((r) => req.once('close', () => r()));
      await nextChange(core, `wall:${link.id}`, query.after, 25_000, closed);
      wallLinkOf(core.ctx, params.token); // revoked while waiting: refused now
    }
    return freshFloor(core, warehouseId);
  },
};
