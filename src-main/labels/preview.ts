// What the Settings -> Labels screen needs from the core: the template list (built-ins and the
// shop's own folder) and a rendered preview of a template, rendered in the worker pool.
import { LABEL_DPIS, LABEL_FORMATS, type LabelTemplateList, type LabelPreviewQuery } from '../contract/labels';
import type { LabelDataInput } from '../contract/labels';
import type { RenderedLabel } from './render';
import { templateCatalog, findTemplate } from './templates';
import type { LabelRenderer } from './worker/pool';

export function templateSummaries(shopDir?: string | null): LabelTemplateList {
  const { entries, problems } = templateCatalog(shopDir);
  const items = [...entries.values()]
    .map(({ template: t, source, file }) => ({ name: t.name, title: t.title, description: t.description, kind: t.kind, widthMm: t.size.w, heightMm: t.size.h, source, ...(file ? { file } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { items, formats: [...LABEL_FORMATS], dpis: [...LABEL_DPIS], shopFolder: shopDir ?? null, problems };
}

/**
 * Renders a template (the shop's copy wins over a built-in) with its sample data, or with `data`
 * built from a real order. An unknown name is a not_found error listing the known ones.
 */
export function renderPreview(
  renderer: LabelRenderer, name: string, q: Pick<LabelPreviewQuery, 'format' | 'dpi'>, opts: { shopDir?: string | null; data?: LabelDataInput } = {},
): Promise<RenderedLabel> {
  const entry = findTemplate(name, opts.shopDir);
  // Built-ins go by name (the worker has them loaded); a shop's template travels as data.
  const template = entry.source === 'built-in' ? name : entry.template;
  return renderer.render({ template, format: q.format, dpi: q.dpi as 203 | 300, ...(opts.data ? { data: opts.data } : {}) });
}

/** A file name for a preview download, e.g. cn-ewaybill-76x130-203dpi.pdf. */
export const previewFileName = (name: string, q: Pick<LabelPreviewQuery, 'format' | 'dpi'>): string => `${name}-${q.dpi}dpi.${q.format}`;
