/**
 * A table row taller than a page is split across pages with the header repeated, never dropped (pdfmake
 * keeps only a row's first page when the row may not break); every other row stays whole. And a long
 * paragraph is laid out by the linear line builder into exactly the PDF pdfmake's own makes.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { fastLineBuilder } from '../../src/render/pdf/line-builder.js';
import { parseMarkup } from '../../src/template/markup.js';
import { runCli } from '../helpers/cli.js';
import { pdfPageSizes, pdfRawText, pdfText } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const fonts = resolveFonts(REPO);
const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-tall-'));

/**
 * Numbered clauses "第k句内容。" (7 CJK characters and 1–4 narrower digits). An A4 portrait page with
 * 20 mm margins has a 257 mm (728 pt) type area; less the 17 pt header row, at 13 pt a table line in
 * 10 pt type that is 54 lines. The content column is 4/5 of the 180 mm width less padding, about 400 pt:
 * 40 CJK characters, so about 6 clauses a line and 320 clauses a page. 400 clauses are 1¼ pages, 700
 * are 2.2 pages and 1,700 are 5.3 pages.
 */
function clauses(count: number): string {
  let text = '';
  for (let k = 1; k <= count; k++) text += `第${k}句内容。`;
  return text;
}

function table(rows: string[]): string {
  const body = rows.map((r, i) => `<tr><td>第${i + 1}行</td><td>${r}</td></tr>`).join('');
  return `<document title="高行"><section paper="A4" orientation="portrait" page-numbers="center">
<table widths="1 4" columns="fixed" header-rows="1" font-size="10"><tr><td bold="true">行名</td><td bold="true">表头内容</td></tr>${body}</table>
</section></document>`;
}

async function pages(markup: string, name: string): Promise<string[]> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdf(parseMarkup(markup), { fonts }));
  expect(pdfPageSizes(file).length).toBeGreaterThan(0);
  return pdfText(file)
    .split('\f')
    .filter((p) => p.trim());
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
/** The text of the pages in reading order, without page numbers and the repeated header cells. */
const flowing = (pages: string[], header: string[]) =>
  pages
    .map((p) => {
      let text = squeeze(p).replace(/—\d+—/g, '');
      for (const h of header) text = text.replace(h, '');
      return text;
    })
    .join('');

describe('a table row taller than a page', () => {
  for (const [height, count] of [
    [1, 400],
    [2, 700],
    [5, 1700],
  ] as const) {
    for (const where of ['first', 'middle'] as const) {
      it(`of ${height} page(s) as the ${where} body row keeps all its text and the header on every page`, async () => {
        const tall = clauses(count);
        const rows = where === 'first' ? [tall, '短行甲', '短行乙'] : ['短行甲', tall, '短行乙'];
        const printed = await pages(table(rows), `tall-${height}-${where}`);
        // More than `height` pages of text: the row runs over at least that many page breaks.
        expect(printed.length).toBeGreaterThanOrEqual(height + 1);
        for (const [i, page] of printed.entries()) {
          expect(squeeze(page), `header on page ${i + 1}`).toContain('行名');
          expect(squeeze(page), `header on page ${i + 1}`).toContain('表头内容');
        }
        const all = flowing(printed, ['行名', '表头内容']);
        for (let k = 1; k <= count; k++) expect(all, `clause ${k}`).toContain(`第${k}句内容。`);
        for (let r = 1; r <= 3; r++) expect(all).toContain(`第${r}行`);
        expect(all).toContain('短行甲');
        expect(all).toContain('短行乙');
      });
    }
  }

  it('leaves rows that fit a page whole: a short row after a tall one starts where the tall one ends', async () => {
    // Two rows of 200 clauses, about 0.6 pages each: the second cannot fit below the first and moves
    // to page 2 whole.
    const printed = await pages(table([clauses(200), clauses(200)]), 'whole');
    expect(printed.length).toBe(2);
    const [one, two] = printed.map(squeeze) as [string, string];
    expect(one).toContain('第200句内容。');
    expect(one).not.toContain('第2行');
    expect(two).toContain('第2行');
    expect(two).toContain('第1句内容。第2句内容。');
  });

  it('splits a tall cell of a narrative (grid) table too', async () => {
    const markup = `<document title="叙述"><section paper="A4" grid="gongwen" page-numbers="gongwen">
<p>前文。</p><table widths="1 3" columns="fixed" header-rows="1"><tr><td>项目</td><td>说明</td></tr><tr><td>长说明</td><td>${clauses(700)}</td></tr></table>
<p>后文结束。</p></section></document>`;
    const printed = await pages(markup, 'narrative');
    const all = flowing(printed, ['项目说明']);
    for (let k = 1; k <= 700; k++) expect(all, `clause ${k}`).toContain(`第${k}句内容。`);
    expect(all).toContain('后文结束。');
  });
});

describe('the linear line builder', () => {
  it('lays a long paragraph and a long cell out into the same bytes as pdfmake’s own line builder', async () => {
    // Plain CJK (one piece a character), Latin words glued to their neighbours, and a long unbroken
    // code that is cut where a line ends: every branch of line building. The justified paragraph is
    // broken after clreq (cjk-lines.ts) either way; the left-aligned cell goes through both builders.
    const text = `${'制度建设测试文字'.repeat(300)} ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 “引号”——破折号，标点。`;
    const markup = `<document title="长段"><section paper="A4" grid="gongwen" page-numbers="gongwen">
<p>${text.repeat(3)}</p><table widths="1 2" columns="fixed" header-rows="1"><tr><td>项</td><td>内容</td></tr><tr><td>甲</td><td>${text}</td></tr></table>
</section></document>`;
    const doc = parseMarkup(markup);
    const fast = await renderPdf(doc, { fonts });
    fastLineBuilder(false);
    try {
      const stock = await renderPdf(parseMarkup(markup), { fonts });
      expect(fast.equals(stock)).toBe(true);
    } finally {
      fastLineBuilder(true);
    }
  });
});

/**
 * Clauses of "完成第7001条，" (4 CJK characters and 4 digits): 150 of them are about 1,000 characters. The
 * numbers are what the test looks for: a line may break inside the CJK part of a clause, and then the
 * PDF's text puts the other cells of the page between the halves, but a run of digits is never broken.
 * 完成 counts 7001–7150, 目标 8001–8150: numbers no other cell of the document prints.
 */
const COUNT = 150;
const FIRST = { 完成: 7001, 目标: 8001 };

describe('a project whose text is taller than a page, built from the command line', () => {
  it('keeps the whole 完成情况 and 年初绩效目标 in the wide project table and the national form', async () => {
    // The example 2020 unit with one project's completion and goal made long: in the wide A3 table each
    // sits in a column about 7 characters wide, so 1,000 characters are about 140 lines, more than the
    // page's 40 or so.
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-tall-project-'));
    cpSync(path.join(REPO, 'content/2020'), path.join(work, 'content/2020'), { recursive: true });
    const file = path.join(work, 'content/2020/longgang-minzheng/projects.yaml');
    const long = (tag: keyof typeof FIRST) =>
      Array.from({ length: COUNT }, (_, k) => `${tag}第${FIRST[tag] + k}条`).join('，');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(
          'completion: 满足社会组织管理办公室和社会组织党委日常工作需要。',
          `completion: ${long('完成')}。`,
        )
        .replace(
          'goal: 加快转变政府职能, 激发社会组织活力, 加强社会组织管理, 促进社会组织发展',
          `goal: ${long('目标')}。`,
        ),
    );
    const r = await runCli(['build', 'content', '--out', 'out', '--format', 'pdf'], work);
    expect(r.code, r.out + r.err).toBe(0);
    const unit = path.join(work, 'out/2020/longgang-minzheng');
    const pdfs = readdirSync(unit).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(3);
    for (const pdf of pdfs) {
      const text = squeeze(pdfRawText(path.join(unit, pdf)));
      const numbers = new Set(text.match(/\d+/g));
      for (const first of Object.values(FIRST))
        for (let n = first; n < first + COUNT; n++) expect(numbers.has(String(n)), `${pdf}: ${n}`).toBe(true);
      // The project's other cells are still there: its name and its execution rate.
      expect(text, pdf).toContain('社会组织管理');
    }
  });
});
