import { defineModule } from '../../module';
import { labelsRoutes } from '../../../contract/labels';
import { handlers } from './http';

export default defineModule({
  name: 'labels',
  tables: [],
  migrations: [],
  routes: labelsRoutes,
  handlers,
});
