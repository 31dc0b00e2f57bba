// The first-run setup: no tables of its own (its progress is a setting); the test parcel's order is
// made through the catalog, inventory and orders modules' actions.
import { defineModule } from '../../module';
import { setupRoutes } from '../../../contract/setup';
import { handlers } from './http';

export default defineModule({
  name: 'setup',
  tables: [],
  migrations: [],
  routes: setupRoutes,
  handlers,
});
