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
