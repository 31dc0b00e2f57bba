// The small part of fontkit's API the label layer uses (fontkit ships no types).
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { commands: PathCommand[] };
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    postscriptName: string;
    numGlyphs: number;
    layout(text: string, features?: string[]): GlyphRun;
    glyphForCodePoint(cp: number): Glyph;
    hasGlyphForCodePoint(cp: number): boolean;
    getGlyph(id: number): Glyph;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
