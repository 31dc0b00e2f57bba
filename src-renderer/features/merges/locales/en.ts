// Merging: Settings -> Merging, the box on an order's page, the merged parcel at the bench.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  merges: {
    settings: 'Merging',
    enabled: 'Merge orders of the same buyer to the same address into one parcel',
    hint: "Orders merge when they have stock reserved and are not in a wave yet, go from one warehouse on one channel with one carrier, and none is held or cancelled. The platform's merge key decides where the order has one; otherwise the recipient's name, phone and full address (spaces and full-width characters do not matter). The packer scans one of them: the others come onto the bench, one box, one label; each platform is told its own order with the same waybill.",
    channels: 'Only these channels (codes, comma-separated)',
    allChannels: 'every channel',
    leadsOnly: 'Only a lead or admin changes this.',
    now: 'Merged shipments now',
    none: 'No orders merge right now.',
    orders: 'Orders',
    state: 'State',
    by: 'Matched by',
    states: { planned: 'merges at the bench', packing: 'packing', labelled: 'labelled' },
    byKinds: { platform: "platform's merge key", address: 'name, phone and address' },
    orderBox: 'Merged shipment',
    orderShipsWith: 'Ships in one parcel with {{orders}} ({{state}}; matched by {{by}}).',
    benchMerged: 'One parcel for {{orders}}: same buyer, same address. Scan every line.',
    packerNote: 'Note: {{note}}',
  },
};
