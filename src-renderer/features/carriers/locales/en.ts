// Settings -> Carriers: the carriers a shop ships with (master data).
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  carriers: {
    title: 'Carriers', code: 'Code', nameEn: 'Name (English)', nameZh: 'Name (Chinese)', trackingUrl: 'Tracking page', trackingHint: 'with {number} where the waybill number goes',
    labelTemplate: 'Label template', waybillSource: 'Waybill numbers from', sources: { range: 'a number range (号段)', account: 'the carrier account (e-waybill API)' },
    services: 'Services', servicesHint: 'comma-separated, e.g. 标快 Standard, 特快 Express', active: 'In use', inactive: 'not in use',
    add: 'Add a carrier', added: 'Carrier {{code}} added', saved: 'Carrier {{code}} saved', edit: 'Edit', use: 'Use', stopUsing: 'Stop using',
    intro: 'Every order, waybill range and handover names a carrier by its code. A carrier is never deleted: stop using it instead.',
    none: 'No carriers yet.', adminOnly: 'Only an admin changes carriers.',
  },
};
