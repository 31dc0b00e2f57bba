// The packing bench, its command sheet, and the weights it learns.
// zh-CN.ts is typed by this file: it must translate every key. `pack.msg` is what the bench
// station says (its keys and English words live in the contract, zh-CN in msg.zh-CN.ts).
import { PACK_MESSAGES_EN } from '../../../../src-main/contract/pack-messages';

export const en = {
  pack: {
    title: 'Packing bench', warehouse: 'The warehouse this bench packs in (its orders only)', nobody: 'nobody logged in', counters: 'This shift', parcels: 'parcels', items: 'items', errors: 'errors',
    noStation: 'This screen cannot reach the bench station. It reconnects by itself.',
    coreLost: 'Order core unreachable since {{time}}',
    coreLostWorks: 'Still works: scanning and weighing the parcel in hand (kept on this bench), the scale, the scanner, the printer',
    coreLostWaits: 'Waits for the core: the label (it prints by itself within a second of the core\'s return), the next order, a lead\'s badge',
    watching: 'Watching: {{name}} is packing on this bench', returnsMode: 'Receiving returns: {{name}} has this bench\'s scanners on the Return bench', backToPacking: 'Back to packing',
    testScans: 'Test scans: {{by}} is testing scanner {{scanner}} on the Devices screen until {{time}}; its scans do not pack meanwhile', takeOver: 'Take over the bench',
    say: {
      login: 'Scan your badge', idle: 'Scan an order, pick slip, tote or item', verify: 'Scan each item · {{number}}',
      weigh: 'Put box {{index}} on the scale', label: 'Printing the label…', done: 'Label printed · scan the next order',
    },
    alert: {
      unknown_code: 'Unknown code', wrong_item: 'Wrong item', extra_item: 'Extra item', wrong_order: 'Not this order', overweight: 'Too heavy',
      underweight: 'Too light', unstable: 'Weight not stable', cancelled: 'Order cancelled', on_hold: 'Order on hold', changed: 'Order changed',
      intercept: 'Pull this parcel', printer: 'Printer problem', scale: 'Scale problem', core: 'No connection', not_allowed: 'Not allowed',
      short: 'Reported short',
    },
    putWall: 'Put wall · wave {{wave}}', slotMore: '{{order}} · {{count}} more to come', slotComplete: '{{order}} is complete: pack it',
    slot: 'slot {{slot}}', scanned: 'Scanned', scale: 'Scale', stable: 'stable', motion: 'moving…', noScale: 'no scale reading',
    expected: 'expected {{g}} g ({{min}}–{{max}} g)', unknownWeight: 'An item has no weight yet: this parcel teaches it.', box: 'Box',
    suggested: 'suggested {{name}} ({{code}})', parcelN: 'parcel {{index}}', lastLabel: 'Last label', intercepts: 'Parcels to pull',
    typeCode: 'Type a code and press Enter', reasonPlaceholder: 'Reason for a reprint, void, short or override', commandSheet: 'Command barcodes',
    print: 'Print', reasonIs: 'Reason: {{reason}}', noWeight: 'nothing on the scale',
    inBand: 'within the expected weight', outBand: 'outside the expected weight',
    msg: PACK_MESSAGES_EN,
    cmd: {
      newBox: 'New box', reprint: 'Reprint label', void: 'Void label', short: 'Item missing (short)', override: 'Lead override',
      skip: 'Take order off the bench', logout: 'Log out', qty: 'Next item × {{n}}',
    },
  },
  weights: {
    title: 'Weights learned at the bench',
    hint: 'Parcels whose only unweighed item was this product propose its unit weight. Check it and accept (it then checks every parcel), or correct it first.',
    proposed: 'Unit weight (g)', range: 'Seen', samples: 'Parcels', accept: 'Accept', reject: 'Reject',
  },
};
