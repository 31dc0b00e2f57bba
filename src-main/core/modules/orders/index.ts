import { defineModule } from '../../module';
import { ordersRoutes } from '../../../contract/orders';
import { handlers } from './http';
import m2026120340 from './migrations/2026120340-order-search';
import m2026120342 from './migrations/2026120342-order-search-indexer';
import m2026120411 from './migrations/2026120411-order-warehouse';
import m2026120510 from './migrations/2026120510-order-search-postgres';
import m2026120561 from './migrations/2026120561-order-split';
import m2026120940 from './migrations/2026120940-ship-by-utc';
import m2026120960 from './migrations/2026120960-phone-index';
import m2026120961 from './migrations/2026120961-order-skus';

export default defineModule({
  name: 'orders',
  tables: ['orders', 'order_lines', 'order_codes', 'order_skus', 'order_search', 'order_search_data', 'order_search_idx', 'order_search_config', 'order_search_progress'],
  migrations: [m2026120340, m2026120342, m2026120411, m2026120510, m2026120561, m2026120940, m2026120960, m2026120961],
  routes: ordersRoutes,
  handlers,
});
