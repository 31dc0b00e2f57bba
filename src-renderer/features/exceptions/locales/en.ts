// The exception queue in the Waves console.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  exceptions: {
    title: 'Exceptions', none: 'No open exceptions.', resolve: 'Resolve…', whatDone: 'What was done',
    keepParcels: 'Keep the parcels and their waybills (the order may ship)',
    kind: { short: 'Short pick', weight_override: 'Weight override', intercept: 'Intercept', other: 'Other' }, missing: '{{count}} unit(s) missing',
    weight: 'measured {{measured}} g, expected {{expected}} g ({{min}}–{{max}})', intercept: 'pull the parcel: {{waybills}}',
    fix: {
      found: 'Items found, back to packing', repick: 'Picked again from another bin', weightOk: 'Checked the box: weight is right',
      pulled: 'Parcel pulled, items back on the shelf', done: 'Done',
    },
  },
};
