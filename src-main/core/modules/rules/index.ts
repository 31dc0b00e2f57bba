import { defineModule } from '../../module';
import { rulesRoutes } from '../../../contract/rules';
import { handlers } from './http';
import m2026120420 from './migrations/2026120420-rules';
import m2026120620 from './migrations/2026120620-buyer-day-index';
import m2026120710 from './migrations/2026120710-rule-faces';
import m2026120785 from './migrations/2026120785-flag-walk';
import m2026121030 from './migrations/2026121030-rule-plan-memory';

export default defineModule({
  name: 'rules',
  tables: ['rules', 'rule_results', 'rule_holds', 'rule_cursor', 'rule_settings', 'presale_skus', 'order_flags', 'order_instructions', 'rule_faces'],
  migrations: [m2026120420, m2026120620, m2026120710, m2026120785, m2026121030],
  routes: rulesRoutes,
  handlers,
});
