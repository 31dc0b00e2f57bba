import { defineModule } from '../../module';
import { auditRoutes } from '../../../contract/audit';
import { handlers } from './http';

// The audit log screen's reads of the shared event log; it owns no table.
export default defineModule({
  name: 'audit',
  tables: [],
  migrations: [],
  routes: auditRoutes,
  handlers,
});
