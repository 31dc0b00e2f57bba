// The Money screen: payout statements, what matched, what did not and why.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  money: {
    title: 'Money', asOf: 'as of {{time}}',
    channels: {
      channel: 'Channel', cycle: 'Cycle', paid: 'Paid', inTransit: 'In transit', overdue: 'Overdue', fees: 'Fees', open: 'Open differences', unmatched: 'Money with no order',
      orders_one: '{{count}} order', orders: '{{count}} orders', noCycle: 'no cycle set', none: 'No orders or statements yet.',
    },
    tabs: { differences: 'Differences', overdue: 'Overdue orders', partly: 'Partly or over paid', unmatched: 'Money with no order', profit: 'Profit by channel', statements: 'Statements', rules: 'Rules and cycles' },
    import: {
      title: 'Import a statement', source: 'Statement', file: 'File', channel: 'Channel (optional)', mapping: 'Saved mapping', go: 'Import',
      sources: { wechat: 'WeChat Pay trade bill (ALL)', alipay: 'Alipay 业务明细 (zip or CSV)', shopify: 'Shopify Payments payouts', mapped: 'Other (saved mapping)' },
      done: '{{rows}} rows read: {{added}} added, {{duplicates}} already known, {{refused}} refused. Matched {{matched}}, partly {{partly}}, no order {{unmatched}}.',
      again: 'This file was imported before ({{time}}): nothing was added.', busy: 'Importing…', pickFile: 'Choose a file first.',
      rowError: 'row {{row}}, {{column}}: {{problem}}',
    },
    export: { csv: 'Export CSV', xlsx: 'Export Excel', hint: 'Matched rows and fees for 金蝶 / 用友 import; nothing personal.' },
    cols: {
      order: 'Order', channelNo: 'Channel no.', cause: 'Cause', amount: 'Amount', state: 'State', created: 'Ordered', due: 'Due', expected: 'Expected', received: 'Received',
      fee: 'Fee', gap: 'Difference', unexplained: 'Unexplained', status: 'Money', row: 'Row', kind: 'Type', merchantNo: '商户订单号', time: 'Time', net: 'Net', settled: 'Payout',
      file: 'File', imported: 'Imported', rows: 'Rows', refused: 'Refused', raw: 'As in the file', matchedBy: 'Matched by', note: 'Note',
    },
    cause: {
      fee: 'Platform fee (手续费/服务费)', merchant_coupon: 'Shop coupon share (优惠券分摊)', platform_subsidy: 'Platform coupon or subsidy', refund: 'Refund', shipping: 'Shipping',
      dispute: 'Dispute', reserve: 'Reserve', currency: 'Currency', timing: 'Paid in a later payout', unexplained: 'Not explained',
    },
    diffState: { open: 'Open', expected: 'Routine (rule)', confirmed: 'Confirmed' },
    status: { paid: 'Paid', partly_paid: 'Partly paid', unpaid: 'Unpaid', over_paid: 'Over-paid' },
    rowState: { matched: 'Matched', partly_matched: 'Partly matched', unmatched: 'No order' },
    kind: { charge: 'Charge', refund: 'Refund', fee: 'Fee', dispute: 'Dispute', reserve: 'Reserve', adjustment: 'Adjustment', payout: 'Payout', other: 'Other' },
    matchedBy: { number: 'order number', amount_time: 'amount and time', charge: 'its charge' },
    confirm: { open: 'Confirm cause…', as: 'The cause is', go: 'Keep this cause', note: 'Note (optional)' },
    detail: { title: 'Money of order {{number}}', none: 'Choose an order to see its money.', openOrder: 'Open the order', rows: 'Statement rows', differences: 'Differences', noRows: 'No statement row names this order yet.' },
    rules: {
      title: 'Rules: routine differences', add: 'Add rule', anyChannel: 'every channel', maxPercent: 'up to % of the order', maxFen: 'up to (fen)', note: 'Note', remove: 'Remove',
      example: 'e.g. fees up to 0.6% on WeChat (miniprogram) are expected', describe: '{{cause}} up to {{limit}} on {{channel}}',
      cycles: 'Settlement cycles', cycleDays: 'Days', cycleLabel: 'Label', tolerance: 'Amount tolerance (fen)', window: 'Time window (h)', save: 'Save', channel: 'Channel',
    },
    statements: { none: 'No statement imported yet.', errors: 'Refused rows' },
    profit: {
      title: 'Profit by channel', orderTitle: 'Profit after fees', from: 'Orders from', to: 'to', orders: 'Orders', revenue: 'Revenue', fees: 'Platform fees', refunds: 'Refunds',
      cost: 'Product cost', profit: 'Profit', margin: 'Margin', unknownCost: 'Cost unknown (orders)', shipping: 'Shipping cost', productCost: 'Product cost',
      skuNoCost: 'Cost unknown: {{skus}} has no cost in the catalog, so this order has no profit figure.',
      explain: 'Revenue is what arrived before fees and refunds, or the order total while no money has arrived. Cost and profit count only the orders whose products all have a cost. Shipping cost is not known to Packline and is left out.',
      unknown: { product_cost: 'cost unknown', shipping: 'shipping cost unknown', fees: 'No money has arrived yet: revenue is the order total, fees are not known yet.', revenue: 'unknown' },
    },
    none: 'Nothing here.',
  },
};
