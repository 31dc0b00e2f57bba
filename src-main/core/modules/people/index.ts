import { defineModule } from '../../module';
import { peopleRoutes } from '../../../contract/people';
import { handlers } from './http';
import m202612031 from './migrations/202612031-badge-hash-lockout';

export default defineModule({
  name: 'people',
  tables: ['users', 'tokens'],
  migrations: [m202612031],
  routes: peopleRoutes,
  handlers,
});
