// The Rules screen (rules, the lead's queue, limits and presale products) and the order page's rules panel.
export const en = {
  rules: {
    title: 'Rules', intro: 'Rules run in this order on every order when it arrives and again whenever it changes. Every rule that matches fires; a later rule\'s carrier or priority wins, the first hold stands.',
    add: 'Add a rule', edit: 'Edit', delete: 'Delete', up: 'Up', down: 'Down', none: 'No rules yet.', disabled: 'off', name: 'Name', enabled: 'In use',
    match: 'Fires when', matchAll: 'all conditions hold', matchAny: 'any condition holds', conditions: 'Conditions', conditionN: 'Condition {{n}}', nameNeeded: 'give the rule a name', addCondition: 'Add a condition', remove: 'Remove',
    values: 'Values (comma separated)', number: 'Number', lines: 'Lines', anyLine: 'any line', allLines: 'all lines', check: 'Check', actions: 'Actions',
    hold: 'Hold', noHold: 'no hold', releaseAfter: 'Release after (minutes)', releaseWhenClear: 'Release when the rule no longer matches', warehouse: 'Send to warehouse', routingDecides: 'as routing decides', carrier: 'Carrier', keepCarrier: 'the order\'s own', service: 'Service',
    priority: 'Priority (0-9)', tags: 'Tags (comma separated)', packerNote: 'Note for the packer', stop: 'Stop: later rules are not looked at', save: 'Save rule',
    reevaluating: 'Evaluating open orders again: {{done}} of {{total}}', reevaluated: 'Open orders evaluated again: {{changed}} changed ({{ms}} ms)',
    kinds: {
      channel: 'Channel', sku: 'SKU', tag: 'Tag (set by an earlier rule)', amount: 'Order amount (yuan)', quantity: 'Units', weight: 'Weight (g)', region: 'Province or city',
      address: 'Address check', buyer_orders_today: 'Buyer\'s orders in 24 h', buyer_returns: 'Buyer\'s returns', below_cost: 'A line under cost by (%)', presale: 'Presale product',
      presale_late: 'Presale product, supplier late', note: 'Buyer\'s note has',
    },
    ops: { gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most', eq: 'exactly' },
    checks: { missing_district: 'district missing', pickup_point: 'pickup point (驿站, 代收点, 快递柜…)', unparseable: 'cannot be read' },
    holdTypes: { fraud: 'fraud', address: 'address', payment: 'payment', stock: 'stock', presale: 'presale', manual: 'manual' },
  },
  queue: {
    title: 'Lead\'s queue', none: 'Nothing waits for a lead.', check: 'Check now', unassigned: 'Nobody took it', stuck: 'Stuck', conflict: 'Contradictory instructions',
    minutes: '{{duration}} in {{state}}', since: 'since {{time}}', dismiss: 'Clear', reason: 'Why (recorded)', stands: 'This one stands', frozen: 'frozen', applied: 'applied',
    decided: 'Decided', nUnassigned: '{{count}} unassigned', nStuck: '{{count}} stuck', nConflicts_one: '{{count}} conflict', nConflicts: '{{count}} conflicts',
    kinds: { cancel: 'Cancel', expedite: 'Expedite', address: 'New address' },
  },
  ruleLimits: {
    title: 'Limits', unassigned: 'Unassigned after (minutes)', stuck: 'Stuck in {{state}} after (minutes)', window: 'Contradictory instructions within (seconds)',
    presale: 'Presale products', presaleHint: 'One per line: SKU and the day the supplier promised stock, e.g. "SKU-0001 2026-12-10".',
  },
  orderRules: {
    title: 'Rules', none: 'No rule fires on this order now.', evaluations: 'Rules ran {{count}}× (on arrival and on each change)', tags: 'Tags', packerNote: 'Note for the packer',
    held: 'Held by rule "{{name}}" ({{type}})', heldSince: 'since {{time}}', releaseAt: 'releases itself at {{time}}', released: 'released', released_by_person: 'released by a person',
  },
};
