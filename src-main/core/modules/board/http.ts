// Route handlers of the lead's board.
import type { boardRoutes } from '../../../contract/board';
import { shiftBoard } from './queries';
import type { ModuleHandlers } from '../../http/handler-env';

export const handlers: ModuleHandlers<typeof boardRoutes> = {
  shiftBoard: (_i, { core }) => shiftBoard(core.ctx),
};
