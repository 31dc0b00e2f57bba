// The Inventory screen.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = { inventory: { belowSafety: 'Below safety stock only', safety: 'Safety', searchPlaceholder: 'SKU, barcode, bin or name' } };
