/**
 * A character the role's face lacks is set in a fallback face that has it, never dropped: FandolFang
 * (仿宋) has no 囍 (content/2024/futian-minzheng/goals.yaml: 福甜囍事) and no 㐀 (U+3400, CJK Extension A);
 * Noto Serif SC has both. 𠀀 (U+20000, Extension B) is in none of the bundled faces: only it is reported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { missingGlyphs } from '../../src/render/pdf/coverage.js';
import { glyphTest } from '../../src/render/pdf/engine.js';
import { parseMarkup } from '../../src/template/markup.js';
import { type Glyph, pdfGlyphs } from '../helpers/pdf-glyphs.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const fonts = resolveFonts(REPO);
const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-glyph-fallback-'));

const BODY = '开展福甜囍事改造，㐀字与𠀀字照排。';
const CELL = '福甜囍事';
const markup = `<document title="字"><section paper="A4" grid="gongwen" page-numbers="none">
<p>${BODY}</p>
<table widths="1 1" font-size="10.5"><tr><td>项目</td><td>${CELL}</td></tr></table>
</section></document>`;

let glyphs: Glyph[];
beforeAll(async () => {
  const file = path.join(dir, 'fallback.pdf');
  writeFileSync(file, await renderPdf(parseMarkup(markup), { fonts }));
  glyphs = pdfGlyphs(file);
});

describe('characters the face lacks', () => {
  it('are characters FandolFang lacks and Noto Serif SC has (so the test means something)', () => {
    const fang = glyphTest(fonts.body.regular);
    const song = glyphTest(fonts.song.regular);
    expect(fonts.body.regular.path).toMatch(/FandolFang/);
    for (const ch of '囍㐀') {
      expect(fang(ch.codePointAt(0)!), ch).toBe(false);
      expect(song(ch.codePointAt(0)!), ch).toBe(true);
    }
    expect(fang('福'.codePointAt(0)!)).toBe(true);
  });

  it('are printed in the fallback face, the characters around them in the role’s own', () => {
    const set = (ch: string) => glyphs.filter((g) => g.text === ch).map((g) => g.font);
    // 囍 twice (body and table cell), 㐀 once, each in the Song face.
    expect(set('囍')).toEqual(['NotoSerifSC-Regular', 'NotoSerifSC-Regular']);
    expect(set('㐀')).toEqual(['NotoSerifSC-Regular']);
    // 福 appears twice too, in FandolFang both times: only the missing character moves.
    expect(set('福')).toEqual(['FandolFang-Regular', 'FandolFang-Regular']);
  });

  it('keep the line’s text whole and its size', () => {
    const body = glyphs
      .filter((g) => g.size === 16)
      .map((g) => g.text)
      .join('');
    // 𠀀 is in no face: it is drawn as the face's empty box (.notdef, text U+0000) and warned of.
    expect(body).toBe(BODY.replace('𠀀', '\u0000'));
    const xi = glyphs.find((g) => g.text === '囍' && g.size === 16)!;
    const fu = glyphs.find((g) => g.text === '福' && g.size === 16)!;
    expect(xi.y).toBeCloseTo(fu.y, 3);
  });

  it('are reported only when no bundled face has them', () => {
    const missing = missingGlyphs(parseMarkup(markup), fonts);
    expect(missing.map((m) => m.codePoint.toString(16))).toEqual(['20000']);
  });
});
