import { defineModule } from '../../module';
import { dispatchRoutes } from '../../../contract/dispatch';
import { handlers } from './http';
import m2026120412 from './migrations/2026120412-routing';
import m2026120560 from './migrations/2026120560-routing-split';

// Dispatch: which warehouse handles each order (router.ts), the rules a lead edits, transfer suggestions.
export default defineModule({
  name: 'dispatch',
  tables: ['routing_rules', 'routing_settings', 'transfer_suggestions'],
  migrations: [m2026120412, m2026120560],
  routes: dispatchRoutes,
  handlers,
});
