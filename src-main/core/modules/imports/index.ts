import { defineModule } from '../../module';
import { importsRoutes } from '../../../contract/imports';
import { handlers } from './http';
import m2026120330 from './migrations/2026120330-import-runs';

export default defineModule({
  name: 'imports',
  tables: ['csv_mappings', 'import_runs'],
  migrations: [m2026120330],
  routes: importsRoutes,
  handlers,
});
