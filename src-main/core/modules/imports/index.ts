import { defineModule } from '../../module';
import { importsRoutes } from '../../../contract/imports';
import { handlers } from './http';

export default defineModule({
  name: 'imports',
  tables: ['csv_mappings'],
  migrations: [],
  routes: importsRoutes,
  handlers,
});
