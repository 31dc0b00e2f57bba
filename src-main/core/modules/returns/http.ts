// Route handlers of returns: requests and their transitions, the bench's scans and grades (photos
// into the data folder), refunds, held units, the reasons report, settings. Writes go through the WriteBatcher.
import type { returnsRoutes } from '../../../contract/returns';
import { reply, actorOf, type ModuleHandlers } from '../../http/handler-env';
import { getReturn, heldUnits, listReturns, reasonsReport, returnSettings, scanForReturn } from './queries';
import { createReturn, createReturnFromChannel, receiveUnknown } from './actions/create-return';
import { returnAction } from './actions/return-action';
import { gradeUnit } from './actions/grade-unit';
import { approveRefund, recordRefund, writeOffUnit } from './actions/refund';
import { putReturnSettings } from './actions/settings';
import { readPhoto, savePhoto } from './photos';
import { importReturns } from './import-returns';

/** A text route's body as the server reads it (server.ts readBody). */
type TextBody = { bytes: Buffer; complete: boolean };

export const handlers: ModuleHandlers<typeof returnsRoutes> = {
  listReturns: ({ query }, { core }) => ({ items: listReturns(core.ctx, query) }),
  createReturn: ({ body }, env) => env.core.writes.run(() => createReturn(env.core.ctx, body, actorOf(env))).then((r) => reply(201, r)),
  createChannelReturn: ({ body }, env) => env.core.writes.run(() => createReturnFromChannel(env.core.ctx, body, actorOf(env))),
  getReturn: ({ params }, { core }) => getReturn(core.ctx, params.id),
  returnAction: ({ params, body }, env) => env.core.writes.run(() => returnAction(env.core.ctx, params.id, params.action, body, actorOf(env))),
  gradeUnit: ({ params, body }, env) => {
    const actor = actorOf(env);
    const unitId = env.core.ctx.ids('returnUnit');
    // the file first: a unit row never names a photo that is not there
    const photo = body.photo ? savePhoto(env.core.dataDir, unitId, body.photo) : null;
    return env.core.writes.run(() => gradeUnit(env.core.ctx, params.id, { code: body.code, grade: body.grade, unitId, photo }, actor));
  },
  approveRefund: ({ params }, env) => env.core.writes.run(() => approveRefund(env.core.ctx, params.id, actorOf(env))),
  recordRefund: ({ params, body }, env) => env.core.writes.run(() => recordRefund(env.core.ctx, params.id, body.reference, actorOf(env))),
  writeOffUnit: ({ params, body }, env) => env.core.writes.run(() => writeOffUnit(env.core.ctx, params.id, body.reason, actorOf(env))),
  heldUnits: (_i, { core }) => ({ items: heldUnits(core.ctx) }),
  scanReturn: ({ params }, { core }) => scanForReturn(core.ctx, params.code),
  receiveUnknown: ({ body }, env) => env.core.writes.run(() => receiveUnknown(env.core.ctx, body.code, body.note, actorOf(env))).then((r) => reply(201, r)),
  returnPhoto: ({ params }, { core }) => ({ ...readPhoto(core.dataDir, params.name), filename: params.name }),
  reasonsReport: ({ query }, { core }) => reasonsReport(core.ctx, query.days),
  importReturns: ({ body }, env) => importReturns(env.core, (body as unknown as TextBody).bytes, actorOf(env)),
  getReturnSettings: (_i, { core }) => returnSettings(core.ctx),
  putReturnSettings: ({ body }, env) => env.core.writes.run(() => putReturnSettings(env.core.ctx, body, actorOf(env))),
};
