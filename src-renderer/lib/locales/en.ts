export const en = {
  app: { name: 'Packline' },
  nav: { pack: 'Pack', waves: 'Waves', orders: 'Orders', products: 'Products', inventory: 'Inventory', settings: 'Settings', logout: 'Log out' },
  login: {
    title: 'Scan your badge',
    hint: 'Scan the badge barcode, or type its code and press Enter.',
    badge: 'Badge code', pin: 'PIN', submit: 'Log in', demo: 'Demo badges',
  },
  common: { search: 'Search', all: 'All', loading: 'Loading…', none: 'Nothing found', more: 'Load more', close: 'Close', reason: 'Reason', cancel: 'Cancel', confirm: 'Confirm', live: 'live', offline: 'reconnecting…', total: '{{count}} in all' },
  states: {
    new: 'New', ready: 'Ready', allocated: 'Allocated', in_wave: 'In wave', picked: 'Picked', packing: 'Packing', packed: 'Packed', shipped: 'Shipped',
    on_hold: 'On hold', exception: 'Exception', cancelled: 'Cancelled', returned: 'Returned',
  },
  actions: {
    allocate: 'Allocate', deallocate: 'Release stock', hold: 'Hold', release: 'Release hold', cancel: 'Cancel order', start_packing: 'Start packing',
    mark_packed: 'Mark packed', ship: 'Ship', raise_exception: 'Raise exception', resolve_exception: 'Resolve exception', return: 'Return', add_to_wave: 'Add to wave', mark_picked: 'Mark picked',
  },
  orders: {
    searchPlaceholder: 'Scan or type an order number, channel number, waybill, SKU or barcode',
    number: 'Order', channel: 'Channel', external: 'Channel no.', state: 'State', recipient: 'Recipient', city: 'City', units: 'Units', carrier: 'Carrier', shipBy: 'Ship by', created: 'Created',
    lines: 'Items', sku: 'SKU', name: 'Name', qty: 'Qty', reserved: 'Reserved', location: 'Bin', weight: 'Unit weight',
    shipTo: 'Ship to', codes: 'Numbers', history: 'History', actions: 'Actions', reasonNeeded: 'Why? (kept in the history)', noOrder: 'Choose an order to see it here.',
  },
  products: { searchPlaceholder: 'Scan or type a SKU, barcode or name', barcodes: 'Barcodes', units: '{{count}} units', stock: 'Stock', onHand: 'On hand', available: 'Available', inTransit: 'In transit', weight: 'Weight', location: 'Bin', price: 'Price', noWeight: 'no weight yet' },
  inventory: { belowSafety: 'Below safety stock only', safety: 'Safety', searchPlaceholder: 'SKU, barcode, bin or name' },
  settings: { language: 'Language', shop: 'Shop', users: 'Users', role: 'Role', badge: 'Badge', tolerance: 'Weight tolerance', inbound: 'In-transit counted as available', saved: 'Saved', save: 'Save', autoAllocate: 'Reserve stock when an order arrives', requirePin: 'Ask for a PIN at login' },
  pack: { title: 'Packing bench', soon: 'The packing bench (scan, verify, weigh, label) is being built: see issue 5. Orders ready to pack: {{count}}.' },
  waves: { title: 'Waves', soon: 'Wave planning and batch picking are being built: see issue 6. Allocated orders waiting for a wave: {{count}}.' },
};
export type Messages = typeof en;
