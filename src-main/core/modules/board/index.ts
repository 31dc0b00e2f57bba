import { defineModule } from '../../module';
import { boardRoutes } from '../../../contract/board';
import { handlers } from './http';
import m0095 from './migrations/0095-board-indexes';

export default defineModule({
  name: 'board',
  tables: [],
  migrations: [m0095],
  routes: boardRoutes,
  handlers,
});
