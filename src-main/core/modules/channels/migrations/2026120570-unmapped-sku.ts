import type { Migration } from '../../../store/migrate';

// The placeholder SKU of order lines whose channel SKU had no mapping when the order arrived: the
// line keeps the channel's SKU text (order_lines.channel_sku) and points here until a person maps
// it. Inactive (the catalog's lists leave it out) and a code the SKU rules refuse, so no real SKU
// can take it; a placeholder rather than a nullable sku_id keeps every join on order lines whole.
// It is made the first time an order needs it (channels/actions/unmapped-skus.ts
// ensureUnmappedPlaceholder), not here: a row in every shop showed up in counts and product files.
// This version stays (shops that ran it keep the row, which is harmless) and does nothing now.
const m: Migration = { version: 2026120570, name: 'unmapped-sku', up: () => {} };
export default m;
