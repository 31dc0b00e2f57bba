// The first-run setup page.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  setup: {
    title: 'Set up your shop', intro: 'Seven short steps from an empty shop to a labelled parcel. Your progress is kept: you can leave and come back.',
    banner: 'Your shop is not set up yet.', continue: 'Continue the setup', step: 'Step {{n}} of {{count}}', doneMark: 'done', edit: 'Change',
    next: 'Save and continue', skip: 'Later', finish: 'Finish the setup', finished: 'Your shop is set up.', saved: 'Saved',
    steps: {
      shop: 'Your shop', warehouse: 'Your warehouse', carriers: 'Carriers and services', waybills: 'Waybill numbers', printer: 'The bench\'s label printer',
      operator: 'The first operator\'s badge', testParcel: 'A test parcel',
    },
    hints: {
      shop: 'The sender is printed on every label.', warehouse: 'Where parcels leave from (more warehouses come later).',
      carriers: 'Tick the carriers you ship with and list the services you use.', waybills: 'Add the number range (号段) each carrier gave you, so the bench can number labels. A carrier account with an e-waybill API is set up under its carrier.',
      printer: 'The label printer on this bench: a network printer is tcp://192.168.1.50:9100, a printer queue spool:Zebra_ZD421, USB file:/dev/usb/lp0. The scale and scanners are on Devices.',
      operator: 'Create the person who packs. Their badge code is shown once: print the card.', testParcel: 'Make a test order, pack it at the bench like a real one, and see its label print.',
    },
    carriersNeedOne: 'Choose at least one carrier.', waybillsNeedOne: 'Add a number range for a carrier you use.',
    printerAddress: 'Printer address', printerLanguage: 'Printer language', testPrint: 'Save and print a test label', testPrinted: 'The test label was printed: check it came out.',
    devicesLink: 'Scale and scanners: Devices', operatorName: 'Name', operatorPin: 'PIN', makeOperator: 'Create the operator and show the badge',
    carrier: 'Carrier', makeOrder: 'Make the test order', orderMade: 'Test order {{number}}: one test item, to your own sender address.',
    howToPack: 'At the bench: log out, log in with the operator\'s badge, open Pack, scan (or type) the order number {{number}}, then the item {{item}}, put the box on the scale. The label prints by itself.',
    waiting: 'Waiting for the parcel to be packed…', packed: 'Packed and labelled: waybill {{waybill}}.', openOrders: 'See it in Orders',
  },
};
