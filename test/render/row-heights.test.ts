/**
 * Row heights the DOCX and the PDF agree on, so Word and LibreOffice break pages where the PDF does:
 * an empty bold cell (a group label's continuation) is one line tall, and a group's first row is as
 * tall as its label's lines in both.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderDocx, renderPdf } from '../../src/render/index.js';
import { parseMarkup } from '../../src/template/markup.js';
import { pdfRules } from '../helpers/pdf-geometry.js';

const REPO = path.resolve(import.meta.dirname, '../..');

// A4 portrait, 18 mm margins left and right: a 174 mm (493.2 pt) type width. Less 3 columns' padding
// (3 × 2 × 2 pt) and 4 rules (4 × 0.5 pt): 479.2 pt of text, of which column 0 gets 6/102, 28.2 pt:
// two 10.5 pt characters a line (three would need 31.5), so 年度主要任务 takes three lines.
const MARKUP = `<document title="行高"><section paper="A4" orientation="portrait" margins="20 18 20 18" page-numbers="center">
<table widths="6 48 48" columns="fixed" font-size="10.5" merge-columns="0">
<tr><td bold="true">年度主要任务</td><td>甲</td><td>乙</td></tr>
<tr><td bold="true">年度主要任务</td><td>丙</td><td>丁</td></tr>
<tr><td bold="true">年度主要任务</td><td>戊</td><td>己</td></tr>
<tr><td>单行</td><td>庚</td><td>辛</td></tr>
</table></section></document>`;

/** The table's line pitch: 1.3 × 10.5 pt. */
const PITCH = 1.3 * 10.5;

describe('row heights', () => {
  const fonts = () => ({ fonts: resolveFonts(REPO) });
  let heights: number[];
  let documentXml: string;
  let stylesXml: string;
  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'jixiao-rows-')), 'rows.pdf');
    writeFileSync(file, await renderPdf(parseMarkup(MARKUP), fonts()));
    const ys = [
      ...new Set(
        pdfRules(file)[0]!
          .rules.filter((r) => r.y1 === r.y2)
          .map((r) => Math.round(r.y1 * 100) / 100),
      ),
    ].sort((a, b) => a - b);
    heights = ys.slice(1).map((y, i) => y - ys[i]!);
    const docx = await renderDocx(parseMarkup(MARKUP), fonts());
    const parts = unzipSync(docx);
    documentXml = new TextDecoder().decode(parts['word/document.xml']!);
    stylesXml = new TextDecoder().decode(parts['word/styles.xml']!);
  });

  it('PDF: an empty bold cell is one line tall, like a row of plain one-line cells', () => {
    expect(heights).toHaveLength(4);
    // Rows 2 and 3 hold the label's empty (bold) continuation and one-line cells; row 4 one-line cells.
    expect(heights[1]).toBeCloseTo(heights[3]!, 2);
    expect(heights[2]).toBeCloseTo(heights[3]!, 2);
  });

  it('PDF: a group’s first row is as tall as its label’s three lines', () => {
    // Three lines where row 4 has one: two pitches more.
    expect(heights[0]! - heights[3]!).toBeCloseTo(2 * PITCH, 2);
  });

  it('DOCX: the group’s first row is at least the label’s three lines and its margins tall', () => {
    const margin = (side: string) =>
      Number(new RegExp(`<w:tblCellMar>.*?<w:${side} [^>]*w:w="(\\d+)"`, 's').exec(documentXml)![1]);
    // The cells' pitch is their style's (TableText, the 10.5 pt table text).
    expect(documentXml).toContain('<w:pStyle w:val="TableText"/>');
    const style = /<w:style [^>]*w:styleId="TableText">.*?<\/w:style>/s.exec(stylesXml)![0];
    const line = Number(/<w:spacing [^>]*w:line="(\d+)" w:lineRule="exact"/.exec(style)![1]);
    // 13.65 pt is 273 twips.
    expect(line).toBe(273);
    const rows = [...documentXml.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map((m) => m[1]!);
    expect(rows).toHaveLength(4);
    const height = (row: string) => /<w:trHeight w:val="(\d+)" w:hRule="atLeast"\/>/.exec(row)?.[1];
    expect(Number(height(rows[0]!))).toBe(margin('top') + 3 * line + margin('bottom'));
    expect(rows.slice(1).map(height)).toEqual([undefined, undefined, undefined]);
  });
});
