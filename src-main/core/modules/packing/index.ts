import { defineModule } from '../../module';
import { packingRoutes } from '../../../contract/packing';
import { handlers } from './http';
import m0060 from './migrations/0060-packing';

export default defineModule({
  name: 'packing',
  tables: ['parcels', 'pack_claims', 'weight_samples', 'weight_rejections'],
  migrations: [m0060],
  routes: packingRoutes,
  handlers,
});
