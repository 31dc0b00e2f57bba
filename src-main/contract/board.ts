import { z } from 'zod';
import { ALL, type RouteDef } from './routing';
import { WarehouseFilter } from './locations';

// The shift lead's board.

/** The lead's board: work per carrier against its cut-off, and per bench. */
export const ShiftBoard = z.object({
  carriers: z.array(z.object({
    carrier: z.string().describe('"-" for orders without a carrier'),
    cutoff: z.string().nullable().describe('local "HH:MM" from the shop settings'),
    pool: z.number().int().describe('allocated, in no wave yet'),
    inWave: z.number().int().describe('in a wave: to pick or picked'),
    packing: z.number().int(),
    packed: z.number().int().describe('packed, waiting for the carrier'),
    exceptions: z.number().int(),
  })),
  benches: z.array(z.object({
    bench: z.string(),
    packing: z.number().int().describe('orders on the bench now'),
    parcelsToday: z.number().int(),
    lastParcelAt: z.string().nullable(),
  })),
});
export type ShiftBoard = z.infer<typeof ShiftBoard>;

export const boardRoutes = {
  shiftBoard: {
    method: 'GET', path: '/api/shift-board', summary: "The lead's board: orders per carrier (pool, in waves, packing, packed) against its cut-off, parcels per bench today", roles: ALL,
    query: WarehouseFilter, response: ShiftBoard, tag: 'waves',
  },
} as const satisfies Record<string, RouteDef>;
