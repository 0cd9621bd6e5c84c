/**
 * Lines of Chinese body text in the PDF after W3C clreq: full lines hold their 28 cells of the 公文 grid
 * (GB/T 9704: 156 mm type area, 3号 type, 28 characters a line), punctuation is compressed or hangs
 * where the grid needs it, and no line starts with a closing mark or ends with an opening one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { parseMarkup } from '../../src/template/markup.js';
import { buildExampleDocument } from '../helpers/built-document.js';
import { gridLines, gridReport, TYPE_AREA_WIDTH_PT, textLines } from '../helpers/grid-lines.js';
import { type Glyph, pdfGlyphs } from '../helpers/pdf-glyphs.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const fonts = resolveFonts(REPO);
const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-cjk-lines-'));

/** The grid: the left margin is 28 mm (订口); a cell is 156 mm ÷ 28 = 15.793 pt. */
const LEFT = (28 / 25.4) * 72;
const CELL = TYPE_AREA_WIDTH_PT / 28;
const RIGHT = LEFT + TYPE_AREA_WIDTH_PT;

/** Lines of a one-paragraph 公文 page, as glyphs. */
async function paragraphLines(name: string, text: string): Promise<Glyph[][]> {
  const file = path.join(dir, `${name}.pdf`);
  const markup = `<document title="行"><section paper="A4" grid="gongwen" page-numbers="none"><p>${text}</p></section></document>`;
  writeFileSync(file, await renderPdf(parseMarkup(markup), { fonts }));
  return textLines(pdfGlyphs(file));
}
const textOf = (line: Glyph[]) => line.map((g) => g.text).join('');
/** n ideographs, none repeated next to each other (so a reader sees where each line ends). */
const han = (n: number, from = 0) =>
  [...'天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳'].slice(from, from + n).join('');

describe('clreq line layout of a paragraph (first line: 26 cells after the two-cell indent)', () => {
  it('hangs a comma that would start the next line past the right margin', async () => {
    // 25 ideographs fill cells 1–25; 「甲，」 may not be parted (no line starts with ，). 甲 takes cell 26
    // and the comma hangs, beginning exactly at the right margin, instead of 甲， moving down.
    const lines = await paragraphLines('hang', `${han(25)}甲，${han(30)}。`);
    expect(textOf(lines[0]!)).toBe(`${han(25)}甲，`);
    const comma = lines[0]!.at(-1)!;
    expect(comma.x).toBeCloseTo(RIGHT, 1);
    expect(lines[1]![0]!.x).toBeCloseTo(LEFT, 2);
  });

  it('compresses a mark at the line end when half a cell is missing', async () => {
    // 10 ideographs, 「。”」 (the full stop gives its blank half: 1½ cells), 13 ideographs: 24½ cells.
    // 「乙”」 needs 2 cells and has 1½: the closing quote gives its blank half at the line end, so the
    // line holds 26 cells and ends with 乙”.
    const lines = await paragraphLines('line-end', `${han(10)}。”${han(13, 10)}乙”${han(30)}。`);
    expect(textOf(lines[0]!)).toBe(`${han(10)}。”${han(13, 10)}乙”`);
    // The quote's glyph (its left half) ends the line: it starts half an em (8 pt) before the margin,
    // moved right by at most the 0.21 pt the line is stretched by.
    expect(lines[0]!.at(-1)!.x).toBeGreaterThan(RIGHT - 8 - 0.01);
    expect(lines[0]!.at(-1)!.x).toBeLessThan(RIGHT - 8 + 0.22);
  });

  it('makes room for an opening quote and its character from the blank halves of marks on the line', async () => {
    // 12 ideographs, a comma, 12 ideographs: 25 cells. 「“丙」 (no line ends with “) needs 2 cells and
    // has 1: the quote's blank left half and the comma's blank right half give the missing cell
    // (2 × 8 pt ≥ 15.79 pt).
    const lines = await paragraphLines('push-in', `${han(12)}，${han(12, 12)}“丙${han(30)}。`);
    expect(textOf(lines[0]!)).toBe(`${han(12)}，${han(12, 12)}“丙`);
    expect(lines[0]!.at(-1)!.x + lines[0]!.at(-1)!.advance + lines[0]!.at(-1)!.spacing).toBeCloseTo(RIGHT, 1);
  });

  it('moves a character down with its closing quote when nothing on the line can give way', async () => {
    // 25 ideographs and 「丁”」: no mark on the line to compress, ” may not start a line and does not
    // hang, so 丁” starts the second line and the first holds 25 characters, stretched.
    const lines = await paragraphLines('push-out', `${han(25)}丁”${han(30)}。`);
    expect(textOf(lines[0]!)).toBe(han(25));
    expect(textOf(lines[1]!).startsWith('丁”')).toBe(true);
    expect(lines[0]!.at(-1)!.x + lines[0]!.at(-1)!.advance + lines[0]!.at(-1)!.spacing).toBeCloseTo(RIGHT, 1);
  });

  it('keeps the line after one with digits on the grid', async () => {
    // The first line: 20 ideographs, 「2021」 (four digits of half an em: about 2 cells) and ideographs
    // up to the margin; its slack is spread on it alone. The second line starts at the margin and every
    // character stands in its cell: left margin + k × 15.793 pt.
    const lines = await paragraphLines('digits', `${han(20)}2021${han(30)}${han(20)}。`);
    expect(textOf(lines[0]!)).toContain('2021');
    const second = lines[1]!;
    expect(second.length).toBe(28);
    second.forEach((g, k) => {
      expect(g.x, `${g.text} in cell ${k + 1}`).toBeCloseTo(LEFT + k * CELL, 2);
    });
  });
});

describe('the example 部门整体绩效自评报告 (2021, 龙岗区民政局)', () => {
  let pdf: string;
  beforeAll(async () => {
    ({ pdf } = await buildExampleDocument(
      '2021/longgang-minzheng',
      '2021/longgang-minzheng',
      '2021年度深圳市龙岗区民政局部门整体绩效自评报告',
    ));
  });

  it('holds exactly 28 cells (26 after the indent) in at least 95 % of its full body lines, none off by more than one', () => {
    const report = gridReport(pdf);
    // The narrative runs over a dozen pages of body text: well over a hundred full lines are measured.
    expect(report.lines.length).toBeGreaterThan(150);
    expect(report.share).toBeGreaterThanOrEqual(0.95);
    expect(report.farOff).toEqual([]);
  });

  it('starts no body line with a closing mark and ends none with an opening one (避头尾)', () => {
    const lines = gridLines(pdf);
    for (const line of lines) {
      expect('，。、；：？！）》」』”’', line.text).not.toContain(line.text[0]);
      expect('（《「『“‘', line.text).not.toContain(line.text.trimEnd().at(-1));
    }
  });
});
