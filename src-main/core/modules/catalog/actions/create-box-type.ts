// Registering a box type (its tare weight counts in every parcel's expected weight).
import type { z } from 'zod';
import type { CoreContext } from '../../../context';
import type { BoxType, BoxTypeInput } from '../../../../contract/catalog';
import { fail, issue } from '../../../../lib/errors';
import { said } from '../../../../contract/field-messages';
import { appendEvent, type Actor } from '../../../store/events';
import { boxTypeCodeExists, insertBoxType } from '../store';

export function createBoxType(ctx: CoreContext, input: z.infer<typeof BoxTypeInput>, actor: Actor): BoxType {
  if (boxTypeCodeExists(ctx.db, input.code)) fail('conflict', said('boxTypeExists', { code: input.code }), [issue('code', said('exists'))]);
  const id = ctx.ids('box');
  insertBoxType(ctx.db, id, input);
  appendEvent(ctx.db, ctx.clock, { type: 'box_type.created', entity: 'box_type', entityId: id, actor, data: { code: input.code } });
  return { id, ...input };
}
