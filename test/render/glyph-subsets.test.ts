import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FONTKIT_ADD_GLYPH, patchGlyphSubsets } from '../../src/render/pdf/pdfkit-speed.js';

const require = createRequire(import.meta.url);

interface Subset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
  _addGlyph(gid: number): number;
}
interface Font {
  createSubset(): Subset;
  glyphForCodePoint(cp: number): { id: number };
}

// Roboto (shipped with pdfmake) has composite glyphs: É is E plus an accent, each a glyph of its own.
const fontkit = require('fontkit') as { create(buf: Buffer): Font };
const roboto = () => fontkit.create(readFileSync(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf')));

function subset(font: Font, text: string, own: boolean): Buffer {
  const s = font.createSubset();
  if (own)
    s._addGlyph = (Object.getPrototypeOf(s) as Record<symbol, Subset['_addGlyph']>)[FONTKIT_ADD_GLYPH]!;
  for (const ch of text) s.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  return Buffer.from(s.encode());
}

describe('font subsets built from glyph records read once per font', () => {
  const font = roboto();
  patchGlyphSubsets(font);

  it('are byte for byte the subsets fontkit builds, composite glyphs included', () => {
    for (const text of ['ÉÀÇ', 'Plain text 2024', 'aÉbÀ½c', ' ']) {
      expect(subset(font, text, false).equals(subset(font, text, true))).toBe(true);
    }
  });

  it('stay the same when a second document asks for the same glyphs', () => {
    const first = subset(font, 'ÀÉ:x', false);
    expect(subset(font, 'ÀÉ:x', false).equals(first)).toBe(true);
  });
});
