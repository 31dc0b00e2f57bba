import { defineModule } from '../../module';
import { trackingRoutes } from '../../../contract/tracking';
import { handlers } from './http';
import m2026120361 from './migrations/2026120361-tracking';

export default defineModule({
  name: 'tracking',
  tables: ['tracking_parcels', 'tracking_events', 'tracking_rules'],
  migrations: [m2026120361],
  routes: trackingRoutes,
  handlers,
});
