import { defineModule } from '../../module';
import { catalogRoutes } from '../../../contract/catalog';
import { handlers } from './http';

export default defineModule({
  name: 'catalog',
  tables: ['skus', 'barcodes', 'box_types', 'sku_mappings'],
  migrations: [],
  routes: catalogRoutes,
  handlers,
});
