import type { Migration } from '../../../store/migrate';

// channel_orders loses its index of Packline order ids (issue 15, the write of a webhook commit):
// every new platform order wrote an entry there, a b-tree more per commit, for reads that happen at
// a write-back, a refund or a SKU mapping. Those find the row by its key from the order's own
// channel code and external id (store.ts PLATFORM_ORDER_OF), which is how the row was keyed.
const m: Migration = { version: 2026121011, name: 'channel-orders-no-order-index', up: (db) => db.exec('DROP INDEX channel_orders_order') };
export default m;
