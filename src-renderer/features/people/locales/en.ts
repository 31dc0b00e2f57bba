// The login screen, and Settings -> Users (users and badge cards).
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  login: {
    title: 'Scan your badge', hint: 'Scan the badge barcode, or type its code and press Enter.', badge: 'Badge code', pin: 'PIN', submit: 'Log in',
    demo: 'Demo badges', pinOptional: '(only if your badge has one)',
    refused: 'Badge or PIN not accepted. Check the PIN; after several wrong PINs a badge is locked until a lead unlocks it.',
    throttled: 'Too many failed attempts from here: wait a moment, then try again.',
  },
  users: {
    title: 'Users', name: 'Name', role: 'Role', pin: 'PIN', pinHint: '4 to 8 digits', pinNeeded: 'needed for this role', pinSet: 'PIN set', noPin: 'no PIN',
    create: 'Create user', created: '{{name}} created', status: 'Status', active: 'active', inactive: 'inactive', locked: 'locked: too many wrong PINs',
    unlock: 'Unlock', unlocked: 'Badge of {{name}} unlocked', deactivate: 'Deactivate', reactivate: 'Reactivate', resetBadge: 'New badge', resetPin: 'Set PIN',
    removePin: 'Remove PIN', newPin: 'New PIN for {{name}}', pinSaved: 'PIN of {{name}} saved', changed: '{{name}} saved', edit: 'Edit', save: 'Save',
    badgeOnce: 'Badge code of {{name}}: {{badge}}', badgeOnceHint: 'Shown this once: print the card now. Packline keeps only a fingerprint of it; a lost card gets a new badge.',
    printCard: 'Print the badge card (PDF)', printAll: 'Print {{count}} badge cards (PDF)', done: 'Done, the card is printed',
    confirmReset: 'Give {{name}} a new badge? The old card stops working at once.', roles: { operator: 'Operator', lead: 'Shift lead', admin: 'Admin', finance: 'Finance', viewer: 'Viewer' },
  },
};
