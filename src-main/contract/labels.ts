// Label API shapes shared by the core's routes and the Settings -> Labels screen.
import { z } from 'zod';

export const LABEL_FORMATS = ['zpl', 'tspl', 'pdf', 'png'] as const;

export const LabelTemplateSummary = z.object({
  name: z.string().describe('template name, e.g. cn-ewaybill-76x130'),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['waybill', 'shipping', 'logistic', 'packing-slip', 'pick-list']),
  widthMm: z.number(),
  heightMm: z.number(),
});
export type LabelTemplateSummary = z.infer<typeof LabelTemplateSummary>;

/** Query of GET /api/labels/templates/:name/preview: the template with its sample data. */
export const LabelPreviewQuery = z.object({
  format: z.enum(LABEL_FORMATS).default('png'),
  dpi: z.coerce.number().refine((d) => d === 203 || d === 300, 'dpi is 203 or 300').default(203),
});
export type LabelPreviewQuery = z.infer<typeof LabelPreviewQuery>;
