// Messages between the label renderer pool and its worker threads.
import type { RenderedLabel, RenderRequest } from '../render';
import type { LabelDataInput } from '../../contract/labels';

export type RenderJob =
  | { kind: 'label'; req: RenderRequest }
  | { kind: 'wave'; req: Omit<RenderRequest, 'data'> & { data: LabelDataInput[] } };

export interface JobMessage { id: number; job: RenderJob }

export type ResultMessage =
  | { id: number; ok: true; format: RenderedLabel['format']; mime: string; bytes: Uint8Array }
  | { id: number; ok: false; code: string; message: string };
