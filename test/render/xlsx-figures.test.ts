/**
 * The figures a table cell carries for the XLSX (`<td value="…" sum="…">`): parsed into the intermediate
 * document, checked against the printed text, totals checked against their cells — and the workbook
 * written from a small document, read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderXlsx } from '../../src/render/index.js';
import { MarkupError, parseMarkup } from '../../src/template/markup.js';

const table = (rows: string, attrs = '') =>
  `<document title="测试" date="2021-03-04"><section paper="A3" orientation="landscape" page-numbers="center">
  <title>测试表</title><p indent="0">单位：万元</p>
  <table widths="1 2 2" header-rows="1" font-size="9" ${attrs}><tr><td>单位</td><td>金额</td><td>执行率</td></tr>${rows}</table>
  </section></document>`;

// Two units' rows, each closed by a 小计, then the 合计 of every row. By hand: 甲 1.005 + 2.5 = 3.505
// (printed 3.51, half-up); 乙 4; 合计 1.005 + 2.5 + 4 = 7.505 (printed 7.51).
const GROUPS = table(
  `<tr><td>甲</td><td value="1.005">1.01</td><td value="0.98765">98.8%</td></tr>
   <tr><td>甲</td><td value="2.5">2.50</td><td value="-">-</td></tr>
   <tr><td>甲</td><td value="3.505" sum="block">3.51</td><td></td></tr>
   <tr><td>乙</td><td value="4">4.00</td><td value="1">100.00%</td></tr>
   <tr><td>乙</td><td value="4" sum="block">4.00</td><td></td></tr>
   <tr><td>合计</td><td value="7.505" sum="all">7.51</td><td></td></tr>`,
  'merge-columns="0"',
);

function cells(markup: string) {
  const doc = parseMarkup(markup);
  const t = doc.sections[0]!.blocks.find((b) => b.kind === 'table');
  if (t?.kind !== 'table') throw new Error('no table');
  return t.rows.map((r) => r.cells);
}

function markupError(markup: string): string {
  try {
    parseMarkup(markup);
  } catch (error) {
    if (error instanceof MarkupError) return error.message;
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('cell figures in the markup', () => {
  it('keeps the exact value, the kind and the printed decimals; a marker stays text', () => {
    const rows = cells(GROUPS);
    expect(rows[1]![1]!.figure).toEqual({ value: '1.005', kind: 'number', decimals: 2 });
    expect(rows[1]![2]!.figure).toEqual({ value: '0.98765', kind: 'percent', decimals: 1 });
    // Row 2's 单位名称 is merged into row 1's (merge-columns): its cells are the amount and the rate.
    expect(rows[2]![0]!.figure).toEqual({ value: '2.5', kind: 'number', decimals: 2 });
    expect(rows[2]![1]!.figure).toBeUndefined(); // "-"
    expect(rows[4]![2]!.figure).toEqual({ value: '1', kind: 'percent', decimals: 2 });
  });

  it('resolves a 小计 to the rows of its block and the 合计 to every row that is not a total', () => {
    const rows = cells(GROUPS);
    // Row 3's 单位名称 is merged too, so the amount is its first cell.
    expect(rows[3]![0]!.figure?.sumOf).toEqual([
      { row: 1, col: 1 },
      { row: 2, col: 1 },
    ]);
    expect(rows[5]![0]!.figure?.sumOf).toEqual([{ row: 4, col: 1 }]);
    expect(rows[6]![1]!.figure?.sumOf).toEqual([
      { row: 1, col: 1 },
      { row: 2, col: 1 },
      { row: 4, col: 1 },
    ]);
  });

  it('refuses a value that does not print as the cell text', () => {
    const message = markupError(table('<tr><td>甲</td><td value="1.004">1.01</td><td></td></tr>'));
    expect(message).toContain('value="1.004" 与单元格的文字“1.01”不符');
    expect(message).toContain('应是“1.00”');
    expect(markupError(table('<tr><td>甲</td><td value="0.5">5.0%</td><td></td></tr>'))).toContain(
      '应是“50.0%”',
    );
    expect(markupError(table('<tr><td>甲</td><td value="无">-</td><td></td></tr>'))).toContain(
      'value="无" 不是数字',
    );
  });

  it('refuses a total that is not the exact sum of its cells, and a sum without a value', () => {
    // 1.005 + 2.5 = 3.505, not 3.5 (which would print 3.50 and disagree with the cells).
    const wrong = table(
      `<tr><td>甲</td><td value="1.005">1.01</td><td></td></tr>
       <tr><td>甲</td><td value="2.5">2.50</td><td></td></tr>
       <tr><td>合计</td><td value="3.5" sum="all">3.50</td><td></td></tr>`,
    );
    expect(markupError(wrong)).toContain('value="3.5" 不等于它所加的 2 个数之和 3.505');
    expect(markupError(table('<tr><td>甲</td><td sum="all">1</td><td></td></tr>'))).toContain(
      'sum 须与 value 同用',
    );
    expect(markupError(table('<tr><td>甲</td><td value="1" sum="all">1</td><td></td></tr>'))).toContain(
      '上方同一列没有可相加的数字',
    );
  });

  it('adds up the figures below a total printed above its parts (sum="below"), up to the next text', () => {
    // 年度资金总额 over its sources, as the national form prints it: 3.5 + 0 (blank, passed over) + 1.25
    // = 4.75. The 说明 row's text ends the parts: its 9.00 below is not one of them.
    const rows = cells(
      table(
        `<tr><td>总额</td><td value="4.75" sum="below">4.75</td><td></td></tr>
         <tr><td>其中：财政</td><td value="3.5">3.50</td><td></td></tr>
         <tr><td>结转</td><td></td><td></td></tr>
         <tr><td>其他</td><td value="1.25">1.25</td><td></td></tr>
         <tr><td>说明</td><td>另计</td><td></td></tr>
         <tr><td>另项</td><td value="9">9.00</td><td></td></tr>`,
      ),
    );
    expect(rows[1]![1]!.figure?.sumOf).toEqual([
      { row: 2, col: 1 },
      { row: 4, col: 1 },
    ]);
    const wrong = table(
      `<tr><td>总额</td><td value="5" sum="below">5.00</td><td></td></tr>
       <tr><td>其中：财政</td><td value="3.5">3.50</td><td></td></tr>`,
    );
    expect(markupError(wrong)).toContain('value="5" 不等于它所加的 1 个数之和 3.5');
    expect(
      markupError(table('<tr><td>总额</td><td value="1" sum="below">1.00</td><td></td></tr>')),
    ).toContain('下方同一列没有可相加的数字');
    // A heading that reaches into the column from the left ends the parts: 2 + 3 = 5, not 5 + 4.
    const ended = cells(
      table(
        `<tr><td>总额</td><td value="5" sum="below">5.00</td><td></td></tr>
         <tr><td>甲</td><td value="2">2.00</td><td></td></tr>
         <tr><td>乙</td><td value="3">3.00</td><td></td></tr>
         <tr><td colspan="2">另一节</td><td></td></tr>
         <tr><td>丙</td><td value="4">4.00</td><td></td></tr>`,
      ),
    );
    expect(ended[1]![1]!.figure?.sumOf).toEqual([
      { row: 2, col: 1 },
      { row: 3, col: 1 },
    ]);
    // Nothing spent in any source: a total of 0 over blank parts is a plain 0, not an error.
    const zero = cells(
      table(`<tr><td>总额</td><td value="0" sum="below">0.00</td><td></td></tr>
             <tr><td>其中：财政</td><td></td><td></td></tr>`),
    );
    expect(zero[1]![1]!.figure).toEqual({ value: '0', kind: 'number', decimals: 2 });
  });

  it('adds up a named group’s cells in any column (add-to / sum with the same name)', () => {
    // A 总分 of scores printed in two columns: 8.5 (column 2) + 20 + 30.25 (column 1) = 58.75.
    const rows = cells(
      table(
        `<tr><td>执行率</td><td></td><td value="8.5" add-to="得分">8.5</td></tr>
         <tr><td>指标一</td><td value="20" add-to="得分">20</td><td></td></tr>
         <tr><td>指标二</td><td value="30.25" add-to="得分">30.25</td><td value="0.9">90%</td></tr>
         <tr><td>总分</td><td value="58.75" sum="得分">58.75</td><td></td></tr>`,
      ),
    );
    expect(rows[4]![1]!.figure?.sumOf).toEqual([
      { row: 1, col: 2 },
      { row: 2, col: 1 },
      { row: 3, col: 1 },
    ]);
    // A misspelt group (or a part never marked) is named, not guessed.
    expect(
      markupError(
        table(`<tr><td>指标</td><td value="2" add-to="得份">2</td><td></td></tr>
               <tr><td>总分</td><td value="2" sum="得分">2</td><td></td></tr>`),
      ),
    ).toContain('没有 add-to="得分" 的数字');
    expect(markupError(table('<tr><td>甲</td><td value="1" add-to="all">1</td><td></td></tr>'))).toContain(
      '须是一个组名',
    );
    // A total may not be one of its own parts.
    expect(
      markupError(
        table(`<tr><td>指标</td><td value="3" add-to="得分">3</td><td></td></tr>
               <tr><td>总分</td><td value="6" sum="得分" add-to="得分">6</td><td></td></tr>`),
      ),
    ).toContain('不能加上自己');
  });
});

describe('the workbook of a small table', () => {
  it('has merged cells, numbers with their formats and SUM formulas with their results', async () => {
    const fonts = resolveFonts(process.cwd(), { system: false });
    const doc = parseMarkup(GROUPS);
    const bytes = await renderXlsx(doc, { fonts });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('测试表')!;
    expect(ws).toBeDefined();
    // Row 1 the title, row 2 单位：万元, row 3 the header; the body starts at row 4.
    expect(ws.getCell('A1').value).toBe('测试表');
    expect(ws.getCell('A3').value).toBe('单位');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:C1', 'A2:C2', 'A4:A6', 'A7:A8']));
    expect(ws.getCell('B4').value).toBe(1.005);
    expect(ws.getCell('B4').numFmt).toBe('0.00');
    expect(ws.getCell('C4').value).toBe(0.98765);
    expect(ws.getCell('C4').numFmt).toBe('0.0%');
    expect(ws.getCell('C7').numFmt).toBe('0.00%');
    expect(ws.getCell('C5').value).toBe('-');
    expect(ws.getCell('B6').value).toEqual({ formula: 'SUM(B4:B5)', result: 3.505 });
    expect(ws.getCell('B8').value).toEqual({ formula: 'SUM(B7)', result: 4 });
    expect(ws.getCell('B9').value).toEqual({ formula: 'SUM(B4:B5,B7)', result: 7.505 });
    expect(ws.getCell('B4').font.name).toBe('Times New Roman');
    expect(ws.getCell('A4').font.name).toBe('仿宋_GB2312');
    expect(ws.pageSetup.paperSize).toBe(8); // A3
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('gives the same bytes twice, dated by the document', async () => {
    const fonts = resolveFonts(process.cwd(), { system: false });
    const doc = parseMarkup(GROUPS);
    const a = await renderXlsx(doc, { fonts });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a zip time or a clock date would differ now
    const b = await renderXlsx(doc, { fonts });
    expect(Buffer.compare(a, b)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a as unknown as ArrayBuffer);
    expect(wb.created.toISOString()).toBe('2021-03-04T00:00:00.000Z');
  });
});
