import { defineModule } from '../../module';
import { locationsRoutes } from '../../../contract/locations';
import { handlers } from './http';
import m2026120410 from './migrations/2026120410-warehouses';
import m2026120600 from './migrations/2026120600-warehouse-cutoffs';

export default defineModule({
  name: 'locations',
  tables: ['locations', 'warehouses'],
  migrations: [m2026120410, m2026120600],
  routes: locationsRoutes,
  handlers,
});
