import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';

// What the bench says, as keys with parameters: the station never sends a sentence, the screen
// renders and speaks each key in its own language (src-renderer/features/packing/locales, where
// these English words are the `pack.msg` group and zh-CN translates every one). `detail` carries
// words the bench cannot translate (a core's message, a device's reason, a lead's typed reason).

/** Every refusal of the order core, by its error code: the screen shows it translated, the core's message as detail. */
const CORE_REFUSALS: Record<`core_${ErrorCode}`, string> = {
  core_bad_request: 'the order core did not understand the request',
  core_validation: 'the order core refused a value',
  core_unauthenticated: 'the session is not signed in',
  core_forbidden: 'your role may not do this',
  core_not_found: 'the order core does not know it',
  core_conflict: 'the order changed meanwhile',
  core_invalid_transition: 'the order is not in a state that allows this',
  core_insufficient_stock: 'not enough stock',
  core_order_state: 'the order cannot be packed in its state',
  core_weight_out_of_tolerance: 'the weight is out of tolerance',
  core_waybill_unavailable: 'no waybill number can be had for the carrier',
  core_payload_too_large: 'the request is too large',
  core_unsupported_media_type: 'the request is in a form the core does not take',
  core_rate_limited: 'too many attempts: wait a moment',
  core_unavailable: 'the order core is not answering',
  core_internal: 'the order core had an internal error',
};

/** The English words of every key (the journal, the log and the screen's fallback use them). */
export const PACK_MESSAGES_EN = {
  ...CORE_REFUSALS,
  // a line of text from before the bench spoke in keys (an old journal)
  text: '{{text}}',
  // logging in and out
  packingOn: '{{name}} is packing on {{bench}}',
  loggedOut: '{{name}} logged out',
  idleLogout: 'logged out after a quiet spell',
  sessionEnded: 'the session ended: scan your badge',
  notABadge: 'the code scanned is not a badge this shop knows',
  roleWatchesOnly: '{{name}} is a {{role}}: a {{role}} may watch a bench but not pack on it',
  scanOperatorBadge: "scan an operator's or a lead's badge",
  takenOver: '{{name}} is packing on {{bench}} (taken over from {{from}})',
  scanOwnBadge: 'scan your own badge, or ask the lead for one',
  nobodyLoggedIn: 'nobody is logged in on this bench',
  scanBadgeFirst: 'scan your badge first',
  ownBadge: 'that is your badge, {{name}}; you are logged in',
  otherBadge: 'that is a staff badge: to switch person, log out first (PL-CMD-LOGOUT), then scan the badge',
  // starting an order
  orderScanEach: 'order {{order}}: scan each item',
  slotCompletePack: 'slot {{slot}} is complete: pack order {{order}}, scanning each item into the box',
  putInSlot: 'put it in slot {{slot}} ({{order}}): {{n}} more to come',
  codeManyOrders: '{{code}} belongs to {{n}} orders',
  scanSlipInstead: 'scan the order barcode on the pick slip instead',
  codeNotKnownIdle: '{{code}} is not an order, tote, slot or item this shop knows',
  checkCodeScanSlip: 'check the code and scan the order barcode on the pick slip',
  putAsideOrSlip: 'put it aside for the lead, or scan the order barcode on the pick slip',
  giveSlipToLead: 'put the items aside and give the slip to the lead',
  // items into the box
  boxChosen: 'box {{name}} ({{tare}} g)',
  itemIn: '{{sku}} {{name}}',
  itemsIn: '{{sku}} ×{{units}} {{name}}',
  notInOrder: '{{code}} is not in order {{order}}',
  takeOutPutAside: 'take it out of the box and put it aside; then scan the next item of this order',
  codeUnknown: 'code {{code}} is not known',
  codeUnknownAction: 'check the label and scan again; if it still is not known, set the item aside for the lead',
  otherOrderCode: '{{code}} is another order, not {{order}}',
  finishThisOrder: 'finish this order first, or scan PL-CMD-SKIP to take it off the bench',
  extraAll: '{{sku}} {{name}}: all {{need}} are already in',
  extraSome: '{{sku}} {{name}}: only {{left}} more of {{need}} may go in',
  takeExtraOut: 'take the extra one out of the box',
  nextCountsTimes: 'next item counts {{times}} times',
  labelRightBox: 'label {{code}} is on the right box',
  labelEarlierParcel: 'label {{code}} belongs to an earlier parcel, not to {{last}}',
  takeLabelOff: 'take that label off this box and scan PL-CMD-REPRINT for the right one',
  // commands
  newBoxNeedsItem: 'a new box needs at least one item in this one',
  scanItemsFirst: 'scan the items of this box first',
  boxFull: 'box {{index}} is full: weigh it; the rest go into box {{next}}',
  noLabelYet: 'no label printed on this bench yet',
  nothingToReprint: 'nothing to reprint',
  nothingToVoid: 'nothing to void',
  labelReprinted: 'label {{waybill}} printed again',
  waybillVoided: 'waybill {{waybill}} voided: tear the label off; scan the order again to pack it anew',
  noOrderOnBench: 'no order on the bench',
  scanOrderFirst: 'scan an order first',
  nothingMissing: 'nothing is missing: every item is scanned',
  weighParcel: 'weigh the parcel',
  orderShort: "order {{order}} reported short: it is in the lead's exception queue",
  shortAction: 'put the items in the exception tote; scan the next order',
  orderShortNote: 'order {{order}} reported short',
  nothingToOverride: 'nothing to override',
  overrideIsForWeight: 'a lead override is for a weight out of tolerance',
  leadScanBadge: 'lead: scan your badge',
  commandUnknown: 'command {{code}} is not known',
  useCommandSheet: 'use the command sheet',
  orderSkipped: 'order {{order}} taken off the bench: nothing was printed for it',
  benchCleared: 'bench cleared',
  reasonNoted: 'reason noted: now scan the command again, or a lead badge to override',
  // the scale
  tooHeavy: '{{grams}} g is more than expected ({{min}}–{{max}} g)',
  tooLight: '{{grams}} g is less than expected ({{min}}–{{max}} g)',
  tooHeavyAction: 'check for an extra item or a wrong box; a lead can scan their badge to let it pass',
  tooLightAction: 'check for a missing item; a lead can scan their badge to let it pass',
  skipToClear: 'scan PL-CMD-SKIP to clear the bench',
  weightAccepted: 'weight accepted by a lead: {{reason}}',
  // the core's answer to a parcel
  parcelWaits: 'the parcel waits; weigh it again once the connection is back',
  labelWaitsForCore: 'the label waits for the order core to confirm the parcel',
  labelWaitsAction: 'leave the box on the scale: the label prints by itself once the core answers',
  leadOwnBadge: 'a lead must scan their own badge to let this weight pass',
  stopPutAside: 'stop: put the items aside and scan PL-CMD-SKIP',
  leadOrSkip: 'a lead can scan their badge to let it pass, or scan PL-CMD-SKIP to set it aside for the lead',
  overrideCutShort: 'the station stopped while a lead let this weight pass',
  leadScanAgain: 'a lead scans their badge again to finish this parcel',
  orderSetAside: "order {{order}} set aside: it is in the lead's exception queue, nothing was printed for it",
  setAsideAction: 'put the parcel in the exception tote; scan the next order',
  orderSetAsideNote: 'order {{order}} set aside',
  coreNotAnswering: 'the order core is not answering: check the network; scan again in a moment',
  askLead: 'ask the lead',
  somethingWrong: 'something went wrong at the bench',
  scanAgainCallLead: 'scan again; if it repeats, call the lead',
  // stops from the core
  stopCancelled: 'STOP: order {{order}} was cancelled',
  stopHeld: 'STOP: order {{order}} was put on hold',
  stopChanged: 'STOP: order {{order}} was changed',
  stopAction: 'do not ship it: put the items aside and scan PL-CMD-SKIP',
  leadStopAction: 'do not ship it: put the items aside; a lead scans their badge to clear this stop',
  interceptCancelled: 'STOP: order {{order}} was cancelled after its label printed',
  interceptHeld: 'STOP: order {{order}} was put on hold after its label printed',
  interceptChanged: 'STOP: order {{order}} was changed after its label printed',
  interceptAction: 'pull parcel {{waybills}} off the outgoing cart and give it to the lead; the lead scans their badge when done',
  pullCancelled: 'order was cancelled',
  pullHeld: 'order was put on hold',
  pullChanged: 'order was changed',
  scanDuringStop: '{{code}} was not taken: the bench is stopped',
  watchingRefused: '{{code}} was not taken: this screen only watches the bench',
  // the same for a code that may be somebody's badge (contract/pack.ts mayEchoScan): never said
  scanDuringStopNoCode: 'the scan was not taken: the bench is stopped',
  watchingRefusedNoCode: 'the scan was not taken: this screen only watches the bench',
  stopNotTaken: 'not taken: the bench is stopped until a lead scans their badge',
  onlyLeadClears: 'only a lead can clear this stop: a lead scans their badge',
  notALead: "{{name}} is not a lead: only a lead's badge clears this stop",
  stopCleared: 'stop cleared by {{name}}',
  stopClearedOrderOff: 'stop cleared by {{name}}: order {{order}} is off the bench, nothing was printed for it',
  // devices
  scaleProblem: 'the scale is not answering',
  scaleAction: 'check the scale cable and power; weighing goes on by itself when it is back',
  printerProblem: 'the label printer is not answering',
  labelNotPrintedYet: 'the label did not print yet',
  printerAction: 'fix the printer: the label prints by itself once it is ready, never twice',
  noPrinter: 'no label printer is set up',
  noPrinterAction: 'choose one on the Devices screen; the label prints then',
  labelNotQueued: 'the label for {{waybill}} was not queued',
  labelNotQueuedAction: 'fix the printer set-up, then scan PL-CMD-REPRINT',
};

export type PackMessageKey = keyof typeof PACK_MESSAGES_EN;
export type PackMessageParams = Record<string, string | number>;

/** One thing the bench says: a key of PACK_MESSAGES_EN, its parameters, and untranslatable detail. */
export interface PackMessage {
  key: PackMessageKey;
  params?: PackMessageParams;
  detail?: string;
}

export const PackMessageSchema = z.object({
  key: z.enum(Object.keys(PACK_MESSAGES_EN) as [PackMessageKey, ...PackMessageKey[]]),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  detail: z.string().optional(),
}) satisfies z.ZodType<PackMessage>;

export function msg(key: PackMessageKey, params?: PackMessageParams, detail?: string): PackMessage {
  return { key, ...(params ? { params } : {}), ...(detail ? { detail } : {}) };
}

/** A refusal of the order core: its code, translated on the screen, and its message as detail. */
export function coreRefusal(e: { code?: string; message?: string }): PackMessage {
  const code = (ERROR_CODES as readonly string[]).includes(e.code ?? '') ? (e.code as ErrorCode) : 'internal';
  return msg(`core_${code}`, undefined, e.message);
}

/** `{{name}}` replaced by params.name; an unknown parameter stays visible rather than vanishing. */
export function fillIn(template: string, params: PackMessageParams = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The English words of a message, for the journal and the log (screens render it in their own language). */
export function packMessageText(m: PackMessage): string {
  const text = fillIn(PACK_MESSAGES_EN[m.key] ?? m.key, m.params);
  return m.detail ? `${text} (${m.detail})` : text;
}
