// Settings -> Benches. zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  benches: {
    title: 'Benches',
    intro: 'The shop\'s benches, each in the warehouse it stands in. Each bench PC pairs once with a one-time code and then works with its own key; every parcel it makes names the bench, beside the operator who scanned their badge on it.',
    warehouse: 'Warehouse', defaultWarehouse: 'Default warehouse', moveTo: 'Warehouse of {{name}}',
    name: 'Bench name', printer: 'Label printer', scale: 'Scale', status: 'Status', lastContact: 'Last contact',
    create: 'Create the bench and a code', newCode: 'New code', revoke: 'Revoke',
    state: { waiting: 'Waiting for its code', paired: 'Paired', revoked: 'Revoked' },
    codeFor: 'Pairing code for {{name}}: type it on the bench, or scan the QR with the bench\'s scanner. It works once.',
    validUntil: 'Valid until {{time}}',
    fingerprint: 'Certificate SHA-256: {{fp}}',
    noTls: 'This core serves plain HTTP on this PC only; start it with --lan for benches on other PCs.',
    thisBench: 'This bench',
    notPaired: 'not paired yet: enter a code from the list above (made on any screen of the shop\'s core)',
    pairedWith: 'paired with {{url}} on {{when}}',
    noStation: 'This screen cannot reach a bench station.',
    pairLabel: 'Pairing code', pairPlaceholder: 'K7M2-9QXD or packline-pair:…', pair: 'Pair this bench',
    pairedAs: 'This bench is now {{name}}.',
  },
};
