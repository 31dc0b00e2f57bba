import { defineModule } from '../../module';
import { inventoryRoutes } from '../../../contract/inventory';
import { handlers } from './http';

export default defineModule({
  name: 'inventory',
  tables: ['inventory', 'reservations', 'packed_stock'],
  migrations: [],
  routes: inventoryRoutes,
  handlers,
});
