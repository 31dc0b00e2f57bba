// The login screen.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  login: {
    title: 'Scan your badge', hint: 'Scan the badge barcode, or type its code and press Enter.', badge: 'Badge code', pin: 'PIN', submit: 'Log in',
    demo: 'Demo badges',
  },
};
