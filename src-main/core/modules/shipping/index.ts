import { defineModule } from '../../module';
import { carrierAccountRoutes, shippingRoutes } from '../../../contract/shipping';
import { carriersRoutes } from '../../../contract/carriers';
import { handlers } from './http';
import m0030 from './migrations/0030-waybills';
import m2026120310 from './migrations/2026120310-carriers';
import m2026120360 from './migrations/2026120360-carrier-accounts';
import m2026120562 from './migrations/2026120562-manifest-warehouse';
import m2026120670 from './migrations/2026120670-carrier-accounts-per-warehouse';

export default defineModule({
  name: 'shipping',
  tables: ['carriers', 'waybill_ranges', 'waybills', 'manifests', 'manifest_parcels', 'carrier_accounts', 'ewaybill_requests'],
  migrations: [m0030, m2026120310, m2026120360, m2026120562, m2026120670],
  routes: { ...shippingRoutes, ...carriersRoutes, ...carrierAccountRoutes },
  handlers,
});
