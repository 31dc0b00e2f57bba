// Bench actions: create (in a warehouse), change or move, a one-time pairing code, pairing (the
// code -> the bench's own token), revoking, and the bench's last contact. Each validates, applies
// and records an event.
import { randomBytes, randomInt } from 'node:crypto';
import type { CoreContext } from '../../../context';
import { PAIRING_CODE_MINUTES, type Bench, type BenchInput, type BenchPatch } from '../../../../contract/benches';
import { fail, issue, notFound } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { defaultWarehouseOf, warehouseIdOf, warehouseLabels } from '../../locations/queries';
import { benchOut, secretHash } from '../queries';
import {
  benchNameTaken, insertBench, insertCode, markBenchRevoked, markCodeUsed, replaceOpenCodes, selectBench, selectBenchByRef, selectBenchIdsIn, selectCode,
  setBenchToken, setBenchWarehouse, setLastContact, updateBenchRow,
} from '../store';

// No 0/O, 1/I/L: a code is read off a screen and typed on another PC.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function newCode(): string {
  const c = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

/** A typed code as it was made: upper case, the dash where it belongs, look-alike letters read as digits. */
export function normaliseCode(typed: string): string {
  const c = typed.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

/** The warehouse (code or id) a bench goes to: it must exist and be active; the default one when none is named. */
function benchWarehouseOf(ctx: CoreContext, ref: string | undefined): string {
  if (!ref) return defaultWarehouseOf(ctx);
  const id = warehouseIdOf(ctx, ref);
  if (!id) fail('validation', said('benchWarehouseUnknown', { ref }), [issue('warehouse', said('noWarehouse', { ref }))]);
  const w = warehouseLabels(ctx).get(id!)!;
  if (!w.active) fail('validation', said('benchWarehouseInactive', { code: w.code }), [issue('warehouse', said('warehouseInactive', { code: w.code }))]);
  return id!;
}

function nameFree(ctx: CoreContext, name: string, except = ''): void {
  if (benchNameTaken(ctx.db, name, except)) fail('conflict', said('benchNameTaken', { name }), [issue('name', said('inUse'))]);
}

export function createBench(ctx: CoreContext, input: BenchInput, actor: Actor): Bench {
  return addBench(ctx, input, benchWarehouseOf(ctx, input.warehouse), actor, ctx.ids('bench'));
}

/** `id`: a bch_ id, or a station name from before pairing (an unpaired station records itself by its name). */
function addBench(ctx: CoreContext, input: Omit<BenchInput, 'warehouse'>, warehouseId: string, actor: Actor, id: string): Bench {
  nameFree(ctx, input.name);
  insertBench(ctx.db, { id, name: input.name, warehouseId, printer: input.printer || null, scale: input.scale || null, createdAt: ctx.clock.iso(), createdBy: actor.id });
  appendEvent(ctx.db, ctx.clock, { type: 'bench.created', entity: 'bench', entityId: id, actor, data: { name: input.name, warehouseId } });
  return benchOut(ctx, selectBench(ctx.db, id)!);
}

export function updateBench(ctx: CoreContext, benchId: string, patch: BenchPatch, actor: Actor): Bench {
  const b = selectBench(ctx.db, benchId) ?? notFound('bench', benchId);
  if (b.revoked_at) fail('conflict', said('benchRevoked', { name: b.name }));
  if (patch.name) nameFree(ctx, patch.name, b.id);
  const warehouseId = patch.warehouse ? benchWarehouseOf(ctx, patch.warehouse) : b.warehouse_id;
  const keep = (v: string | undefined, was: string | null) => (v === undefined ? was : v || null);
  updateBenchRow(ctx.db, b.id, { name: patch.name ?? b.name, warehouseId, printer: keep(patch.printer, b.printer), scale: keep(patch.scale, b.scale) });
  appendEvent(ctx.db, ctx.clock, { type: 'bench.updated', entity: 'bench', entityId: b.id, actor, data: { ...patch, warehouseId } });
  return benchOut(ctx, selectBench(ctx.db, b.id)!);
}

/**
 * Settings -> Warehouses' older way (a warehouse's list of bench names): each named bench (by name
 * or id) works in this warehouse; a name no bench has becomes a bench waiting for its code, with
 * that name as its id (what an unpaired station records); a bench left out goes back to the default.
 */
export function placeBenches(ctx: CoreContext, warehouseId: string, refs: readonly string[], actor: Actor): void {
  const fallback = defaultWarehouseOf(ctx);
  const named = new Set<string>();
  for (const ref of refs) {
    const b = selectBenchByRef(ctx.db, ref);
    if (!b) named.add(addBench(ctx, { name: ref }, warehouseId, actor, ref).id);
    else if (b.revoked_at) fail('conflict', said('benchesRevoked', { name: b.name }), [issue('benches', said('benchRefRevoked', { ref }))]);
    else {
      named.add(b.id);
      moveBench(ctx, b.id, b.warehouse_id, warehouseId, actor);
    }
  }
  if (warehouseId === fallback) return;
  for (const id of selectBenchIdsIn(ctx.db, warehouseId)) if (!named.has(id)) moveBench(ctx, id, warehouseId, fallback, actor);
}

function moveBench(ctx: CoreContext, benchId: string, from: string, to: string, actor: Actor): void {
  if (from === to) return;
  setBenchWarehouse(ctx.db, benchId, to);
  appendEvent(ctx.db, ctx.clock, { type: 'bench.updated', entity: 'bench', entityId: benchId, actor, data: { warehouseId: to } });
}

/** A new one-time code for the bench (answered once; only its hash is kept); earlier unused ones stop working. */
export function newPairingCode(ctx: CoreContext, benchId: string, actor: Actor): { code: string; expiresAt: string } {
  const b = selectBench(ctx.db, benchId) ?? notFound('bench', benchId);
  if (b.revoked_at) fail('conflict', said('benchRevokedOn', { name: b.name, at: b.revoked_at.slice(0, 16).replace('T', ' ') }));
  const now = ctx.clock.iso();
  const code = newCode();
  const expiresAt = new Date(ctx.clock.now() + PAIRING_CODE_MINUTES * 60_000).toISOString();
  replaceOpenCodes(ctx.db, benchId, now);
  insertCode(ctx.db, { codeHash: secretHash(code), benchId, createdAt: now, expiresAt });
  appendEvent(ctx.db, ctx.clock, { type: 'bench.code_issued', entity: 'bench', entityId: benchId, actor, data: { expiresAt } });
  return { code, expiresAt };
}

/** The code, once and in time -> the bench's own long-lived token (an earlier token of the bench stops working). */
export function pairBench(ctx: CoreContext, typedCode: string): { bench: Bench; token: string } {
  const code = normaliseCode(typedCode);
  const c = selectCode(ctx.db, secretHash(code)) ?? fail('unauthenticated', `pairing code ${code} is not one this core made: check it on Settings -> Benches, or make a new one there`);
  const b = selectBench(ctx.db, c.bench_id)!;
  if (c.used_at) fail('unauthenticated', `pairing code ${code} was used already (${c.used_at.slice(0, 16).replace('T', ' ')} UTC): a code pairs one bench once; make a new one on Settings -> Benches`);
  if (c.replaced_at) fail('unauthenticated', `pairing code ${code} was replaced by a newer code for bench "${b.name}": use the newest one`);
  if (b.revoked_at) fail('unauthenticated', `bench "${b.name}" was revoked: a lead creates a new bench on Settings -> Benches`);
  if (Date.parse(c.expires_at) <= ctx.clock.now()) {
    fail('unauthenticated', `pairing code ${code} expired at ${c.expires_at.slice(11, 16)} UTC (codes last ${PAIRING_CODE_MINUTES} minutes): make a new one on Settings -> Benches`);
  }
  const now = ctx.clock.iso();
  const token = `plb_${randomBytes(24).toString('base64url')}`;
  markCodeUsed(ctx.db, c.code_hash, now);
  setBenchToken(ctx.db, b.id, secretHash(token), now);
  appendEvent(ctx.db, ctx.clock, { type: 'bench.paired', entity: 'bench', entityId: b.id, actor: { id: b.id, role: 'bench', name: b.name }, data: { bench: b.id } });
  return { bench: benchOut(ctx, selectBench(ctx.db, b.id)!), token };
}

export function revokeBench(ctx: CoreContext, benchId: string, actor: Actor): Bench {
  const b = selectBench(ctx.db, benchId) ?? notFound('bench', benchId);
  if (b.revoked_at) fail('conflict', said('benchRevokedAlready', { name: b.name }));
  const now = ctx.clock.iso();
  markBenchRevoked(ctx.db, benchId, now);
  replaceOpenCodes(ctx.db, benchId, now);
  appendEvent(ctx.db, ctx.clock, { type: 'bench.revoked', entity: 'bench', entityId: benchId, actor, data: { name: b.name } });
  return benchOut(ctx, selectBench(ctx.db, benchId)!);
}

/** The bench was heard from (kept to the minute: one write a minute per bench at most, no event). */
export function touchBench(ctx: CoreContext, benchId: string): void {
  setLastContact(ctx.db, benchId, ctx.clock.iso());
}
