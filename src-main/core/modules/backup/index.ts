import { defineModule } from '../../module';
import { backupRoutes } from '../../../contract/backup';
import { handlers } from './http';
import m2026120341 from './migrations/2026120341-backup';

export default defineModule({
  name: 'backup',
  tables: ['backup_schedule'],
  migrations: [m2026120341],
  routes: backupRoutes,
  handlers,
});
