// The audit log screen. zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  audit: {
    person: 'Person', order: 'Order', kind: 'Kind', from: 'From', to: 'To', export: 'Export ({{format}})',
    when: 'When', who: 'Who', what: 'What', on: 'On', why: 'Why', detail: 'Detail',
    // the names of an event's data fields in the Detail column
    fields: {
      keys: 'Keys', role: 'Role', code: 'Code', carrier: 'Carrier', scheme: 'Scheme', first: 'First', last: 'Last', sku: 'SKU',
      locationId: 'Bin', kind: 'Kind', onHandDelta: 'On hand change', inTransitDelta: 'In transit change',
      available: 'Available', safetyStock: 'Safety stock', to: 'To', channel: 'Channel', externalId: 'Channel order',
      warehouseId: 'Warehouse', route: 'Route', from: 'From', number: 'Number', bench: 'Bench', rangeId: 'Range',
      serial: 'Serial', orderId: 'Order', parcelId: 'Parcel', seq: 'Sequence', waybill: 'Waybill', items: 'Items',
      expectedG: 'Expected (g)', measuredG: 'Weighed (g)', overrideBy: 'Overridden by', parcels: 'Parcels',
      releasedUnits: 'Units released', name: 'Name', waveId: 'Wave', wave: 'Wave', slot: 'Slot', orders: 'Orders',
      benchId: 'Bench', group: 'Group', skuId: 'SKU', channelSku: 'Channel SKU', reference: 'Reference', source: 'Source',
      rows: 'Rows', added: 'Added', cause: 'Cause', fields: 'Fields', state: 'State', outsideWindow: 'Outside the window',
      unitId: 'Unit', grade: 'Grade', bin: 'Bin', expected: 'Expected', photo: 'Photo', refund: 'Refund', missing: 'Missing',
      resolution: 'Resolution', amount: 'Amount', currency: 'Currency', filename: 'File', mapping: 'Mapping', created: 'Created',
      duplicates: 'Duplicates', failed: 'Failed', printer: 'Printer', scale: 'Scale', expiresAt: 'Expires', province: 'Province',
      city: 'City', address: 'Address', benches: 'Benches', enabled: 'Enabled', split: 'Split', rules: 'Rules',
      priority: 'Priority', fromWarehouse: 'From warehouse', toWarehouse: 'To warehouse', transfers: 'Transfers',
      metric: 'Metric', op: 'Operator', value: 'Value', level: 'Level', windowMinutes: 'Window (min)', todo: 'To do',
      position: 'Position', count: 'Count', holdType: 'Hold type', rule: 'Rule', flag: 'Flag', order: 'Order',
      instructions: 'Instructions', parts: 'Parts', splitOf: 'Split of', splitOfNumber: 'Split of order', channels: 'Channels',
      template: 'Template', secretChanged: 'Secret changed', manifestId: 'Manifest', manifest: 'Manifest', weightG: 'Weight (g)',
      status: 'Status', events: 'Events', host: 'Host', key: 'Key', title: 'Title', minutes: 'Minutes',
    },
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
