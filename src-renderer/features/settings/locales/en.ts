// Settings -> General: language, shop profile, warehouse, PINs.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  settings: {
    language: 'Language', shop: 'Shop', users: 'Users', role: 'Role', tolerance: 'Weight tolerance',
    inbound: 'In-transit counted as available', autoAllocate: 'Reserve stock when an order arrives', requirePin: 'Ask for a PIN at login',
    general: 'General',
    status: 'Status', active: 'active', inactive: 'inactive', locked: 'locked: too many wrong PINs', unlock: 'Unlock', unlocked: 'Badge of {{name}} unlocked',
    shopName: 'Shop name', senderName: 'Sender name (on the label)', senderPhone: 'Sender phone', senderAddress: 'Sender address', timeZone: 'Time zone', currency: 'Currency',
    warehouse: 'Warehouse', warehouseHint: 'The default warehouse: where parcels leave from unless routing sends an order elsewhere. Every warehouse, its bins and benches:', warehouseName: 'Warehouse name', warehouseAddress: 'Warehouse address', pinRoles: 'Ask these roles for a PIN at login',
    packing: 'Packing and stock', reopenSetup: 'Open the first-run setup again', setupHint: 'Walk through shop, carriers, waybill numbers, printer, first operator and a test parcel.',
  },
};
