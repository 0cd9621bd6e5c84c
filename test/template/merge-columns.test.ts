/**
 * `<table merge-columns="…">`: a template writes one cell per row and the table merges a group's cells down
 * its rows, as the intermediate document is built — the back-ends see ordinary row spans.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runsText, type Table } from '../../src/document/types.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { MarkupError, parseMarkup } from '../../src/template/markup.js';
import { pdfText } from '../helpers/read-output.js';

function doc(table: string): string {
  return `<document title="合并"><section paper="A4" orientation="landscape" page-numbers="center">
${table}
</section></document>`;
}

function table(markup: string): Table {
  const block = parseMarkup(doc(markup)).sections[0]!.blocks[0]!;
  if (block.kind !== 'table') throw new Error('not a table');
  return block;
}

/** Each row's cells as `text×rowspan` (×1 left out), the cells merged away absent. */
function spans(t: Table): string[][] {
  return t.rows.map((r) => r.cells.map((c) => `${runsText(c.runs)}${c.rowSpan > 1 ? `×${c.rowSpan}` : ''}`));
}

const row = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

describe('merge-columns', () => {
  it('merges equal cells down a group; a 二级 name repeated under another 一级 starts its own cell', () => {
    const t = table(`<table widths="1 1 2" header-rows="1" merge-columns="0 1">
      ${row('一级指标', '二级指标', '三级指标')}
      ${row('产出指标', '数量指标', '甲')}
      ${row('产出指标', '数量指标', '乙')}
      ${row('产出指标', '质量指标', '丙')}
      ${row('效益指标', '质量指标', '丁')}
      ${row('效益指标', '质量指标', '戊')}
    </table>`);
    expect(spans(t)).toEqual([
      ['一级指标', '二级指标', '三级指标'],
      ['产出指标×3', '数量指标×2', '甲'],
      ['乙'],
      ['质量指标', '丙'],
      ['效益指标×2', '质量指标×2', '丁'],
      ['戊'],
    ]);
    // A merge column is a group column: its label is repeated when the group runs onto a new page.
    expect(t.groupColumns).toEqual([0, 1]);
  });

  it('never merges a blank cell, and a blank group cell keeps the columns to its right apart', () => {
    const t = table(`<table widths="1 1 2" merge-columns="0 1">
      ${row('', '数量指标', '甲')}
      ${row('', '数量指标', '乙')}
      ${row('产出指标', '', '丙')}
      ${row('产出指标', '', '丁')}
    </table>`);
    expect(spans(t)).toEqual([
      ['', '数量指标', '甲'],
      ['', '数量指标', '乙'],
      ['产出指标×2', '', '丙'],
      ['', '丁'],
    ]);
  });

  it('leaves the header rows, cells with their own spans and cells in another format alone', () => {
    const t = table(`<table widths="1 1 1 2" header-rows="1" merge-columns="0 1 2">
      ${row('一级', '二级', '名称', '说明')}
      ${row('一级', '二级', '名称', 'a')}
      ${row('一级', '<b>二级</b>', '名称', 'b')}
      <tr><td>一级</td><td colspan="2">名称</td><td>浅一层的指标</td></tr>
      ${row('一级', '名称', '名称', 'x')}
      <tr><td rowspan="2">说明</td><td>二级</td><td>名称</td><td>y</td></tr>
      ${row('二级', '名称', 'z')}
    </table>`);
    expect(spans(t)).toEqual([
      ['一级', '二级', '名称', '说明'],
      // Below the header: the same text does not reach up into it.
      ['一级×4', '二级', '名称', 'a'],
      // Bold 二级 is another cell; so 名称 to its right starts again too.
      ['二级', '名称', 'b'],
      // A cell that spans columns is never merged, nor merged into.
      ['名称', '浅一层的指标'],
      ['名称', '名称', 'x'],
      // A written rowspan is the template's own, and the rows it covers are one group for the columns
      // to its right.
      ['说明×2', '二级×2', '名称×2', 'y'],
      ['z'],
    ]);
  });

  it('merges what a template wrote span by span into the same document', () => {
    const written = `<table widths="1 1 2" header-rows="1" group-columns="0 1">
      ${row('一级', '二级', '三级')}
      <tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>甲</td></tr>
      ${row('乙')}
      ${row('质量指标', '丙')}
    </table>`;
    const merged = `<table widths="1 1 2" header-rows="1" merge-columns="0 1">
      ${row('一级', '二级', '三级')}
      ${row('产出指标', '数量指标', '甲')}
      ${row('产出指标', '数量指标', '乙')}
      ${row('产出指标', '质量指标', '丙')}
    </table>`;
    expect(table(merged)).toEqual(table(written));
  });

  it('refuses a column the table does not have, at the table', () => {
    const src = doc(`<table widths="1 1">\n<tr><td>a</td><td>b</td></tr></table>`).replace(
      '<table widths="1 1">',
      '<table widths="1 1" merge-columns="0 2">',
    );
    let error: unknown;
    try {
      parseMarkup(src);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarkupError);
    const m = error as MarkupError;
    expect(m.message).toBe('<table> 的 merge-columns 中 2 不是表格的列号（0 到 1）');
    expect([m.line, m.col]).toEqual([2, 1]);
    expect(m.snippet).toBe('merge-columns="0 2"');
    expect(() => parseMarkup(src.replace('"0 2"', '"一级"'))).toThrow(
      '<table> 的 merge-columns="一级" 应为以空格分隔的数',
    );
  });
});

/** Groups of 3 to 13 rows, 一级 labels long enough to wrap, so groups run across page breaks. */
const GROUPS = [3, 7, 2, 11, 5, 9, 4, 13, 6, 8];

describe('a merged group running across a page break', () => {
  it('starts every page with the 一级 and 二级 labels of the row the page begins with', async () => {
    let rows = '';
    GROUPS.forEach((n, g) => {
      for (let r = 0; r < n; r++) {
        const level1 = `第${g + 1}组：一个相当长的一级指标名称，在窄栏中要折成好几行才能放下`;
        const level2 = `二级${g}-${r - (r % 3)}`;
        const note = r % 4 === 1 ? '这一行的说明文字比较长，会在这一栏中折成两到三行。'.repeat(2) : '短';
        rows += row(level1, level2, `三级${g}-${r}`, note, `${g * 10 + r}.00`);
      }
    });
    const markup = doc(`<table widths="1 1.2 2 6 1" header-rows="1" font-size="10" merge-columns="0 1">
${row('一级', '二级', '三级', '说明', '分')}${rows}</table>`);
    const pdf = await renderPdf(parseMarkup(markup), { fonts: resolveFonts(process.cwd()) });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'jixiao-merge-')), 'merged.pdf');
    writeFileSync(file, pdf);
    const pages = pdfText(file)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(3);
    let continued = 0;
    for (const page of pages) {
      const [, g, r] = /三级(\d+)-(\d+)/.exec(page)!.map(Number) as [number, number, number];
      if (r > 0) continued++;
      expect(page, `page beginning with 三级${g}-${r}`).toContain(`第${g + 1}组`);
      expect(page, `page beginning with 三级${g}-${r}`).toContain(`二级${g}-${r - (r % 3)}`);
      // Merged, the label prints once a page, not on every row.
      for (const label of page.match(/第\d+组/g) ?? []) expect(page.split(label).length - 1).toBe(1);
    }
    expect(continued).toBeGreaterThan(0);
  });
});
