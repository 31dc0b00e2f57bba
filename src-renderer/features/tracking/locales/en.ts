// Tracking and carrier accounts (issue 16). zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  tracking: {
    title: 'Tracking', waybill: 'Waybill', order: 'Order', carrier: 'Carrier', status: 'Status', lastEvent: 'Last news', handedOver: 'Handed over',
    stalledOnly: 'Stalled only', all: 'All statuses', none: 'No parcel handed over to a carrier yet. Parcels appear here at the end-of-day handover.',
    stalledCount: '{{count}} parcel(s) need someone', journey: 'Journey to the door', notTracked: 'Not handed over to a carrier yet.', noEvents: 'No news from the carrier yet.',
    notSubscribed: 'Not subscribed with the tracking service yet: {{error}}', pollNow: 'Ask the carriers now', scanNow: 'Look for stalls now',
    polled: '{{subscribed}} subscribed, {{polled}} asked', scanned: '{{count}} new stall(s)',
    statuses: {
      info_received: 'Info received', picked_up: 'Picked up', in_transit: 'In transit', out_for_delivery: 'Out for delivery', failed_attempt: 'Failed attempt',
      delivered: 'Delivered', returned_to_sender: 'Returned to sender', refused: 'Refused', exception: 'Problem', expired: 'Expired',
    },
    stalls: {
      not_picked_up: 'Not picked up', no_update: 'No news', problem: 'Problem delivering', refused: 'Refused', returned: 'Coming back', expired: 'Expired at the tracking service',
    },
    todo: {
      not_picked_up: 'Call the carrier to collect it', no_update: 'Call the carrier to trace it', problem: 'Contact the customer, then the carrier',
      refused: 'Contact the customer; the parcel comes back', returned: 'Contact the customer; expect the return', expired: 'Open a claim with the carrier',
    },
    rules: 'Stall rules', rulesHelp: 'A parcel raises an exception in the lead\'s queue when it breaks its carrier\'s rule (* is every other carrier).',
    pickupHours: 'Not picked up after (h)', transitHours: 'No news in transit for (h)', deliveryHours: 'Out for delivery for (h)', saveRule: 'Save rule', ruleSaved: 'Rule saved for {{carrier}}',
  },
  carrierAccounts: {
    title: 'Carrier accounts', help: 'Where each carrier\'s waybill numbers come from. A Kuaidi100 e-waybill account gets every parcel a number, sorting code (大头笔) and bag point (集包地) from the carrier when it is confirmed at the bench.',
    carrier: 'Carrier code', source: 'Waybill numbers from', sources: { range: 'Number ranges', kuaidi100: 'Kuaidi100 e-waybill account' },
    template: 'Label', templates: { 'cn-ewaybill-76x130': 'E-waybill 76 × 130 one-part', 'cn-ewaybill-100x180': 'E-waybill 100 × 180 two-part', 'shipping-4x6': 'Shipping label 4 × 6' },
    apiBase: 'E-waybill API address', pollBase: 'Tracking API address', key: 'Key', secret: 'Secret', secretKept: 'stored; leave empty to keep it', customer: 'Customer id',
    partnerId: 'Carrier account (月结卡号)', partnerKey: 'Carrier account password', net: 'Branch (网点)', service: 'Service', payType: 'Payment', insuredYuan: 'Insured value (yuan)',
    payTypes: { MONTHLY: 'Monthly account (寄付月结)', SHIPPER: 'Sender pays (寄付现结)', CONSIGNEE: 'Receiver pays (到付)' },
    callbackUrl: 'Push address for tracking', timeoutMs: 'Wait for the carrier (ms)', save: 'Save account', saved: 'Account saved for {{carrier}}', test: 'Test call',
    testOk: 'Works: {{message}} ({{ms}} ms)', testFailed: 'Does not work: {{message}}', lastTest: 'Last test {{at}}', none: 'No carrier accounts yet: every carrier uses its number ranges.',
    edit: 'Edit', add: 'Add or change an account', onlyAdmin: 'Only an admin changes carrier accounts.', noAccess: 'Carrier accounts are for leads and admins.',
    warehouse: 'Warehouse', shopWide: 'Shop-wide (every warehouse without its own)',
    warehouseHelp: 'Each warehouse can ship a carrier on its own account (月结卡号) and sender address; a warehouse without one uses the shop-wide account.',
    senderName: 'Sender name', senderPhone: 'Sender phone', senderAddress: 'Sender address', senderHelp: "Empty: the shop's sender from Settings > Shop is printed and sent to the carrier.",
  },
};
