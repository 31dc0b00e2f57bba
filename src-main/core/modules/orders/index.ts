import { defineModule } from '../../module';
import { ordersRoutes } from '../../../contract/orders';
import { handlers } from './http';

export default defineModule({
  name: 'orders',
  tables: ['orders', 'order_lines', 'order_codes'],
  migrations: [],
  routes: ordersRoutes,
  handlers,
});
