// What the Settings -> Labels screen needs from the core: the template list and a rendered preview
// of each template with its sample data, rendered in the worker pool.
import type { LabelTemplateSummary, LabelPreviewQuery } from '../contract/labels';
import type { RenderedLabel } from './render';
import { getTemplate, listTemplates } from './templates';
import type { LabelRenderer } from './worker/pool';

export function templateSummaries(): LabelTemplateSummary[] {
  return listTemplates().map((t) => ({ name: t.name, title: t.title, description: t.description, kind: t.kind, widthMm: t.size.w, heightMm: t.size.h }));
}

/** Renders a template's preview; an unknown name is a not_found error listing the known ones. */
export function renderPreview(renderer: LabelRenderer, name: string, q: LabelPreviewQuery): Promise<RenderedLabel> {
  getTemplate(name);
  return renderer.render({ template: name, format: q.format, dpi: q.dpi as 203 | 300 });
}
