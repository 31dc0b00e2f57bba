// The Products screen.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  products: {
    searchPlaceholder: 'Scan or type a SKU, barcode or name', barcodes: 'Barcodes', units: '{{count}} units', stock: 'Stock', onHand: 'On hand',
    available: 'Available', inTransit: 'In transit', weight: 'Weight', location: 'Bin', price: 'Price', noWeight: 'no weight yet',
  },
};
