// Route handlers of the lead's board.
import type { boardRoutes } from '../../../contract/board';
import { shiftBoard } from './queries';
import type { ModuleHandlers } from '../../http/handler-env';
import { warehouseFilterOf } from '../locations/queries';

export const handlers: ModuleHandlers<typeof boardRoutes> = {
  shiftBoard: ({ query }, { core }) => shiftBoard(core.ctx, warehouseFilterOf(core.ctx, query.warehouse)),
};
