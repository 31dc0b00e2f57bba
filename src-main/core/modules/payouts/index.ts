import { defineModule } from '../../module';
import { payoutsRoutes } from '../../../contract/payouts';
import { handlers } from './http';
import payouts from './migrations/2026120370-payouts';
import orderDays from './migrations/2026120480-payout-order-days';
import differencesChannel from './migrations/2026120481-payout-differences-channel';
import orderPaymentRef from './migrations/2026120580-order-payment-ref';
import importIndexes from './migrations/2026120770-payout-import-indexes';

export default defineModule({
  name: 'payouts',
  tables: ['payout_statements', 'payout_rows', 'payout_orders', 'payout_differences', 'payout_rules', 'payout_channels', 'payout_mappings', 'payout_order_days', 'payout_order_cursor'],
  migrations: [payouts, orderDays, differencesChannel, orderPaymentRef, importIndexes],
  routes: payoutsRoutes,
  handlers,
});
