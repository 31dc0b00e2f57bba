// The command barcodes (contract/pack.ts PACK_COMMANDS): a new box, a reprint or void of the last
// label, a short report, a skip. Reprint, void and short use the reason typed before them.
import type { PackCommand } from '../../contract/pack';
import type { LabelData } from '../../contract/labels';
import { msg } from '../../contract/pack-messages';
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
      try {
        await f.o.core.reportShort(op.token, s.ticket.orderId, f.o.bench.id, takeReason(s, 'item not found at the bench'), missing);
      } catch (e) {
        return coreTrouble(f, code, e);
      }
      const number = s.ticket.number;
      clearBench(s, 'shortReported');
      s.alert = { kind: 'short', message: msg('orderShort', { order: number }), action: msg('shortAction'), needs: 'scan', at: f.now() };
      return note(f, code, 'info', msg('orderShortNote', { order: number }));
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

/** Takes the order off the bench with nothing printed for it (scans reach here only with an operator in). */
export function skip(f: Flow, code: string): void {
  const had = f.s.ticket?.number;
  clearBench(f.s, 'skipped');
  note(f, code, 'info', had ? msg('orderSkipped', { order: had }) : msg('benchCleared'));
}
