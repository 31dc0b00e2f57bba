import { defineModule } from '../../module';
import { channelsRoutes } from '../../../contract/channels';
import { handlers } from './http';
import m2026120350 from './migrations/2026120350-channels';
import m2026120470 from './migrations/2026120470-channel-fetches';
import m2026120570 from './migrations/2026120570-unmapped-sku';
import m2026120571 from './migrations/2026120571-channel-version';
import m2026120765 from './migrations/2026120765-channel-keys';
import m2026120800 from './migrations/2026120800-inbox-failed';
import m2026121010 from './migrations/2026121010-inbox-order-key';
import m2026121011 from './migrations/2026121011-channel-orders-no-order-index';

export default defineModule({
  name: 'channels',
  tables: ['channels', 'channel_inbox', 'channel_orders', 'channel_refusals', 'channel_outbox', 'channel_attempts', 'channel_cursors', 'channel_fetches', 'channel_last_delivery'],
  migrations: [m2026120350, m2026120470, m2026120570, m2026120571, m2026120765, m2026120800, m2026121010, m2026121011],
  routes: channelsRoutes,
  handlers,
});
