// Benches: the one list of benches, each in a warehouse; pairing a bench PC once with a one-time
// code, its own token, its last contact, revoking.
import { defineModule } from '../../module';
import { benchesRoutes } from '../../../contract/benches';
import { handlers } from './http';
import m2026120450 from './migrations/2026120450-benches';
import m2026120530 from './migrations/2026120530-bench-warehouses';

export default defineModule({
  name: 'benches',
  tables: ['benches', 'bench_pairing_codes'],
  migrations: [m2026120450, m2026120530],
  routes: benchesRoutes,
  handlers,
});
