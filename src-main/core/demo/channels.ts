// Demo data of the channels module: the simulated Shopify store's connection (its API base is the
// peer's address, known only when the peer starts, so the peer calls this with it).
import type { Core } from '../core';
import { createChannel } from '../modules/channels/actions/connections';
import { updateChannel } from '../modules/channels/actions/connections';
import { connections } from '../modules/channels/queries';

const DEMO = { id: 'system:demo', role: 'admin' };

/** The demo store's connection, created once; its API base follows the peer's port. Returns its id. */
export function demoShopifyChannel(core: Core, apiBase: string): string {
  return core.writes.runNow(() => {
    const found = connections(core.ctx).find((c) => c.code === 'shopify-demo');
    if (found) {
      updateChannel(core.ctx, found.id, { apiBase }, DEMO);
      return found.id;
    }
    return createChannel(core.ctx, {
      kind: 'shopify', name: 'Demo Shopify store', code: 'shopify-demo', secret: 'demo-shopify-secret', apiBase, apiKey: 'shpat_demo', writeBackOn: 'labelled',
      carrierNames: { sf: 'SF Express', zto: 'ZTO Express', ups: 'UPS', dhl: 'DHL Express' }, defaultCarrier: 'sf', pollMinutes: 5, enabled: true,
    }, DEMO);
  });
}

/** The demo 抖店 shop's app (its API base is the simulated shop's address). */
export const DEMO_DOUYIN = { appKey: '7312345678901234567', secret: 'demo-douyin-app-secret', accessToken: 'demo-douyin-access-token' };

/** The demo 抖店 connection, created once; its API base follows the peer's port. Returns its id. */
export function demoDouyinChannel(core: Core, apiBase: string): string {
  return core.writes.runNow(() => {
    const found = connections(core.ctx).find((c) => c.code === 'douyin-demo');
    if (found) {
      updateChannel(core.ctx, found.id, { apiBase }, DEMO);
      return found.id;
    }
    return createChannel(core.ctx, {
      kind: 'douyin', name: 'Demo 抖店', code: 'douyin-demo', secret: DEMO_DOUYIN.secret, appKey: DEMO_DOUYIN.appKey, apiBase, apiKey: DEMO_DOUYIN.accessToken, writeBackOn: 'labelled',
      carrierNames: {}, defaultCarrier: 'zto', pollMinutes: 10, enabled: true,
    }, DEMO);
  });
}
