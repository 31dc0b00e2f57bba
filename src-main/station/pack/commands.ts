// The command barcodes (contract/pack.ts PACK_COMMANDS): a new box, a reprint or void of the last
// label, a short report, a skip. Reprint, void and short use the reason typed before them.
import type { PackCommand } from '../../contract/pack';
import type { LabelData } from '../../contract/labels';
import { msg, packMessageText, type PackMessage } from '../../contract/pack-messages';
import type { Flow } from './flow';
import { note, refuse } from './feedback';
import { printLabel } from './label';
import { moveTo } from './phases';
import { remaining, unitsIn } from './rules';
import { coreTrouble } from './shift';
import { clearBench, takeReason } from './state';
import { toWeigh } from './weigh';

export async function commandScan(f: Flow, command: PackCommand, code: string): Promise<void> {
  const s = f.s;
  const op = s.operator!;
  switch (command) {
    case 'newBox': {
      if (s.phase !== 'verify' || unitsIn(s.scanned) === 0) return refuse(f, code, 'not_allowed', msg('newBoxNeedsItem'), msg('scanItemsFirst'));
      toWeigh(f);
      return note(f, code, 'info', msg('boxFull', { index: s.parcelIndex, next: s.parcelIndex + 1 }));
    }
    case 'reprint': {
      const last = s.labels.at(-1);
      if (!last) return refuse(f, code, 'not_allowed', msg('noLabelYet'), msg('nothingToReprint'));
      const reason = takeReason(s, 'reprint at the bench');
      let data: LabelData;
      try {
        data = await f.o.core.reprintParcel(op.token, last.parcelId, reason);
      } catch (e) {
        return coreTrouble(f, code, e);
      }
      await printLabel(f, last, f.now(), data);
      return note(f, code, 'ok', msg('labelReprinted', { waybill: last.waybill }));
    }
    case 'void': {
      const last = s.labels.at(-1);
      if (!last) return refuse(f, code, 'not_allowed', msg('noLabelYet'), msg('nothingToVoid'));
      try {
        await f.o.core.voidParcel(op.token, last.parcelId, takeReason(s, 'voided at the bench'));
      } catch (e) {
        return coreTrouble(f, code, e);
      }
      s.labels = s.labels.filter((l) => l !== last);
      s.ticket = null;
      s.scanned = {};
      moveTo(s, 'voided');
      return note(f, code, 'ok', msg('waybillVoided', { waybill: last.waybill }));
    }
    case 'short': {
      if (!s.ticket || (s.phase !== 'verify' && s.phase !== 'weigh')) return refuse(f, code, 'not_allowed', msg('noOrderOnBench'), msg('scanOrderFirst'));
      const missing = s.ticket.lines.filter((l) => remaining(l, s.scanned) > 0).map((l) => ({ skuId: l.skuId, qty: remaining(l, s.scanned) }));
      if (missing.length === 0) return refuse(f, code, 'not_allowed', msg('nothingMissing'), msg('weighParcel'));
      const number = s.ticket.number;
      return toLeadsQueue(f, code, missing, 'item not found at the bench', {
        message: msg('orderShort', { order: number }), action: msg('shortAction'), note: msg('orderShortNote', { order: number }),
      });
    }
    case 'skip': {
      return skip(f, code);
    }
    case 'override': {
      if (s.alert?.needs !== 'lead') return refuse(f, code, 'not_allowed', msg('nothingToOverride'), msg('overrideIsForWeight'));
      return note(f, code, 'info', msg('leadScanBadge'));
    }
    default:
      return refuse(f, code, 'unknown_code', msg('commandUnknown', { code }), msg('useCommandSheet'));
  }
}

/**
 * A skip at a weight stop: the order is set aside for the lead (exception queue, the order in
 * exception so no bench packs it again meanwhile), never labelled. Only a lead's badge lets the weight pass.
 */
export function setAside(f: Flow, code: string): Promise<void> {
  const s = f.s;
  const t = s.ticket!;
  const all = t.lines.filter((l) => l.qty > l.packedBefore).map((l) => ({ skuId: l.skuId, qty: l.qty - l.packedBefore }));
  const why = s.alert ? packMessageText(s.alert.message) : 'weight out of tolerance';
  return toLeadsQueue(f, code, all, `set aside at ${f.o.bench.name}: ${why}`, {
    message: msg('orderSetAside', { order: t.number }), action: msg('setAsideAction'), note: msg('orderSetAsideNote', { order: t.number }),
  });
}

/** The core puts the order in exception with its items for a lead (the short path); the bench is free. */
async function toLeadsQueue(f: Flow, code: string, items: { skuId: string; qty: number }[], reason: string, say: { message: PackMessage; action: PackMessage; note: PackMessage }): Promise<void> {
  const s = f.s;
  try {
    await f.o.core.reportShort(s.operator!.token, s.ticket!.orderId, f.o.bench.id, takeReason(s, reason), items);
  } catch (e) {
    return coreTrouble(f, code, e);
  }
  clearBench(s, 'shortReported');
  s.alert = { kind: 'short', message: say.message, action: say.action, needs: 'scan', at: f.now() };
  note(f, code, 'info', say.note);
}

/** Takes the order off the bench with nothing printed for it (scans reach here only with an operator in). */
export function skip(f: Flow, code: string): void {
  const had = f.s.ticket?.number;
  clearBench(f.s, 'skipped');
  note(f, code, 'info', had ? msg('orderSkipped', { order: had }) : msg('benchCleared'));
}
