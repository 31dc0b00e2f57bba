// The Inventory screen: stock, receiving, movements, safety alerts.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  inventory: {
    belowSafety: 'Below safety stock only', safety: 'Safety', searchPlaceholder: 'SKU, barcode, bin or name',
    tabs: { stock: 'Stock', receive: 'Receive', movements: 'Movements' },
    alerts: '{{count}} product(s) under safety stock', alertsTitle: 'Products under their safety stock', showAlerts: 'Show them',
    change: 'Change stock', changeHint: 'Click a stock row, or type a SKU and a bin.', sku: 'SKU or barcode', bin: 'Bin', kind: 'What', qty: 'Quantity',
    delta: 'Change (+/−)', counted: 'Counted', toBin: 'To bin', reason: 'Reason', apply: 'Apply', done: 'Done: {{sku}} in {{bin}} now {{onHand}} on hand',
    moved: 'Moved: {{from}} now {{fromOnHand}}, {{to}} now {{toOnHand}}', readOnly: 'Only a lead or an admin changes stock.',
    kinds: { adjust: 'Adjust', count: 'Count', move: 'Move', receive: 'Received', move_out: 'Moved out', move_in: 'Moved in', pack: 'Packed', unpack: 'Unpacked', restock: 'Restocked', ship: 'Shipped' },
    source: 'From', sources: { supplier: 'Supplier', transfer: 'Transfer' }, reference: 'Supplier / delivery note or transfer',
    scanHint: 'Scan items now: each scan adds one (a case barcode counts its units). Or type a code and press Enter.',
    code: 'Code', product: 'Product', scans: 'Scans', units: 'Units', unknown: 'unknown code', clear: 'Clear', receive: 'Receive {{count}} unit(s)',
    received: 'Received {{units}} unit(s) into {{bin}}', nothingScanned: 'Nothing scanned yet.', note: 'Note',
    filters: 'Filter', person: 'Person', from: 'From', to: 'To', anyKind: 'Any kind', anyone: 'Anyone', when: 'When', change_: 'Change', after: 'After',
    ref: 'Reference',
  },
};
