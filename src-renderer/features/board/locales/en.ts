// The shift board's cut-offs and benches in the Waves console.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  board: {
    noCarrier: 'No carrier', noCutoff: 'no cut-off set', cutoffLeft: 'cut-off {{time}} · {{h}} h {{m}} min left',
    cutoffPassed: 'cut-off {{time}} passed {{h}} h {{m}} min ago',
    carrierWork: '{{pool}} to wave · {{inWave}} picking · {{packing}} packing · {{packed}} packed', exceptionsCount: '{{count}} exception(s)',
    bench: 'Bench', noBenches: 'No parcels packed today yet.', onBench: 'On the bench', parcelsToday: 'Parcels today', lastParcel: 'Last parcel',
  },
};
