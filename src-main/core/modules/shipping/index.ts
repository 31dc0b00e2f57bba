import { defineModule } from '../../module';
import { shippingRoutes } from '../../../contract/shipping';
import { carriersRoutes } from '../../../contract/carriers';
import { handlers } from './http';
import m0030 from './migrations/0030-waybills';
import m2026120310 from './migrations/2026120310-carriers';

export default defineModule({
  name: 'shipping',
  tables: ['carriers', 'waybill_ranges', 'waybills', 'manifests', 'manifest_parcels'],
  migrations: [m0030, m2026120310],
  routes: { ...shippingRoutes, ...carriersRoutes },
  handlers,
});
