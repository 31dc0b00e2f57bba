import type { z } from 'zod';
import { systemRoutes } from './system';
import { peopleRoutes } from './people';
import { ordersRoutes } from './orders';
import { catalogRoutes } from './catalog';
import { locationsRoutes } from './locations';
import { inventoryRoutes } from './inventory';
import { settingsRoutes } from './settings';
import { importsRoutes } from './imports';
import { packingRoutes } from './packing';
import { exceptionsRoutes } from './exceptions';
import { wavesRoutes } from './waves';
import { boardRoutes } from './board';
import { carrierAccountRoutes, shippingRoutes } from './shipping';
import { trackingRoutes } from './tracking';
import { carriersRoutes } from './carriers';
import { setupRoutes } from './setup';
import { labelsRoutes } from './labels';
import { payoutsRoutes } from './payouts';
import { channelsRoutes } from './channels';
import { returnsRoutes } from './returns';
import { auditRoutes } from './audit';
import { backupRoutes } from './backup';
import { benchesRoutes } from './benches';
import { dispatchRoutes } from './dispatch';
import { alertsRoutes } from './alerts';
import { rulesRoutes } from './rules';
import { mergesRoutes } from './merges';

// Every HTTP route, declared once in its module's contract file and joined here. The core binds a
// handler to each name; the renderer's client and the OpenAPI document are derived from the same
// table (STYLE.md habit 1).

export const routes = {
  ...systemRoutes,
  ...peopleRoutes,
  ...ordersRoutes,
  ...catalogRoutes,
  ...locationsRoutes,
  ...inventoryRoutes,
  ...settingsRoutes,
  ...importsRoutes,
  ...packingRoutes,
  ...exceptionsRoutes,
  ...wavesRoutes,
  ...boardRoutes,
  ...shippingRoutes,
  ...carrierAccountRoutes,
  ...trackingRoutes,
  ...carriersRoutes,
  ...setupRoutes,
  ...labelsRoutes,
  ...payoutsRoutes,
  ...channelsRoutes,
  ...returnsRoutes,
  ...auditRoutes,
  ...backupRoutes,
  ...benchesRoutes,
  ...dispatchRoutes,
  ...alertsRoutes,
  ...rulesRoutes,
  ...mergesRoutes,
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
export type RouteInput<K extends RouteName> = {
  params: Infer<Routes[K] extends { params: infer P } ? P : undefined>;
  query: Infer<Routes[K] extends { query: infer Q } ? Q : undefined>;
  body: Infer<Routes[K] extends { body: infer B } ? B : undefined>;
};
export type RouteOutput<K extends RouteName> = z.infer<Routes[K]['response']>;
