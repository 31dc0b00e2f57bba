// The audit log screen. zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  audit: {
    person: 'Person', order: 'Order', kind: 'Kind', from: 'From', to: 'To', export: 'Export ({{format}})',
    when: 'When', who: 'Who', what: 'What', on: 'On', why: 'Why', detail: 'Detail',
    kinds: {
      order: 'Orders (all)', order_created: 'Order received', order_address_changed: 'Address changed', order_cancel: 'Cancelled', order_hold: 'Put on hold',
      order_release: 'Hold released', parcel: 'Parcels and labels', waybill: 'Waybills', wave: 'Waves', exception: 'Exceptions', import: 'Imports',
      stock: 'Stock', sku: 'Products', user: 'Users and logins', settings: 'Settings', manifest: 'Carrier handovers',
    },
    // names of what the shop's log records beyond an order's history (lib/locales events)
    events: {
      import: { started: 'Import started', finished: 'Import finished', failed: 'Import refused' },
      csv_mapping: { created: 'Column mapping saved' },
      user: { created: 'User created', login: 'Logged in' },
      session: { ended: 'Logged out' },
      sku: { created: 'Product created', updated: 'Product changed' },
      settings: { changed: 'Settings changed' },
      wave: { released: 'Wave released' },
      manifest: { handed_over: 'Handed over to the carrier' },
      waybill: { allocated: 'Waybill number issued', voided: 'Waybill voided' },
    },
    roles: { operator: 'operator', lead: 'lead', admin: 'admin', finance: 'finance', viewer: 'viewer' },
  },
};
