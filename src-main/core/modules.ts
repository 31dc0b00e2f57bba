// The one list of the core's modules (DESIGN.md "Layout"). The HTTP handlers, the migrations and the
// table ownership come from it; the route table and the OpenAPI document from contract/api.ts,
// which joins the same modules' contract files. A new module: a folder under modules/ and a line here.
import type { Handlers } from './http/handler-env';
import { health } from './http/health';
import { SHARED_MIGRATIONS, SHARED_TABLES, type Migration } from './store/migrate';
import settings from './modules/settings';
import people from './modules/people';
import locations from './modules/locations';
import catalog from './modules/catalog';
import inventory from './modules/inventory';
import orders from './modules/orders';
import imports from './modules/imports';
import exceptions from './modules/exceptions';
import packing from './modules/packing';
import waves from './modules/waves';
import shipping from './modules/shipping';
import labels from './modules/labels';
import board from './modules/board';
import payouts from './modules/payouts';
import channels from './modules/channels';
import returns from './modules/returns';
import tracking from './modules/tracking';
import setup from './modules/setup';
import audit from './modules/audit';
import backup from './modules/backup';
import benches from './modules/benches';
import dispatch from './modules/dispatch';
import alerts from './modules/alerts';
import rules from './modules/rules';
import merges from './modules/merges';

export const MODULES = [settings, people, locations, catalog, inventory, orders, imports, exceptions, packing, waves, shipping, labels, board, payouts, channels, returns, tracking, setup, audit, backup, benches, dispatch, alerts, rules, merges] as const;

/** Every migration, shared machinery's and each module's, in version order. */
export const MIGRATIONS: Migration[] = [...SHARED_MIGRATIONS, ...MODULES.flatMap((m) => m.migrations)].sort((a, b) => a.version - b.version);

/** Table -> the module that owns it ("store" for the shared machinery: events, idempotency, counters). */
export const TABLE_OWNERS: ReadonlyMap<string, string> = new Map([
  ...SHARED_TABLES.map((t) => [t, 'store'] as const),
  ...MODULES.flatMap((m) => m.tables.map((t) => [t, m.name] as const)),
]);

/** Every route's handler (the server answers the change feed and the OpenAPI document itself). */
export const handlers = Object.assign({ health: (_i: unknown, env: Parameters<typeof health>[0]) => health(env) }, ...MODULES.map((m) => m.handlers)) as Handlers;
