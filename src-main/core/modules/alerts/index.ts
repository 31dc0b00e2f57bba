import { defineModule } from '../../module';
import { alertsRoutes } from '../../../contract/alerts';
import { handlers } from './http';
import m2026120440 from './migrations/2026120440-alerts';
import m2026121025 from './migrations/2026121025-alert-first-value';

export default defineModule({
  name: 'alerts',
  tables: ['alert_thresholds', 'alerts', 'alert_channels', 'alert_outbox', 'alert_brief', 'alert_cursor'],
  migrations: [m2026120440, m2026121025],
  routes: alertsRoutes,
  handlers,
});
