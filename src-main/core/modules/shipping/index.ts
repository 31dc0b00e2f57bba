import { defineModule } from '../../module';
import { shippingRoutes } from '../../../contract/shipping';
import { handlers } from './http';
import m0030 from './migrations/0030-waybills';

export default defineModule({
  name: 'shipping',
  tables: ['waybill_ranges', 'waybills', 'manifests', 'manifest_parcels'],
  migrations: [m0030],
  routes: shippingRoutes,
  handlers,
});
