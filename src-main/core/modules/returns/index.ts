import { defineModule } from '../../module';
import { returnsRoutes } from '../../../contract/returns';
import { handlers } from './http';
import m2026120380 from './migrations/2026120380-returns';

export default defineModule({
  name: 'returns',
  tables: ['returns', 'return_lines', 'return_units', 'return_codes', 'return_settings'],
  migrations: [m2026120380],
  routes: returnsRoutes,
  handlers,
});
