import { defineModule } from '../../module';
import { inventoryRoutes } from '../../../contract/inventory';
import { handlers } from './http';
import m2026120321 from './migrations/2026120321-stock-movements';

export default defineModule({
  name: 'inventory',
  tables: ['inventory', 'reservations', 'packed_stock', 'stock_movements'],
  migrations: [m2026120321],
  routes: inventoryRoutes,
  handlers,
});
