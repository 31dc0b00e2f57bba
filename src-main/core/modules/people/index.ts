import { defineModule } from '../../module';
import { peopleRoutes } from '../../../contract/people';
import { handlers } from './http';

export default defineModule({
  name: 'people',
  tables: ['users', 'tokens'],
  migrations: [],
  routes: peopleRoutes,
  handlers,
});
