import { defineModule } from '../../module';
import { wavesRoutes } from '../../../contract/waves';
import { handlers } from './http';
import m0070 from './migrations/0070-waves';

export default defineModule({
  name: 'waves',
  tables: ['waves', 'wave_orders', 'wave_sorts', 'wave_rules'],
  migrations: [m0070],
  routes: wavesRoutes,
  handlers,
});
