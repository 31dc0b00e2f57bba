// Settings -> Labels: label templates and waybill number ranges.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  labels: {
    title: 'Labels', templates: 'Label templates', template: 'Template', size: 'Size', kind: 'Kind', mm: '{{w}} × {{h}} mm',
    kinds: {
      waybill: 'E-waybill', shipping: 'Shipping label', logistic: 'GS1 logistic label', 'packing-slip': 'Packing slip', 'pick-list': 'Pick list',
      manifest: 'Carrier manifest',
    },
    shopCopy: 'shop copy',
    shopFolder: 'Your own templates: copy a template file from resources/labels into this folder and change it; a copy with the same name replaces the built-in one:',
    leftOut: '{{file}} is left out:', resolution: 'Printer resolution', orderPlaceholder: 'Order number, e.g. PL0000007',
    previewOrder: 'Preview with this order', sampleData: 'Back to sample data', download: 'Download {{format}}', showingOrder: 'Order {{order}}',
    showingSample: 'Sample data', previewOf: 'Preview of {{name}}',
  },
  waybills: {
    title: 'Waybill number ranges', carrier: 'Carrier', range: 'Serials', next: 'Next number', remaining: 'Left', low: 'Running low',
    usedUp: 'Used up', inactive: 'Inactive', none: 'No number ranges yet. When a carrier gives you a block of waybill numbers, add it here.',
    carrierLow: 'Carrier {{carrier}} has {{count}} waybill numbers left: add a range soon.',
    carrierOut: 'Carrier {{carrier}} has no waybill numbers left: add a range.', scheme: 'Check digit',
    schemes: { s10: 'UPU S10 (RR123456785CN)', mod10: 'Mod 10 (GS1)', mod11: 'Mod 11', none: 'None' }, prefix: 'Prefix', suffix: 'Suffix',
    width: 'Serial digits', first: 'First serial', last: 'Last serial', lowWater: 'Warn when left', add: 'Add range',
    added: 'Range added for {{carrier}}: {{first}} … {{last}}',
  },
};
