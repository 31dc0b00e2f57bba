import { defineModule } from '../../module';
import { settingsRoutes } from '../../../contract/settings';
import { handlers } from './http';

export default defineModule({
  name: 'settings',
  tables: ['settings'],
  migrations: [],
  routes: settingsRoutes,
  handlers,
});
