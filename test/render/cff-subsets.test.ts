import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fallbackFile } from '../../src/fonts/resolve.js';
import { FONTKIT_CFF_METHODS, patchCffSubsets } from '../../src/render/pdf/cff-subsets.js';

const require = createRequire(import.meta.url);

interface Subset {
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
  subsetCharstrings(): void;
  subsetFontdict(d: object): void;
}
interface Font {
  createSubset(): Subset;
  glyphForCodePoint(cp: number): { id: number };
  'CFF '?: unknown;
}

const fontkit = require('fontkit') as { create(buf: Buffer): Font };
// FandolFang, the FangSong face jixiao ships: a CID-keyed CFF font without subroutines.
const fandol = () => fontkit.create(readFileSync(fallbackFile('vendor/fonts/fandol/FandolFang-Regular.otf')));

function subset(font: Font, text: string, own: boolean): Buffer {
  const s = font.createSubset();
  if (own) Object.assign(s, (Object.getPrototypeOf(s) as Record<symbol, object>)[FONTKIT_CFF_METHODS]);
  for (const ch of text) s.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  return Buffer.from(s.encode());
}

describe('CFF subsets of a font without subroutines, built without parsing outlines', () => {
  const font = fandol();
  patchCffSubsets(font);

  it('are the CFF font fontkit reads', () => {
    expect(font['CFF ']).toBeDefined();
  });

  it('are byte for byte the subsets fontkit builds', () => {
    for (const text of ['仿宋体正文', '（一）项目绩效目标完成情况。', 'A1，', '\u3000']) {
      expect(subset(font, text, false).equals(subset(font, text, true))).toBe(true);
    }
  });

  it('hold the outlines: a FangSong character adds hundreds of bytes', () => {
    const one = subset(font, '仿', false).length;
    expect(subset(font, '仿宋体正文', false).length - one).toBeGreaterThan(4 * 200);
  });
});
