// Settings -> Channels: sales channel connections, their inbox and write-backs.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  channels: {
    title: 'Channels', intro: 'Orders arrive by themselves from your shops; cancellations stop the bench; waybills go back when a parcel is labelled.',
    onlyManagers: 'Only leads and admins see the sales channels.', none: 'No sales channel is connected yet.',
    connect: 'Connect a sales channel', kind: 'Platform', kinds: { shopify: 'Shopify', woocommerce: 'WooCommerce', douyin: '抖店 message push', generic: 'Other system (signed JSON)' },
    name: 'Name', code: 'Channel code', secret: 'Webhook secret', appKey: 'App key (抖店)', apiBase: 'API base URL', apiKey: 'API token / consumer key', apiSecret: 'Consumer secret',
    writeBackUrl: 'Write-back URL', defaultCarrier: 'Carrier of its orders', pollMinutes: 'Catch-up poll every (minutes, 0 = off)', writeBackOn: 'Send the waybill when',
    on: { labelled: 'the parcel is labelled', handed_over: 'the carrier takes it' }, save: 'Connect', connected: '{{name}} is connected: give the platform its webhook URL.',
    webhookUrl: 'Webhook URL', copy: 'Copy', copied: 'Copied', secretHint: 'Secret ends in {{hint}}',
    health: 'Sync health', lastDelivery: 'Last delivery', never: 'never', success: 'Processed (24 h)', delay: 'Delay platform → here (p50 / p95)',
    refused: 'Refused signatures', pending: 'Write-backs waiting', dead: 'Dead letters', breaker: 'Platform keeps failing: write-backs wait until {{until}}',
    cursor: 'Poll cursor', pollError: 'Last poll failed: {{error}}', test: 'Send a test delivery', testOk: 'Test delivery accepted ({{status}}): the URL and the secret work.',
    testFailed: 'Test delivery refused ({{status}}): {{message}}', poll: 'Poll now', polled: '{{seen}} orders read; cursor {{cursor}}', inbox: 'Inbox',
    deliveries: 'Deliveries', refusals: 'Refused deliveries', received: 'Received', topic: 'Topic', deliveryId: 'Delivery id', state: 'State', result: 'What happened',
    states: { pending: 'waiting', done: 'done', duplicate: 'duplicate', stale: 'older version', failed: 'failed', test: 'test' },
    view: 'View', replay: 'Replay', replayed: 'Processed again: {{result}}', raw: 'Raw delivery', reason: 'Reason', bytes: 'Bytes',
    writeBacks: 'Shipment write-backs', order: 'Order', waybill: 'Waybill', carrier: 'Carrier', attempts: 'Tries', lastError: 'Last error', nextTry: 'Next try',
    wbStates: { pending: 'waiting', sent: 'sent', held: 'held', dead: 'dead letter' }, retry: 'Retry', retried: 'Sent again', allStates: 'All',
    unmapped: {
      title: 'Unmapped SKUs', hint: 'Orders with a channel SKU that is mapped to none of yours wait on hold. Map the SKU: the orders it held are released.',
      orderHint: 'This order waits on hold until each of these channel SKUs is mapped to one of your SKUs.', none: 'Every channel SKU is mapped.',
      channel: 'Channel', channelSku: 'Channel SKU', name: 'Product at the platform', orders: 'Orders held', ourSku: 'Your SKU', ourSkuHint: 'Your SKU code',
      map: 'Map this SKU', mapped: '{{channelSku}} is mapped to {{sku}}: its orders are released.',
    },
  },
};
