/**
 * No text of a table cell crosses a cell border, in any example document: every word box a reader's
 * selection shows (poppler's, the face's ascent to descent) stays clear of every rule the PDF draws.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/index.js';
import { parseMarkup } from '../../src/template/markup.js';
import { runCli } from '../helpers/cli.js';
import { pdfRules, pdfWordBoxes, textCrossingRules, type WordBox } from '../helpers/pdf-geometry.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-borders-'));

function pdfsUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(folder, f))
    .sort();
}

describe('the border check itself', () => {
  it('finds a rule drawn through a word, and none beside it', async () => {
    // A 20 pt word at (100, 100) and two rules: one through its middle, one 20 pt below its box.
    interface Doc {
      on(event: string, cb: (chunk: Buffer) => void): void;
      fontSize(n: number): Doc;
      text(t: string, x: number, y: number, o: object): Doc;
      moveTo(x: number, y: number): Doc;
      lineTo(x: number, y: number): Doc;
      lineWidth(w: number): Doc;
      stroke(): Doc;
      end(): void;
    }
    const PDFDocument = require('pdfkit') as new (o: object) => Doc;
    const doc = new PDFDocument({ size: 'A4', compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.fontSize(20).text('Border', 100, 100, { lineBreak: false });
    doc.moveTo(90, 110).lineTo(200, 110).lineWidth(0.5).stroke();
    doc.moveTo(90, 150).lineTo(200, 150).lineWidth(0.5).stroke();
    doc.end();
    await done;
    const file = path.join(dir, 'crossed.pdf');
    writeFileSync(file, Buffer.concat(chunks));
    const rules = pdfRules(file)[0]!.rules;
    expect(rules.map((r) => [r.y1, r.width])).toEqual([
      [110, 0.5],
      [150, 0.5],
    ]);
    const crossings = textCrossingRules(file);
    expect(crossings.map((c) => [c.text, c.rule])).toEqual([['Border', '横线 y=110.00']]);
  });
});

describe('cells spanning header rows', () => {
  // The wide project table's header: 序号 spans its three rows, 合计 the lower two.
  const markup = `<document title="表头"><section paper="A4" orientation="landscape" page-numbers="center">
<table widths="1 1 1 1" header-rows="3" font-size="8">
<tr><td rowspan="3" valign="center">序号</td><td colspan="2">实际支出金额</td><td rowspan="3" valign="bottom">预算支出执行率</td></tr>
<tr><td rowspan="2" valign="center">合计</td><td>其中</td></tr>
<tr><td>一般公共预算</td></tr>
<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>
</table></section></document>`;
  let words: WordBox[];
  let horizontal: { x1: number; x2: number; y: number }[];
  beforeAll(async () => {
    const file = path.join(dir, 'header.pdf');
    writeFileSync(file, await renderPdf(parseMarkup(markup), { fonts: resolveFonts(REPO) }));
    words = pdfWordBoxes(file)[0]!;
    horizontal = pdfRules(file)[0]!
      .rules.filter((r) => r.y1 === r.y2)
      .map((r) => ({ x1: r.x1, x2: r.x2, y: r.y1 }));
  });
  const word = (text: string) => words.find((w) => w.text === text)!;
  const middle = (w: WordBox) => (w.yMin + w.yMax) / 2;
  /** The nearest rules above and below a word that run across it. */
  const around = (w: WordBox) => {
    const across = horizontal.filter((r) => r.x1 <= w.xMin && r.x2 >= w.xMax);
    return {
      above: Math.max(...across.filter((r) => r.y <= w.yMin).map((r) => r.y)),
      below: Math.min(...across.filter((r) => r.y >= w.yMax).map((r) => r.y)),
    };
  };

  it('centres a cell between the rules of its whole span', () => {
    const { above, below } = around(word('序号'));
    // The span is the header's three rows: its bounding rules are those of the body row's top and the table's.
    expect(below).toBeCloseTo(around(word('1')).above, 2);
    expect(above).toBeCloseTo(around(word('实际支出金额')).above, 2);
    expect(middle(word('序号'))).toBeCloseTo((above + below) / 2, 1);
  });

  it('centres a cell spanning the lower rows between the rule above them and the header bottom', () => {
    const { above, below } = around(word('合计'));
    expect(above).toBeCloseTo(around(word('其中')).above, 2);
    expect(below).toBeCloseTo(around(word('1')).above, 2);
    expect(word('合计').yMin - above).toBeCloseTo(below - word('合计').yMax, 1);
  });

  it('sets a bottom-aligned cell as far above its span bottom as a top-aligned one stands below its top', () => {
    const w = word('预算支出执行率');
    const gapAtTop = word('实际支出金额').yMin - around(word('实际支出金额')).above;
    expect(around(w).below - w.yMax).toBeCloseTo(gapAtTop, 1);
  });
});

describe('every example document', () => {
  let files: string[];
  beforeAll(async () => {
    const out = path.join(dir, 'content');
    const r = await runCli(['build', 'content', '--out', out], REPO);
    expect(r.code, r.out + r.err).toBe(0);
    files = pdfsUnder(out);
  }, 300_000);

  it('has tables whose text stays inside its cells', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
    const report: string[] = [];
    for (const file of files) {
      // The check has something to check: the document draws rules and has text.
      expect(
        pdfRules(file).some((p) => p.rules.length > 10),
        file,
      ).toBe(true);
      for (const c of textCrossingRules(file))
        report.push(
          `${path.basename(file)} 第${c.page}页 ${c.rule}：${c.text}（越线 ${c.depth.toFixed(2)} pt）`,
        );
    }
    expect(report).toEqual([]);
  });
});
