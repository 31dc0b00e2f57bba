import { defineModule } from '../../module';
import { mergesRoutes } from '../../../contract/merges';
import { handlers } from './http';
import m2026120540 from './migrations/2026120540-merges';

export default defineModule({
  name: 'merges',
  tables: ['merge_settings', 'merged_orders'],
  migrations: [m2026120540],
  routes: mergesRoutes,
  handlers,
});
