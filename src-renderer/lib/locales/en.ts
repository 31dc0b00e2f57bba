// Words every screen uses: the app name, the navigation, common buttons and the order states.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  app: { name: 'Packline' },
  nav: {
    pack: 'Pack', waves: 'Waves', orders: 'Orders', products: 'Products', inventory: 'Inventory', devices: 'Devices', settings: 'Settings',
    logout: 'Log out',
  },
  common: {
    search: 'Search', all: 'All', loading: 'Loading…', none: 'Nothing found', more: 'Load more', close: 'Close', reason: 'Reason', cancel: 'Cancel',
    confirm: 'Confirm', live: 'live', offline: 'reconnecting…', total: '{{count}} in all', save: 'Save', saved: 'Saved',
  },
  states: {
    new: 'New', ready: 'Ready', allocated: 'Allocated', in_wave: 'In wave', picked: 'Picked', packing: 'Packing', packed: 'Packed',
    shipped: 'Shipped', on_hold: 'On hold', exception: 'Exception', cancelled: 'Cancelled', returned: 'Returned',
  },
};
