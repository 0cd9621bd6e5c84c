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
    // 12.50 is 2.5 em; as a piece that may not break it is kept with ¼ em to spare and its padding:
    // (2.5 + 0.25 + 0.45) / 0.283465 = 11.29 mm. That is its floor (half the design, 25 mm, is more
    // than its line needs, (2.5 + 0.45) / 0.283465 = 10.41 mm; two characters, 8.64 mm, are less).
    // The text of 100 characters wants all the rest, 100 − 11.29 = 88.71 mm, its longest line (100 em)
    // being far wider than the table. In the design it needs ⌈100 / 13.72⌉ = 8 lines, now
    // ⌈100 / (88.7 × 0.283465 − 0.45)⌉ = ⌈100 / 24.69⌉ = 5.
    const t = parsed(table('1 1', [['12.50', HUNDRED]]));
    expect(t.columns).toEqual([11.3, 88.7]);
    expect(estimatedLines(t, [50, 50])).toBe(8);
    expect(estimatedLines(t, t.columns)).toBe(5);
  });

  it('narrows a column of short text beside a long one to its longest line', () => {
    // 不适用 is 3 em; a line may break between its characters, so its widest piece is 1 em. Its floor is the largest of min(half the
    // design 25 mm, its line (3 + 0.45) / 0.283465 = 12.17 mm), two characters (8.64 mm) and its widest
    // piece (1 + 0.25 + 0.45) / 0.283465 = 6.00 mm: 12.17 mm; the text takes 87.83 mm.
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
    // The figure 1,234.56 (8 × ½ = 4 em; (4 + 0.25 + 0.45) / 0.283465 = 16.58 mm) is never broken.
    expect(a[2]).toBeGreaterThanOrEqual(16.5);
  });

  it('keeps punctuation with the figure it belongs to when it finds how narrow a column may be', () => {
    // 日、“7.28” cannot be broken (no line begins with 、 or a quote, none ends with “): 日 1 + 、 1 +
    // “ 1 + 7.28 2 + ” 1 = 6 em, (6 + 0.25 + 0.45) / 0.283465 = 23.64 mm at 10 pt, though the design
    // gives the column 10 mm.
    const rows = [['开展防震减灾日、“7.28”唐山地震纪念日宣传', HUNDRED]];
    const t = parsed(table('1 9', rows));
    expect(t.columns[0]).toBeGreaterThanOrEqual(23.6);
  });
});
