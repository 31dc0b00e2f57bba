// The Import screen. zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  imports: {
    title: 'Import orders', hint: 'A CSV or Excel (.xlsx) export of your shop: Taobao/Tmall, JD, Pinduoduo, Douyin, Shopify or your own. Map its columns once; the mapping is saved for the next file.',
    file: 'File', encoding: 'Encoding', rows: '{{count}} rows', rowsAtLeast: 'at least {{count}} rows (the preview reads the first MiB)',
    columns: 'Columns', mapping: 'Mapping', chooseMapping: 'Choose a mapping…', saved: 'Saved mappings', presets: 'Presets',
    name: 'Save as', channel: 'Channel', country: 'Country if the file has none', field: 'Packline field', column: 'Column in the file',
    absent: 'The file has no column {{columns}}: pick another column or another mapping.', missing: 'Map these first: {{fields}}',
    import: 'Import', start: 'Import', saveAndStart: 'Save mapping and import', reading: 'Reading the file…', writing: '{{done}} of {{total}} orders written',
    created: 'created', duplicates: 'duplicates', refused: 'refused', ofRows: '{{rows}} rows, {{orders}} orders', download: 'Report ({{format}})',
    row: 'Row', order: 'Order', problem: 'What is wrong', recent: 'Recent imports', started: 'Started', fileName: 'File', who: 'Who', noRuns: 'No imports yet.',
    fields: {
      externalId: 'Order number (channel)', sku: 'SKU', channelSku: 'Channel SKU', qty: 'Quantity', unitPrice: 'Unit price', lineName: 'Item name',
      name: 'Recipient', phone: 'Phone', country: 'Country', province: 'Province', city: 'City', district: 'District', address1: 'Address',
      address2: 'Address line 2', postcode: 'Postcode', fullAddress: 'Whole address (one column)', carrier: 'Carrier', service: 'Service',
      shipBy: 'Ship by', note: 'Note', total: 'Order total', currency: 'Currency', paymentRef: 'Payment reference (transaction id)',
    },
  },
};
