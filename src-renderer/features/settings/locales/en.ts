// Settings -> General: language, shop settings, users.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  settings: {
    language: 'Language', shop: 'Shop', users: 'Users', role: 'Role', badge: 'Badge', tolerance: 'Weight tolerance',
    inbound: 'In-transit counted as available', autoAllocate: 'Reserve stock when an order arrives', requirePin: 'Ask for a PIN at login',
    general: 'General',
  },
};
