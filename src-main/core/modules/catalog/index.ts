import { defineModule } from '../../module';
import { catalogRoutes } from '../../../contract/catalog';
import { handlers } from './http';
import m2026120320 from './migrations/2026120320-catalog-active-image';

export default defineModule({
  name: 'catalog',
  tables: ['skus', 'barcodes', 'box_types', 'sku_mappings'],
  migrations: [m2026120320],
  routes: catalogRoutes,
  handlers,
});
