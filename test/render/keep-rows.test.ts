/**
 * Rows a form keeps together stand on one page: a total row never begins a page alone
 * (`keep-with-previous`), a chain of rows (`keep-with-next`) moves to the next page whole, and a chain
 * taller than a page still prints every row.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { parseMarkup } from '../../src/template/markup.js';
import { pdfText } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const fonts = resolveFonts(REPO);
const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-keep-'));

/** `rows` numbered rows 第1行 … and a 合计 row, with attributes for row k (1-based) or the total. */
function markup(rows: number, attrs: (k: number) => string = () => '', total = ''): string {
  let body = '';
  for (let k = 1; k <= rows; k++) body += `<tr${attrs(k)}><td>第${k}行</td><td>内容</td></tr>`;
  return `<document title="成组"><section paper="A4" orientation="portrait" page-numbers="none">
<table widths="1 4" header-rows="1" font-size="10.5"><tr><td bold="true">行</td><td bold="true">内容</td></tr>
${body}<tr${total}><td bold="true">合计</td><td>—</td></tr></table></section></document>`;
}

let count = 0;
/** Each page's text; `layout` keeps a row's cells on one line (flowing order may split a bold header row). */
async function pages(m: string, layout = false): Promise<string[]> {
  const file = path.join(dir, `${count++}.pdf`);
  writeFileSync(file, await renderPdf(parseMarkup(m), { fonts }));
  return pdfText(file, { layout })
    .split('\f')
    .filter((p) => p.trim());
}

/** The row count at which, left alone, the 合计 row is the only row past the header on page 2. */
async function aloneAt(): Promise<number> {
  // A 10.5 pt row is about 19 pt and an A4 type area 728 pt: some 37 rows a page. Try around that.
  for (let n = 25; n < 60; n++) {
    const p = await pages(markup(n));
    if (p.length === 2 && !/第\d+行/.test(p[1]!) && p[1]!.includes('合计')) return n;
  }
  throw new Error('no row count leaves 合计 alone on page 2');
}

describe('rows kept together', () => {
  it('takes the row before a total row along to the next page', async () => {
    const n = await aloneAt();
    const kept = await pages(markup(n, () => '', ' keep-with-previous="true"'));
    expect(kept).toHaveLength(2);
    expect(kept[1]).toContain('合计');
    expect(kept[1]).toContain(`第${n}行`);
    expect(kept[0]).toContain(`第${n - 1}行`);
    expect(kept[0]).not.toContain(`第${n}行`);
  });

  it('moves a chain of rows to the next page whole when it would straddle the break', async () => {
    const n = await aloneAt();
    // Rows n−4 … n and the total are one chain: six rows that page 1 had room for five of.
    const chained = await pages(
      markup(n, (k) => (k >= n - 4 ? ' keep-with-next="true"' : '')),
      true,
    );
    expect(chained).toHaveLength(2);
    for (let k = n - 4; k <= n; k++) expect(chained[1], `第${k}行`).toContain(`第${k}行`);
    expect(chained[0]).toContain(`第${n - 5}行`);
    // The header is repeated above the chain, on the line right above its first row.
    expect(chained[1]).toMatch(new RegExp(`^\\s*行\\s+内容\\s*\\n\\s*第${n - 4}行\\s+内容`));
  });

  it('lets a chain taller than a page break, printing every row', async () => {
    // 100 rows, all one chain: nearly three pages.
    const all = await pages(markup(100, () => ' keep-with-next="true"'));
    expect(all.length).toBeGreaterThanOrEqual(3);
    const text = all.join('\n');
    for (let k = 1; k <= 100; k++) expect(text, `第${k}行`).toContain(`第${k}行`);
    expect(text).toContain('合计');
  });

  it('refuses keep-with-previous on the first row, at its line', () => {
    const m = `<document title="x"><section>\n<table widths="1"><tr keep-with-previous="true"><td>a</td></tr></table></section></document>`;
    expect(() => parseMarkup(m)).toThrow(expect.objectContaining({ line: 2, col: 19 }));
    expect(() => parseMarkup(m)).toThrow(/keep-with-previous/);
  });
});
