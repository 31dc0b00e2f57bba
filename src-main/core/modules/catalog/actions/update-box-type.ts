// Changing a box type: its tare counts in every parcel's expected weight from now on.
import type { z } from 'zod';
import type { CoreContext } from '../../../context';
import type { BoxType, BoxTypeInput } from '../../../../contract/catalog';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { getBoxType } from '../queries';
import { boxTypeCodeExists, updateBoxTypeRow } from '../store';

export function updateBoxType(ctx: CoreContext, id: string, patch: Partial<z.infer<typeof BoxTypeInput>>, actor: Actor): BoxType {
  const cur = getBoxType(ctx, id);
  if (patch.code && patch.code !== cur.code && boxTypeCodeExists(ctx.db, patch.code)) fail('conflict', said('boxTypeExists', { code: patch.code }), [issue('code', said('exists'))]);
  const next = { ...cur, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  updateBoxTypeRow(ctx.db, cur.id, next);
  appendEvent(ctx.db, ctx.clock, { type: 'box_type.updated', entity: 'box_type', entityId: cur.id, actor, data: { code: next.code, fields: Object.keys(patch) } });
  return getBoxType(ctx, cur.id);
}
