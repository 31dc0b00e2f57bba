import { defineModule } from '../../module';
import { wavesRoutes } from '../../../contract/waves';
import { handlers } from './http';
import m0070 from './migrations/0070-waves';
import m2026120413 from './migrations/2026120413-wave-warehouse';

export default defineModule({
  name: 'waves',
  tables: ['waves', 'wave_orders', 'wave_sorts', 'wave_rules'],
  migrations: [m0070, m2026120413],
  routes: wavesRoutes,
  handlers,
});
