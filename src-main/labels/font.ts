// The one font every output uses (resources/fonts), loaded once per process. Text is measured
// and wrapped here so PDF, PNG, ZPL and TSPL break lines at the same places.
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { resourcePath } from './resources';

export const FONT_FILE = 'fonts/NotoSansSC-Labels.otf';
export const PT_TO_MM = 25.4 / 72;

let cached: { font: fontkit.Font; bytes: Buffer; unitsPerEm: number } | undefined;

/** The shipped CJK font (bytes for pdfkit, parsed font for measuring and outlines). */
export function labelFont(): { font: fontkit.Font; bytes: Buffer; unitsPerEm: number } {
  if (!cached) {
    const bytes = readFileSync(resourcePath(FONT_FILE));
    const font = fontkit.create(bytes);
    cached = { font, bytes, unitsPerEm: font.unitsPerEm }; // fontkit's getter re-reads the head table
  }
  return cached;
}

interface CharGlyph { id: number; advance: number } // advance in font units
const charCache = new Map<number, CharGlyph>();

/**
 * Glyph and advance per character, cached. Labels need no complex shaping (CJK, Latin, digits),
 * and full OpenType layout of this font costs ~0.1 ms a call, which dominated label rendering.
 */
export function charGlyph(cp: number): CharGlyph {
  let g = charCache.get(cp);
  if (!g) {
    const glyph = labelFont().font.glyphForCodePoint(cp);
    g = { id: glyph.id, advance: glyph.advanceWidth };
    charCache.set(cp, g);
  }
  return g;
}

/** Width of a string in mm at a size in mm (em = size). */
export function textWidthMm(text: string, sizeMm: number): number {
  let units = 0;
  for (const ch of text) units += charGlyph(ch.codePointAt(0)!).advance;
  return (units / labelFont().unitsPerEm) * sizeMm;
}

/** Where the baseline sits below the top of a line box, as a fraction of the em (CJK ideographic box). */
export const BASELINE_RATIO = 0.88;

const TOKEN = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g;

/**
 * Breaks text into lines no wider than maxWidthMm. CJK breaks between any two characters; Latin
 * words stay whole unless a single word is wider than the line.
 */
export function wrapText(text: string, sizeMm: number, maxWidthMm: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let width = 0; // of line without trailing spaces
    let pendingSpace = '';
    let pendingSpaceW = 0;
    for (const token of paragraph.match(TOKEN) ?? []) {
      const w = textWidthMm(token, sizeMm);
      if (/^\s+$/.test(token)) {
        if (line) { pendingSpace += token; pendingSpaceW += w; }
        continue;
      }
      if (!line || width + pendingSpaceW + w <= maxWidthMm) {
        if (line) { line += pendingSpace; width += pendingSpaceW; }
        line += token;
        width += w;
      } else {
        lines.push(line);
        line = token;
        width = w;
      }
      pendingSpace = '';
      pendingSpaceW = 0;
      // A word longer than a whole line is split by characters.
      while (width > maxWidthMm && [...line].length > 1) {
        const chars = [...line];
        let cut = chars.length - 1;
        while (cut > 1 && textWidthMm(chars.slice(0, cut).join(''), sizeMm) > maxWidthMm) cut--;
        lines.push(chars.slice(0, cut).join(''));
        line = chars.slice(cut).join('');
        width = textWidthMm(line, sizeMm);
      }
    }
    lines.push(line);
  }
  return lines;
}
