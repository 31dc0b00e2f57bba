import { defineModule } from '../../module';
import { ordersRoutes } from '../../../contract/orders';
import { handlers } from './http';
import m2026120340 from './migrations/2026120340-order-search';

export default defineModule({
  name: 'orders',
  tables: ['orders', 'order_lines', 'order_codes', 'order_search', 'order_search_data', 'order_search_idx', 'order_search_config'],
  migrations: [m2026120340],
  routes: ordersRoutes,
  handlers,
});
