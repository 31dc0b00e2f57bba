import { defineModule } from '../../module';
import { returnsRoutes } from '../../../contract/returns';
import { handlers } from './http';
import m2026120380 from './migrations/2026120380-returns';
import m2026120805 from './migrations/2026120805-returns-of-order';
import m2026121024 from './migrations/2026121024-return-line-value';

export default defineModule({
  name: 'returns',
  tables: ['returns', 'return_lines', 'return_units', 'return_codes', 'return_settings'],
  migrations: [m2026120380, m2026120805, m2026121024],
  routes: returnsRoutes,
  handlers,
});
