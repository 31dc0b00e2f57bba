// The login screen.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  login: {
    title: 'Scan your badge', hint: 'Scan the badge barcode, or type its code and press Enter.', badge: 'Badge code', pin: 'PIN', submit: 'Log in',
    demo: 'Demo badges', pinOptional: '(only if your badge has one)',
    refused: 'Badge or PIN not accepted. Check the PIN; after several wrong PINs a badge is locked until a lead unlocks it.',
    throttled: 'Too many failed attempts from here: wait a moment, then try again.',
  },
};
