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
    mark_packed: 'Mark packed', ship: 'Ship', raise_exception: 'Raise exception', resolve_exception: 'Resolve exception', return: 'Return', add_to_wave: 'Add to wave', mark_picked: 'Mark picked', reopen_packing: 'Reopen packing',
  },
  orders: {
    searchPlaceholder: 'Scan or type an order number, channel number, waybill, SKU or barcode',
    number: 'Order', channel: 'Channel', external: 'Channel no.', state: 'State', recipient: 'Recipient', city: 'City', units: 'Units', carrier: 'Carrier', shipBy: 'Ship by', created: 'Created',
    lines: 'Items', sku: 'SKU', name: 'Name', qty: 'Qty', reserved: 'Reserved', location: 'Bin', weight: 'Unit weight',
    shipTo: 'Ship to', codes: 'Numbers', history: 'History', actions: 'Actions', reasonNeeded: 'Why? (kept in the history)', noOrder: 'Choose an order to see it here.',
  },
  products: { searchPlaceholder: 'Scan or type a SKU, barcode or name', barcodes: 'Barcodes', units: '{{count}} units', stock: 'Stock', onHand: 'On hand', available: 'Available', inTransit: 'In transit', weight: 'Weight', location: 'Bin', price: 'Price', noWeight: 'no weight yet' },
  inventory: { belowSafety: 'Below safety stock only', safety: 'Safety', searchPlaceholder: 'SKU, barcode, bin or name' },
  settings: { language: 'Language', shop: 'Shop', users: 'Users', role: 'Role', badge: 'Badge', tolerance: 'Weight tolerance', inbound: 'In-transit counted as available', saved: 'Saved', save: 'Save', autoAllocate: 'Reserve stock when an order arrives', requirePin: 'Ask for a PIN at login', general: 'General' },
  labels: {
    title: 'Labels', templates: 'Label templates', template: 'Template', size: 'Size', kind: 'Kind', mm: '{{w}} × {{h}} mm',
    kinds: { waybill: 'E-waybill', shipping: 'Shipping label', logistic: 'GS1 logistic label', 'packing-slip': 'Packing slip', 'pick-list': 'Pick list' },
    shopCopy: 'shop copy', shopFolder: 'Your own templates: copy a template file from resources/labels into this folder and change it; a copy with the same name replaces the built-in one:',
    leftOut: '{{file}} is left out:', resolution: 'Printer resolution', orderPlaceholder: 'Order number, e.g. PL0000007', previewOrder: 'Preview with this order',
    sampleData: 'Back to sample data', download: 'Download {{format}}', showingOrder: 'Order {{order}}', showingSample: 'Sample data', previewOf: 'Preview of {{name}}',
  },
  waybills: {
    title: 'Waybill number ranges', carrier: 'Carrier', range: 'Serials', next: 'Next number', remaining: 'Left', low: 'Running low', usedUp: 'Used up', inactive: 'Inactive',
    none: 'No number ranges yet. When a carrier gives you a block of waybill numbers, add it here.',
    carrierLow: 'Carrier {{carrier}} has {{count}} waybill numbers left: add a range soon.', carrierOut: 'Carrier {{carrier}} has no waybill numbers left: add a range.',
    scheme: 'Check digit', schemes: { s10: 'UPU S10 (RR123456785CN)', mod10: 'Mod 10 (GS1)', mod11: 'Mod 11', none: 'None' },
    prefix: 'Prefix', suffix: 'Suffix', width: 'Serial digits', first: 'First serial', last: 'Last serial', lowWater: 'Warn when left', add: 'Add range',
    added: 'Range added for {{carrier}}: {{first}} … {{last}}',
  },
  pack: { title: 'Packing bench', soon: 'The packing bench (scan, verify, weigh, label) is being built: see issue 5. Orders ready to pack: {{count}}.' },
  waves: { title: 'Waves', soon: 'Wave planning and batch picking are being built: see issue 6. Allocated orders waiting for a wave: {{count}}.' },
};
export type Messages = typeof en;
