// The Returns screens: the list and one return, the return bench, the reasons report, Settings -> Returns.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  returns: {
    title: 'Returns', requests: 'Requests', bench: 'Return bench', report: 'Reasons', held: 'Held units', settings: 'Returns',
    searchPlaceholder: 'RMA, order, waybill or channel number', number: 'RMA', order: 'Order', state: 'State', reason: 'Reason', units: 'Units',
    value: 'Value', created: 'Created', source: 'Source', waybill: 'Return waybill', refund: 'Refund', outsideWindow: 'outside window',
    newReturn: 'New return', orderCode: 'Order number, channel number or waybill', load: 'Load order', create: 'Request return', note: 'Note',
    qtyBack: 'Units back', lines: 'Lines', graded: 'Graded units', history: 'History', grade: 'Grade', bin: 'Bin', photo: 'Photo', expected: 'Expected',
    accounted: '{{done}} of {{total}} units accounted for', approvers: 'Approves: {{roles}}', noOrder: 'No order found for this parcel',
    codes: 'Codes on the parcel', linkedOrder: 'Linked order', reference: 'Payment reference', writeOff: 'Write off', writtenOff: 'written off',
    resolution: 'Resolution', exchangeSku: 'Send instead (SKU)', declineReason: 'Why declined', unitValue: 'Unit value', item: 'Item',
    import: 'Import requests', importHelp: 'A CSV or Excel file with columns order, sku, qty, reason, note (or 订单号, 商家编码, 数量, 退货原因, 备注): one request per order.',
    imported: '{{count}} requests created:', importRow: 'Row {{row}}, column {{column}}',
    ev: {
      requested: 'Requested', received_unknown: 'Arrived without request', approve: 'Approved', decline: 'Declined', cancel: 'Cancelled', mark_in_transit: 'On its way back',
      receive: 'Received at the bench', unit_graded: 'Unit graded', finish_inspection: 'Inspection finished', resolve: 'Resolved', refund_approved: 'Refund approved',
      refund_recorded: 'Refund recorded', close: 'Closed', unit_written_off: 'Unit written off',
    },
    action: {
      approve: 'Approve', decline: 'Decline', cancel: 'Cancel return', mark_in_transit: 'Mark in transit', receive: 'Receive', finish_inspection: 'Finish inspection',
      resolve: 'Resolve', close: 'Close', approveRefund: 'Approve refund', recordRefund: 'Record refund paid',
    },
    st: {
      requested: 'Requested', approved: 'Approved', in_transit: 'In transit', received: 'Received', inspected: 'Inspected', resolved: 'Resolved', closed: 'Closed',
      declined: 'Declined', cancelled: 'Cancelled',
    },
    src: { person: 'Customer service', channel: 'Channel', unknown: 'Arrived without request' },
    rs: {
      size_too_large: 'Size too large', size_too_small: 'Size too small', colour: 'Colour', defective: 'Defective', not_as_described: 'Not as described',
      wrong_item: 'Wrong item sent', damaged_in_transit: 'Damaged in transit', changed_mind: 'Changed mind', other: 'Other',
    },
    gr: { sellable: 'Sellable', damaged: 'Damaged', repair: 'Repair', scrap: 'Scrap', missing: 'Missing', not_ours: 'Not ours' },
    res: { refund: 'Refund', exchange: 'Exchange', resend: 'Resend', reject: 'Reject' },
    refundSt: { none: 'No refund', pending: 'Waiting for approval', approved: 'Approved, not paid', recorded: 'Paid' },
    // the bench
    b: {
      scannersHere: "{{bench}}'s scanners are on this screen", scannersNot: 'Bench scanners are not on this screen: {{why}}', scannersBack: '{{bench}} went back to packing', scannersTake: 'Use the bench scanners',
      scanParcel: 'Scan the return waybill, the order or the RMA', scanItem: 'Scan each item', chooseGrade: 'Grade {{code}}',
      received: '{{number}} received: scan each item', opened: 'No request found: {{number}} opened as an unknown return', openedOrder: 'No request: {{number}} opened for order {{order}}',
      putBack: 'Put it back in bin {{bin}}', gradedAs: '{{code}} graded {{grade}}', unexpected: 'Not expected in this return: wrong or extra item',
      notAtBench: '{{number}} is {{state}}: it is not received at the bench', finished: '{{number}} inspected: refund {{amount}}', left: '{{count}} units not scanned yet',
      countMissing: 'Count {{count}} missing and finish', nextParcel: 'Next parcel', camera: 'Camera', cameraOn: 'Turn camera on', takePhoto: 'Take photo',
      photoReady: 'Photo will go with the next grade', noCamera: 'No camera: {{error}}', typeCode: 'Type a code and press Enter', open: 'Open {{number}}',
    },
    // the report
    r: {
      days: 'Last {{days}} days', byReason: 'By reason', bySku: 'By SKU', byChannel: 'By channel', byPacker: 'Wrong item by packer', byGrade: 'By grade',
      share: 'Share', previous: 'Before', flagged: 'jump', returnsCount: 'Returns', nothing: 'No returns in this period',
    },
    s: {
      approvalLimit: 'Approval amount (operators approve up to it, leads above)', windowDays: 'Return window (days after shipping)', returnsBin: 'Bin for SKUs without one',
      leadsOnly: 'Only a lead or admin changes these',
    },
  },
};
