// The one font every output uses (resources/fonts), loaded once per process. Text is measured
// and wrapped here so PDF, PNG, ZPL and TSPL break lines at the same places.
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { resourcePath } from './resources';

export const FONT_FILE = 'fonts/NotoSansSC-Labels.otf';
export const PT_TO_MM = 25.4 / 72;

let cached: { font: fontkit.Font; bytes: Buffer } | undefined;

/** The shipped CJK font (bytes for pdfkit, parsed font for measuring and outlines). */
export function labelFont(): { font: fontkit.Font; bytes: Buffer } {
  if (!cached) {
    const bytes = readFileSync(resourcePath(FONT_FILE));
    cached = { font: fontkit.create(bytes), bytes };
  }
  return cached;
}

/** Width of a string in mm at a size in mm (em = size). */
export function textWidthMm(text: string, sizeMm: number): number {
  const { font } = labelFont();
  return (font.layout(text).advanceWidth / font.unitsPerEm) * sizeMm;
}

/** Where the baseline sits below the top of a line box, as a fraction of the em (CJK ideographic box). */
export const BASELINE_RATIO = 0.88;

/**
 * Breaks text into lines no wider than maxWidthMm. CJK breaks between any two characters; Latin
 * words stay whole unless a single word is wider than the line.
 */
export function wrapText(text: string, sizeMm: number, maxWidthMm: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const tokens = paragraph.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) ?? [''];
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (line === '' || textWidthMm(candidate.trimEnd(), sizeMm) <= maxWidthMm) {
        line = candidate;
        continue;
      }
      lines.push(line.trimEnd());
      line = token.trimStart();
      // A word longer than a whole line is split by characters.
      while (line && textWidthMm(line, sizeMm) > maxWidthMm) {
        let cut = line.length - 1;
        while (cut > 1 && textWidthMm(line.slice(0, cut), sizeMm) > maxWidthMm) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
