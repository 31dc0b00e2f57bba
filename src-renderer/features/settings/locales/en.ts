// Settings -> General: language, shop settings, users.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  settings: {
    language: 'Language', shop: 'Shop', users: 'Users', role: 'Role', tolerance: 'Weight tolerance',
    inbound: 'In-transit counted as available', autoAllocate: 'Reserve stock when an order arrives', requirePin: 'Ask for a PIN at login',
    general: 'General',
    status: 'Status', active: 'active', inactive: 'inactive', locked: 'locked: too many wrong PINs', unlock: 'Unlock', unlocked: 'Badge of {{name}} unlocked',
  },
};
