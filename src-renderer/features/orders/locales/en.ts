// The Orders screen: search, list, detail and the actions of an order.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  orders: {
    searchPlaceholder: 'Order, channel or waybill number, SKU, barcode, full phone, or part of a name or city', number: 'Order', channel: 'Channel',
    external: 'Channel no.', state: 'State', recipient: 'Recipient', city: 'City', units: 'Units', carrier: 'Carrier', service: 'Service', priority: 'Priority', shipBy: 'Ship by',
    created: 'Created', lines: 'Items', sku: 'SKU', name: 'Name', qty: 'Qty', reserved: 'Reserved', location: 'Bin', weight: 'Unit weight',
    shipTo: 'Ship to', codes: 'Numbers', history: 'History', actions: 'Actions', reasonNeeded: 'Why? (kept in the history)',
    noOrder: 'Choose an order to see it here.',
    from: 'From', to: 'To', late: 'Late (past ship-by)', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', totalMore: 'more than {{count}}',
  },
  actions: {
    allocate: 'Allocate', deallocate: 'Release stock', hold: 'Hold', release: 'Release hold', cancel: 'Cancel order', start_packing: 'Start packing',
    mark_packed: 'Mark packed', ship: 'Ship', raise_exception: 'Raise exception', resolve_exception: 'Resolve exception', return: 'Return',
    add_to_wave: 'Add to wave', mark_picked: 'Mark picked', reopen_packing: 'Reopen packing', remove_from_wave: 'Pull out of wave',
  },
  // Orders by hand (OrderForm.tsx): a phone order, a new address
  orderForm: {
    new: 'New phone order', newTitle: 'New order taken by phone', externalId: 'Order number', create: 'Create order', skuSearch: 'Find a product: SKU, barcode or name',
    available: '{{count}} available', remove: 'Remove', noLines: 'Add at least one product.', note: 'Note',
    changeAddress: 'Change address', changeTitle: 'New recipient or address for {{number}}', saveAddress: 'Save the new address',
    why: 'Why', whyHint: 'e.g. customer called: moved to the office address', onBench: 'This order is being packed: saving stops its bench until a lead clears it.',
    name: 'Recipient', phone: 'Phone', country: 'Country (2 letters)', province: 'Province', city: 'City', district: 'District', address1: 'Address',
    address2: 'Address line 2', postcode: 'Postcode',
  },
};
