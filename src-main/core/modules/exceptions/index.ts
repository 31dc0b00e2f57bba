import { defineModule } from '../../module';
import { exceptionsRoutes } from '../../../contract/exceptions';
import { handlers } from './http';

export default defineModule({
  name: 'exceptions',
  tables: ['exceptions'],
  migrations: [],
  routes: exceptionsRoutes,
  handlers,
});
