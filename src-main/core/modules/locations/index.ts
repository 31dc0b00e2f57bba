import { defineModule } from '../../module';
import { locationsRoutes } from '../../../contract/locations';
import { handlers } from './http';

export default defineModule({
  name: 'locations',
  tables: ['locations'],
  migrations: [],
  routes: locationsRoutes,
  handlers,
});
