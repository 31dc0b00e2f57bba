// The Products screen: products, box types, bins.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  products: {
    searchPlaceholder: 'Scan or type a SKU, barcode or name', barcodes: 'Barcodes', units_one: '{{count}} unit', units: '{{count}} units', stock: 'Stock', onHand: 'On hand',
    available: 'Available', inTransit: 'In transit', weight: 'Weight', location: 'Bin', price: 'Price', noWeight: 'no weight yet',
    tabs: { products: 'Products', boxTypes: 'Box types', bins: 'Bins' },
    status: { active: 'Active', inactive: 'Deactivated', all: 'All' },
    image: 'Image', name: 'Name', new: 'New product', edit: 'Edit', create: 'Create product', created: 'Product {{sku}} created', saved: 'Saved',
    deactivate: 'Deactivate', reactivate: 'Reactivate', deactivated: 'deactivated', deactivateHint: 'A deactivated product is hidden from lists; its barcodes still scan for old orders.',
    sku: 'SKU', code: 'Barcode', caseUnits: 'Units (case)', addBarcode: 'Add barcode', remove: 'Remove', weightG: 'Unit weight (g)',
    dimensions: 'Dimensions (mm)', lengthMm: 'Length', widthMm: 'Width', heightMm: 'Height', safetyStock: 'Safety stock', currency: 'Currency',
    uploadImage: 'Upload image…', removeImage: 'Remove image', imageHint: 'PNG, JPEG, WebP or GIF, up to 2 MB. Shown on the Pack screen.',
    mappings: 'Channel SKUs', mappingsHint: 'What a marketplace calls this product; order import finds it by these.', channel: 'Channel',
    channelSku: 'Channel SKU', addMapping: 'Add mapping', noMappings: 'No channel SKUs yet.',
    import: 'Import file…', exportCsv: 'Export CSV', exportXlsx: 'Export Excel',
    importDone: 'Imported {{rows}} rows: {{created}} created, {{updated}} updated, {{unchanged}} unchanged, {{refused}} refused.',
    importHint: 'CSV or Excel with the columns of the export: sku, name, barcodes (code or code*units, separated by ;), unit_weight_g, length_mm, width_mm, height_mm, bin, safety_stock, price, currency, active. An empty cell keeps what is stored.',
    row: 'Row', column: 'Column', problem: 'Problem', readOnly: 'Only a lead or an admin changes products.',
    boxCode: 'Code', boxName: 'Name', tareG: 'Tare (g)', maxWeightG: 'Max weight (g)', addBox: 'Add box type', boxAdded: 'Box type {{code}} added',
    binCode: 'Bin code', zone: 'Zone', aisle: 'Aisle', bay: 'Bay', level: 'Level', sequence: 'Walking sequence', addBin: 'Add bin', binAdded: 'Bin {{code}} added',
    binHint: 'Codes like A-03-12-2 (zone, aisle, bay, level). A bin named on a product or in stock work is created by itself.',
  },
};
