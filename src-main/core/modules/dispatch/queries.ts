// Reads of dispatch: the routing as a lead edits it, the router's config (cached until the routing
// or the warehouses change), and transfer suggestions.
import type { CoreContext } from '../../context';
import type { Db } from '../../store/db';
import type { OrderRouting, Routing, TransferSuggestion } from '../../../contract/dispatch';
import { defaultWarehouseOf, listWarehouses, warehouseFilterOf } from '../locations/queries';
import { orderRecord, splitShipmentsOf } from '../orders/queries';
import type { RoutingConfig } from './router';
import { routingFingerprint, selectOpenTransfers, selectOrderTransfers, selectRoutingRules, selectRoutingSettings } from './store';

export function getRouting(ctx: CoreContext): Routing {
  const s = selectRoutingSettings(ctx.db);
  return {
    enabled: s.enabled === 1,
    split: s.split === 1,
    priority: JSON.parse(s.priority) as string[],
    rules: selectRoutingRules(ctx.db).map((r) => ({
      id: r.id, position: r.position, name: r.name, warehouseId: r.warehouse_id, warehouse: r.warehouse,
      provinces: JSON.parse(r.provinces) as string[], cities: JSON.parse(r.cities) as string[], active: r.active === 1,
    })),
  };
}

const configCache = new WeakMap<Db, { key: string; config: RoutingConfig }>();

/** What the router needs: active warehouses in priority order, active rules to active warehouses. */
export function routingConfig(ctx: CoreContext): RoutingConfig {
  const key = routingFingerprint(ctx.db);
  const hit = configCache.get(ctx.db);
  if (hit && hit.key === key) return hit.config;
  const r = getRouting(ctx);
  const active = listWarehouses(ctx).filter((w) => w.active).map((w) => w.id);
  const order = [...r.priority.filter((id) => active.includes(id)), ...active.filter((id) => !r.priority.includes(id))];
  const config: RoutingConfig = {
    enabled: r.enabled, split: r.split, defaultWarehouseId: defaultWarehouseOf(ctx), order,
    rules: r.rules.filter((x) => x.active && active.includes(x.warehouseId)).map((x) => ({ warehouseId: x.warehouseId, provinces: x.provinces, cities: x.cities })),
  };
  configCache.set(ctx.db, { key, config });
  return config;
}

export function listTransfers(ctx: CoreContext, warehouse: string | undefined, limit = 500): TransferSuggestion[] {
  return selectOpenTransfers(ctx.db, warehouseFilterOf(ctx, warehouse), limit);
}

export function orderRouting(ctx: CoreContext, orderId: string): OrderRouting {
  const o = orderRecord(ctx, orderId);
  const warehouses = listWarehouses(ctx);
  const codeOf = (id: string | null) => (id ? (warehouses.find((w) => w.id === id)?.code ?? null) : null);
  const { head, shipments } = splitShipmentsOf(ctx, o.id);
  return {
    warehouseId: o.warehouse_id, warehouse: codeOf(o.warehouse_id), transfers: selectOrderTransfers(ctx.db, o.id),
    manual: o.route_manual === 1,
    splitOf: o.split_of ? { orderId: head.id, number: head.number } : null,
    shipments: shipments.map((p) => ({ orderId: p.id, number: p.number, state: p.state, warehouseId: p.warehouse_id, warehouse: codeOf(p.warehouse_id), lines: p.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty })) })),
  };
}
