import { defineModule } from '../../module';
import { boardRoutes } from '../../../contract/board';
import { handlers } from './http';
import './alert-metrics'; // the KPIs alert thresholds can watch
import m0095 from './migrations/0095-board-indexes';
import m2026120430 from './migrations/2026120430-board-rollups';
import m2026120431 from './migrations/2026120431-board-shipped-days';
import m2026120671 from './migrations/2026120671-board-split-parts';
import m2026120750 from './migrations/2026120750-board-shipped-warehouse';
import m2026120801 from './migrations/2026120801-board-zone';

export default defineModule({
  name: 'board',
  tables: ['board_cursor', 'board_open', 'board_shipped', 'board_shipped_days', 'board_shift', 'board_wall_links', 'board_zone', 'board_shift_next'],
  migrations: [m0095, m2026120430, m2026120431, m2026120671, m2026120750, m2026120801],
  routes: boardRoutes,
  handlers,
});
