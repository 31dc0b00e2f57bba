// Reads of locations: the bins as stored, and the walking path of this shop's bins (pick-path.ts
// over the locations table and the pickPath setting), cached until locations or the setting change.
import type { CoreContext } from '../../context';
import type { Db } from '../../store/db';
import { getSettings } from '../settings/queries';
import { buildPath, byWalkingOrder, type PathPoint } from './pick-path';
import type { PathStop } from '../../../contract/locations';
import type { Warehouse } from '../../../contract/locations';
import { notFound } from '../../../lib/errors';
import { defaultWarehouseId, locationIdByRef, locationRowsBySequence, locationsFingerprint, pathLocationRows, selectWarehouseCutoffs, selectWarehouseLabels, selectWarehouses, warehouseIdByRef } from './store';
import type { CarrierCutoffs } from '../../../contract/locations';
import { benchNamesByWarehouse, warehouseIdOfBench } from '../benches/queries';

export function listLocations(ctx: CoreContext) {
  const rows = locationRowsBySequence(ctx.db);
  return rows.map((r) => ({
    id: r.id as string, code: r.code as string,
    zone: (r.zone as string) ?? undefined, aisle: (r.aisle as string) ?? undefined, bay: (r.bay as string) ?? undefined, level: (r.level as string) ?? undefined,
    sequence: (r.sequence as number) ?? undefined, warehouseId: (r.warehouse_id as string) ?? null,
  }));
}

// The path over every location is rebuilt only when locations or the pattern change.
const pathCache = new WeakMap<Db, { key: string; path: Map<string, PathPoint> }>();

export function walkingPath(ctx: CoreContext): Map<string, PathPoint> {
  const settings = getSettings(ctx).pickPath;
  const f = locationsFingerprint(ctx.db);
  const key = `${f.n}|${f.m}|${f.s}|${JSON.stringify(settings)}`;
  const hit = pathCache.get(ctx.db);
  if (hit && hit.key === key) return hit.path;
  const path = buildPath(pathLocationRows(ctx.db), settings);
  pathCache.set(ctx.db, { key, path });
  return path;
}

/** Every bin in walking order (for the settings screen and for checking a layout). */
export function walkingOrder(ctx: CoreContext): PathStop[] {
  return [...walkingPath(ctx).values()].sort(byWalkingOrder)
    .map((p) => ({ code: p.code, zone: p.zone, aisle: p.aisle, bay: p.bay, level: p.level, sequence: p.seq, custom: p.custom }));
}

/** A bin's id by its code or id. */
export function locationIdOf(ctx: CoreContext, ref: string): string | undefined {
  return locationIdByRef(ctx.db, ref);
}

/** Every warehouse (inactive ones too) with its benches and bin count, the default first. */
export function listWarehouses(ctx: CoreContext): Warehouse[] {
  const benches = benchNamesByWarehouse(ctx);
  return selectWarehouses(ctx.db).map((w) => ({
    id: w.id, code: w.code, name: w.name, province: w.province, city: w.city, address: w.address,
    active: w.active === 1, isDefault: w.is_default === 1, benches: benches.get(w.id) ?? [], bins: w.bins, carrierCutoffs: JSON.parse(w.carrier_cutoffs) as CarrierCutoffs, createdAt: w.created_at, updatedAt: w.updated_at,
  }));
}

export function getWarehouse(ctx: CoreContext, ref: string): Warehouse {
  const id = warehouseIdByRef(ctx.db, ref);
  const w = id ? listWarehouses(ctx).find((x) => x.id === id) : undefined;
  if (!w) notFound('warehouse', ref);
  return w!;
}

/** A warehouse's id by its code or id; undefined for "all", nothing, or an unknown one (callers refuse that). */
export function warehouseIdOf(ctx: CoreContext, ref: string | undefined): string | undefined {
  if (!ref || ref === 'all') return undefined;
  return warehouseIdByRef(ctx.db, ref);
}

/**
 * The warehouse a per-warehouse screen asked for: undefined for every warehouse ("all" or none),
 * 404 for one that does not exist (never silently every warehouse).
 */
export function warehouseFilterOf(ctx: CoreContext, ref: string | undefined): string | undefined {
  if (!ref || ref === 'all') return undefined;
  const id = warehouseIdByRef(ctx.db, ref);
  if (!id) notFound('warehouse', ref);
  return id;
}

/** The default warehouse's id (there always is one: the migration made it, and it cannot be unset). */
export function defaultWarehouseOf(ctx: CoreContext): string {
  return defaultWarehouseId(ctx.db)!;
}

/** The warehouse a bench works in (its row on Settings -> Benches; the default for a bench with none). */
export function warehouseOfBench(ctx: CoreContext, bench: string): string {
  return warehouseIdOfBench(ctx, bench);
}

/** Each warehouse's code and name by its id (no counts: cheap enough for every bench lookup). */
export function warehouseLabels(ctx: CoreContext): Map<string, { code: string; name: string; active: boolean }> {
  return new Map(selectWarehouseLabels(ctx.db).map((w) => [w.id, { code: w.code, name: w.name, active: w.active === 1 }]));
}

/** The cut-offs each warehouse overrides (carrier -> HH:MM), by warehouse id; warehouses with none are left out. */
export function warehouseCutoffOverrides(ctx: CoreContext): Map<string, CarrierCutoffs> {
  return new Map(selectWarehouseCutoffs(ctx.db).map((w) => [w.id, JSON.parse(w.carrier_cutoffs) as CarrierCutoffs]));
}

/** The cut-offs that hold in a warehouse: the shop's, each overridden by the warehouse's own; the shop's alone for none (every warehouse). */
export function cutoffsIn(ctx: CoreContext, warehouseId: string | undefined): CarrierCutoffs {
  const shop = getSettings(ctx).carrierCutoffs;
  return warehouseId ? { ...shop, ...warehouseCutoffOverrides(ctx).get(warehouseId) } : shop;
}
