// Warehouses and routing: the warehouse picker of the lead's screens, Settings -> Warehouses and
// Settings -> Routing. zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  warehouses: {
    title: 'Warehouses', picker: 'Warehouse', all: 'All warehouses', code: 'Code', name: 'Name', province: 'Province', city: 'City', address: 'Address',
    active: 'Active', inactive: 'inactive', isDefault: 'Default', defaultBadge: 'default', benches: 'Benches', benchesHelp: 'a bench is placed in a warehouse on Settings -> Benches',
    cutoffs: 'Carrier cut-offs here', shopCutoffs: 'the shop\'s', cutoffsHelp: 'Carrier and last hand-over time (HH:MM), e.g. sf 15:00, zto 16:30: each overrides the shop\'s cut-off (Settings) in this warehouse; a carrier left out keeps the shop\'s. The cut-off cards and at-risk use them.',
    bins: 'Bins', add: 'New warehouse', edit: 'Edit {{code}}', adminsOnly: 'Only an admin changes warehouses.', column: 'Warehouse',
  },
  routing: {
    title: 'Routing', help: 'Each order goes to a warehouse when it arrives and when its address changes: a warehouse that has every unit always wins; among those, the first rule matching the province or city, then the priority list. When no warehouse has everything, the one with the most units takes the order and the rest becomes a transfer suggestion.',
    enabled: 'Routing on (off: every order goes to the default warehouse)', priority: 'Priority (first tried first)', up: 'Up', down: 'Down',
    rules: 'Region rules (first match wins)', ruleName: 'Rule', warehouse: 'To warehouse', provinces: 'Provinces', cities: 'Cities', placesHelp: 'Separated by spaces or commas, e.g. 四川 重庆 云南',
    addRule: 'Add a rule', remove: 'Remove', active: 'On', leadsOnly: 'Leads and admins change the routing.',
    transfers: 'Transfer suggestions', noTransfers: 'No order is waiting for a transfer.', order: 'Order', sku: 'SKU', qty: 'Units', from: 'From', to: 'To', buy: 'buy in',
    orderWarehouse: 'Warehouse', reroute: 'Re-route', rerouteTo: 'Send to', reason: 'Reason', routeAgain: 'By the routing', transferLine: '{{qty}} × {{sku}} from {{from}}',
    split: 'Split an order no single warehouse can fill: one shipment per warehouse',
    splitHelp: 'Off: the order goes whole to the warehouse with the most units and waits for a transfer. On: each warehouse packs and ships its own part; the customer still has one order and the channel hears of each parcel with its own lines.',
    splitTitle: 'Split into {{n}} shipments', partOf: 'One shipment of order {{number}} (split by warehouse): the customer sees one order.', shipment: 'Shipment', state: 'State', lines: 'Lines',
    manual: 'Chosen by hand: routing (an address change) leaves it here.', clearManual: 'Give back to the routing',
  },
};
