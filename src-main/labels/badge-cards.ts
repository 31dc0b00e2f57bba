// A sheet of badge cards (A4, two columns of five credit-card-sized cards): the shop, the person, the
// role and the badge code as Code 128, for the badge codes an admin was just handed (they are never
// shown again). Built as a label template, so it prints through the same renderer as every label.
import type { BadgeCard } from '../contract/people';
import type { Template } from './model';

export const CARDS_PER_SHEET = 10;
const CARD = { w: 85, h: 54 };
const LEFT = [20, 105];
const TOP = 13.5;

const ROLE_NAMES: Record<BadgeCard['role'], string> = { operator: 'Operator 打包员', lead: 'Shift lead 组长', admin: 'Admin 管理员', finance: 'Finance 财务', viewer: 'Viewer 查看' };

/** Literal text in a template: braces would read as a field. */
const literal = (s: string) => s.replace(/[{}]/g, '');

export function badgeCardsTemplate(cards: readonly BadgeCard[], shopName: string): Template {
  if (cards.length > CARDS_PER_SHEET) throw new Error(`a sheet holds ${CARDS_PER_SHEET} badge cards`);
  const elements: Template['elements'] = cards.flatMap((c, i) => {
    const x = LEFT[i % 2]!;
    const y = TOP + Math.floor(i / 2) * CARD.h;
    return [
      { type: 'box', x, y, w: CARD.w, h: CARD.h, t: 0.3, fill: false },
      { type: 'text', x: x + 4, y: y + 3, w: CARD.w - 8, h: 5, text: literal(shopName), size: 8, align: 'left', bold: false, invert: false, maxLines: 1, lineHeight: 1.2 },
      { type: 'text', x: x + 4, y: y + 9, w: CARD.w - 8, h: 8, text: literal(c.name), size: 16, minSize: 9, align: 'left', bold: true, invert: false, maxLines: 1, lineHeight: 1.2 },
      { type: 'text', x: x + 4, y: y + 17.5, w: CARD.w - 8, h: 5, text: ROLE_NAMES[c.role], size: 9, align: 'left', bold: false, invert: false, maxLines: 1, lineHeight: 1.2 },
      { type: 'barcode', x: x + 2, y: y + 25, w: CARD.w - 4, h: 16, symbology: 'code128', data: c.badge, module: 0.375, humanReadable: true, textSize: 9 },
    ] satisfies Template['elements'];
  });
  return {
    name: 'badge-cards-a4', title: 'Badge cards (A4)', description: 'Badge codes as Code 128, ten cards per sheet', kind: 'packing-slip',
    size: { w: 210, h: 297 }, sample: 'packing', elements,
  };
}
