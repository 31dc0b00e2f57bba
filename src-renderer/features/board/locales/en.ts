// The command centre (overview, floor, operators, wall) and the shift board's cut-offs and benches.
// zh-CN.ts is typed by this file: it must translate every key.
export const en = {
  board: {
    noCarrier: 'No carrier', noCutoff: 'no cut-off set',
    pickupToday: 'next pickup today {{time}} · {{h}} h {{m}} min left', pickupTomorrow: 'next pickup tomorrow {{time}} · in {{h}} h {{m}} min',
    carrierWork: '{{pool}} to wave · {{inWave}} picking · {{packing}} packing · {{packed}} packed', exceptionsCount: '{{count}} exception(s)',
    bench: 'Bench', noBenches: 'No parcels packed today yet.', onBench: 'On the bench', parcelsToday: 'Parcels today', lastParcel: 'Last parcel',
  },
  centre: {
    overview: 'Overview', floor: 'Live floor', operators: 'Operators', wall: 'Wall screens',
    trend: 'Last 14 days', shipped: 'Shipped', parcels: 'Parcels', onTimePct: 'On time %', backlogByAge: 'Backlog by age', holdsByReason: 'On hold, by reason',
    returnsByReason: 'Returns by reason (30 days)', nothing: 'Nothing here.', openList: 'Open the orders behind this number',
    late: 'Late: past ship-by', atRisk: 'At risk: must make the next pickup', nothingLate: 'No order is late.', nothingAtRisk: 'No order at risk.',
    order: 'Order', state: 'State', carrier: 'Carrier', shipBy: 'Ship by', created: 'Received', holdReason: 'Hold reason', shippedAt: 'Shipped',
    cutoffs: 'Cut-offs', benches: 'Benches', parcelsPerBench: 'Parcels per bench today', waves: 'Waves in progress', wavePacked: '{{packed}} / {{orders}} packed', noWaves: 'No wave in progress.',
    back: 'Back', definition: 'Definition', ordersTotal: '{{count}} order(s)', noOrders: 'No orders behind this number.',
    packer: 'Packer', units: 'Units', hours: 'Packing hours', pph: 'Parcels / h', uph: 'Units / h', overrides: 'Weight overrides', firstScan: 'First scan', lastLabel: 'Last label',
    day: 'Day', ownOnly: 'Your own numbers for the day.', noPacking: 'No parcels packed on this day.', pphChart: 'Parcels per hour',
    wallIntro: 'A wall screen shows the live floor on a TV without a login. It can read the floor and nothing else; revoke it and the TV stops.',
    wallName: 'Screen name (e.g. Dock TV)', wallCreate: 'Make a wall link', wallUrlOnce: 'Open this address on the TV. It is shown only now:',
    wallRevoke: 'Revoke', wallRevoked: 'revoked', wallNone: 'No wall links yet.', wallRefused: 'This wall link is unknown or was revoked. Ask a lead for a new one.',
    updated: 'updated {{time}}', name: 'Name', createdAt: 'Made',
    shopWide: 'whole shop',
  },
  kpi: {
    backlog: 'Backlog', backlog_lt4h: '< 4 h', backlog_today: '4–24 h', backlog_1d: '1 day', backlog_2d: '2+ days', holds: 'On hold',
    late: 'Late', at_risk: 'At risk', shipped_today: 'Shipped today', on_time_due_today: 'Due today', on_time_today: 'On time today',
    on_time_rate_today: 'On time today', on_time_rate_7d: 'On time, 7 days', ship_p50_min: 'Order to ship p50', ship_p90_min: 'Order to ship p90',
    parcels_today: 'Parcels today', units_today: 'Units today', parcels_per_hour: 'Parcels per hour', units_per_hour: 'Units per hour',
    packer_pph: 'Parcels per hour (packer)', bench_pph: 'Parcels per hour (bench)',
    mispack_rate_7d: 'Mis-pack rate, 7 days', weight_overrides_7d: 'Weight overrides, 7 days', wrong_item_returns_7d: 'Wrong-item returns, 7 days',
    exceptions_open: 'Exceptions open', exceptions_oldest_min: 'Oldest exception', channel_sync_delay_s: 'Channel sync delay', channel_success_rate: 'Channel success',
    tracking_stalls: 'Tracking stalls', returns: 'Returns, 30 days', payout_differences_open: 'Payout differences open',
  },
  units: { pct: '%', min: 'min', s: 's', perHour: '/h' },
};
