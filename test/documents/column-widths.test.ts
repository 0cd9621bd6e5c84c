/**
 * Column widths follow the content, in the document stage (the DOCX and the PDF read the same widths).
 * Figures worked out from the measure in src/document/column-widths.ts: at 10 pt a millimetre is
 * 72 / 25.4 / 10 = 0.283465 em; a cell's padding and rule take 4.5 pt = 0.45 em.
 */
import { describe, expect, it } from 'vitest';
import { estimatedLines, fitColumns } from '../../src/document/column-widths.js';
import type { Table } from '../../src/document/types.js';
import { parseMarkup } from '../../src/template/markup.js';

const HUNDRED = '长'.repeat(100);

function table(widths: string, rows: string[][], extra = ''): string {
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  // A4 portrait with 55 mm margins each side: a 100 mm wide table.
  return `<document title="列宽"><section paper="A4" margins="20 55 20 55">
<table widths="${widths}" font-size="10"${extra}>${body}</table></section></document>`;
}
const parsed = (markup: string) => parseMarkup(markup).sections[0]!.blocks[0] as Table;

describe('column widths', () => {
  it('keeps the design when every cell fits its line', () => {
    // 50 mm is 50 × 0.283465 − 0.45 = 13.72 em: 短文字 (3 em) and 1.00 (2 em) fit.
    expect(parsed(table('1 1', [['1.00', '短文字']])).columns).toEqual([50, 50]);
  });

  it('gives a long text the room and keeps a figure column as narrow as its figure', () => {
    // 12.50 is 2.5 em, 10.41 mm with its padding: (2.5 + 0.45) / 0.283465. Its floor is that (half the
    // design, 25 mm, is more than its longest line needs; two characters, 8.64 mm, less than the figure).
    // The text of 100 characters wants all the rest: 100 − 10.41 = 89.59 mm, its longest line (100 em)
    // being far wider than the table. In the design it needs ⌈100 / 13.72⌉ = 8 lines, now
    // ⌈100 / (89.6 × 0.283465 − 0.45)⌉ = ⌈100 / 24.95⌉ = 5.
    const t = parsed(table('1 1', [['12.50', HUNDRED]]));
    expect(t.columns).toEqual([10.4, 89.6]);
    expect(estimatedLines(t, [50, 50])).toBe(8);
    expect(estimatedLines(t, t.columns)).toBe(5);
  });

  it('narrows a column of short text beside a long one to its longest line', () => {
    // 不适用 is 3 em, (3 + 0.45) / 0.283465 = 12.17 mm. Its floor is the larger of min(half the design
    // 25 mm, its line 12.17 mm) and two characters (8.64 mm): 12.17 mm; the text takes 87.83 mm.
    const t = parsed(table('1 1', [['不适用', HUNDRED]]));
    expect(t.columns).toEqual([12.2, 87.8]);
  });

  it('never makes a column of empty cells vanish: it keeps two characters', () => {
    // Two characters: (2 + 0.45) / 0.283465 = 8.64 mm; the long column gets 100 − 8.64 = 91.36 mm.
    const t = parsed(table('1 1', [['', HUNDRED]]));
    expect(t.columns).toEqual([8.6, 91.4]);
  });

  it('keeps the widths as written with columns="fixed"', () => {
    expect(parsed(table('1 1', [['12.50', HUNDRED]], ' columns="fixed"')).columns).toEqual([1, 1]);
  });

  it('gives the same widths for the same table, and they fill the width', () => {
    const rows = [
      ['序号', '项目名称', '金额', '说明'],
      ['1', '社区养老服务站点运营补助', '1,234.56', '长'.repeat(70)],
      ['2', '城乡低保资金发放', '98.00', '短'],
    ];
    const a = fitColumns(parsed(table('1 3 2 4', rows, ' columns="fixed"')), 100);
    const b = fitColumns(parsed(table('1 3 2 4', rows, ' columns="fixed"')), 100);
    expect(a).toEqual(b);
    expect(a.reduce((x, y) => x + y, 0)).toBeCloseTo(100, 0);
    // The figure 1,234.56 (4 em, 15.7 mm with its padding) is never broken.
    expect(a[2]).toBeGreaterThanOrEqual(15.7);
  });
});
