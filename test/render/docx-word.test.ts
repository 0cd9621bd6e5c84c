/**
 * The DOCX as a Word user's own file (issue 16, item 4), checked in the package's XML and through
 * LibreOffice: headings numbered by a Word multilevel list, tables with explicit grid widths and a fixed
 * layout, no theme fonts, page numbers running on through every section, and for every example document
 * as many pages as the PDF. LibreOffice converts all example DOCX in one run (it is slow to start).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, IntermediateDocument } from '../../src/document/types.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderDocx } from '../../src/render/index.js';
import { runCli } from '../helpers/cli.js';
import { docxText, pdfText, requireTool, squeeze } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const REPORT = '2021年度深圳市龙岗区民政局部门整体绩效自评报告';

let out: string;
let docxFiles: string[];

const parts = (file: string) => {
  const zip = unzipSync(readFileSync(file));
  const text = (name: string) => (zip[name] ? new TextDecoder().decode(zip[name]) : '');
  return { names: Object.keys(zip), text };
};
const docxOf = (name: string) => docxFiles.find((f) => path.basename(f, '.docx') === name)!;

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-word-'));
  const r = await runCli(['build', 'content', '--out', out, '--format', 'docx,pdf'], REPO);
  expect(r.code, r.out + r.err).toBe(0);
  docxFiles = fg.sync('**/*.docx', { cwd: out, absolute: true }).sort();
}, 300_000);

describe('heading numbers are Word numbering', () => {
  it('the headings are one multilevel list 一、 （一） 1. （1） linked to 标题 1–4', () => {
    const { text } = parts(docxOf(REPORT));
    const numbering = text('word/numbering.xml');
    const list = [...numbering.matchAll(/<w:abstractNum [^>]*>([\s\S]*?)<\/w:abstractNum>/g)]
      .map((m) => m[1]!)
      .find((a) => a.includes('<w:pStyle w:val="Heading1"/>'));
    expect(list).toBeDefined();
    const levels = [...list!.matchAll(/<w:lvl [^>]*w:ilvl="(\d)"[^>]*>([\s\S]*?)<\/w:lvl>/g)].map((l) => ({
      ilvl: l[1],
      format: l[2]!.match(/<w:numFmt w:val="([^"]+)"/)?.[1],
      text: l[2]!.match(/<w:lvlText w:val="([^"]+)"/)?.[1],
      suffix: l[2]!.match(/<w:suff w:val="([^"]+)"/)?.[1],
      style: l[2]!.match(/<w:pStyle w:val="([^"]+)"/)?.[1],
    }));
    expect(levels).toEqual([
      { ilvl: '0', format: 'chineseCounting', text: '%1、', suffix: 'nothing', style: 'Heading1' },
      { ilvl: '1', format: 'chineseCounting', text: '（%2）', suffix: 'nothing', style: 'Heading2' },
      { ilvl: '2', format: 'decimal', text: '%3.', suffix: 'nothing', style: 'Heading3' },
      { ilvl: '3', format: 'decimal', text: '（%4）', suffix: 'nothing', style: 'Heading4' },
    ]);
    // A paragraph an author sets in 标题 2 is numbered: the style carries the list's level.
    const styles = text('word/styles.xml');
    for (const level of [1, 2, 3, 4]) {
      const style = styles.match(
        new RegExp(`<w:style [^>]*w:styleId="Heading${level}">([\\s\\S]*?)</w:style>`),
      );
      expect(style?.[1]).toMatch(
        new RegExp(`<w:numPr><w:ilvl w:val="${level - 1}"/><w:numId w:val="\\d+"/>`),
      );
    }
  });

  it('no heading number is typed, and Word’s count gives the numbers the PDF prints', () => {
    const file = docxOf(REPORT);
    const xml = parts(file).text('word/document.xml');
    const headingTexts = [
      ...xml.matchAll(/<w:p>(<w:pPr><w:pStyle w:val="Heading\d"\/>[\s\S]*?)<\/w:p>/g),
    ].map((m) => [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    // The seed's report has three chapters, their sections and numbered points (seed 002).
    expect(headingTexts.length).toBeGreaterThanOrEqual(3 + 6);
    for (const t of headingTexts)
      expect(t).not.toMatch(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+\.)/);
    // Counted as Word counts the list (test/helpers/docx-numbering.ts), the headings read as the seed
    // numbers them, in the DOCX and in our PDF.
    const word = squeeze(docxText(file));
    const pdf = squeeze(pdfText(file.replace(/\.docx$/, '.pdf')));
    let at = 0;
    for (const heading of [
      '一、龙岗区民政局基本情况',
      '（一）龙岗区民政局主要职能',
      '（四）2021年部门预算执行情况。',
      '1.预算资金执行情况较好。',
      '4.资产管理安全高效。',
      '二、龙岗区民政局主要履职绩效分析',
      '（三）部门履职绩效情况',
      '三、总体评价和整改措施',
      '（三）后续工作计划、相关建议等。',
    ]) {
      const found = word.indexOf(heading, at);
      expect(found, heading).toBeGreaterThan(-1);
      at = found;
      expect(pdf).toContain(heading);
    }
  });

  it('a count that starts again after an attachment is a new list; a number Word could not give stays typed', async () => {
    const heading = (level: 1 | 2, number: string, text: string): Block => ({
      kind: 'heading',
      level,
      number,
      runs: [{ text }],
    });
    const doc: IntermediateDocument = {
      meta: { title: '编号', date: '2024-01-01' },
      sections: [
        {
          paper: 'A4',
          orientation: 'portrait',
          margins: { top: 37, right: 26, bottom: 35, left: 28 },
          pageNumbers: 'gongwen',
          grid: true,
          blocks: [
            heading(1, '一、', '甲'),
            heading(2, '（一）', '甲甲'),
            heading(2, '（二）', '甲乙'),
            heading(1, '二、', '乙'),
            heading(2, '（一）', '乙甲'),
            { kind: 'attachment', label: '附件' },
            heading(1, '一、', '丙'),
            heading(1, '五、', '丁'),
            heading(1, '', '不编号'),
            heading(1, '二、', '戊'),
          ],
        },
      ],
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-numbers-'));
    const file = path.join(dir, 'n.docx');
    writeFileSync(file, await renderDocx(doc, { fonts: resolveFonts(REPO, { system: false }) }));
    const lines = docxText(file).split('\n').filter(Boolean);
    // 丙 restarts at 一 (a new list); 五 cannot follow 一 in Word's count, so it is typed and numbering
    // is off for it; the unnumbered heading has numbering off; 戊 is the list's second chapter: 二.
    expect(lines).toEqual([
      '一、甲',
      '（一）甲甲',
      '（二）甲乙',
      '二、乙',
      '（一）乙甲',
      '附件',
      '一、丙',
      '五、丁',
      '不编号',
      '二、戊',
    ]);
    const xml = parts(file).text('word/document.xml');
    expect(xml).toContain('<w:t xml:space="preserve">五、</w:t>');
    expect(xml.match(/<w:numId w:val="0"\/>/g)).toHaveLength(2);
    const numbering = parts(file).text('word/numbering.xml');
    const nums = [...numbering.matchAll(/<w:num w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)].filter((n) =>
      n[2]!.includes('<w:startOverride w:val="1"/>'),
    );
    expect(nums.length).toBeGreaterThanOrEqual(2);
  });
});

describe('tables and fonts as WPS and Word read them', () => {
  it('every table has a fixed layout whose grid columns add up to its width, and each cell the width of its columns', () => {
    let tables = 0;
    for (const file of docxFiles) {
      const xml = parts(file).text('word/document.xml');
      for (const t of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
        tables++;
        const body = t[1]!;
        const tblW = Number(body.match(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/)?.[1]);
        const cols = [...body.match(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/)![1]!.matchAll(/w:w="(\d+)"/g)].map(
          (m) => Number(m[1]),
        );
        expect(tblW, path.basename(file)).toBeGreaterThan(0);
        expect(
          cols.reduce((a, b) => a + b, 0),
          path.basename(file),
        ).toBe(tblW);
        expect(body).toContain('<w:tblLayout w:type="fixed"/>');
        for (const row of body.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)) {
          let c = 0;
          for (const cell of row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
            const span = Number(cell[1]!.match(/<w:gridSpan w:val="(\d+)"\/>/)?.[1] ?? 1);
            const width = Number(cell[1]!.match(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/)?.[1]);
            expect(width).toBe(cols.slice(c, c + span).reduce((a, b) => a + b, 0));
            c += span;
          }
          expect(c, `${path.basename(file)}: a row fills the grid`).toBe(cols.length);
        }
      }
    }
    expect(tables).toBeGreaterThan(docxFiles.length);
  });

  it('every paragraph in a table is 表格文字 at the table’s pitch, merged-away cells included', () => {
    for (const file of docxFiles) {
      const { text } = parts(file);
      const xml = text('word/document.xml');
      const styles = text('word/styles.xml');
      const style = (id: string) =>
        new RegExp(`<w:style [^>]*w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
      for (const t of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
        for (const p of t[1]!.matchAll(/<w:p>(?:<w:pPr>([\s\S]*?)<\/w:pPr>)?/g)) {
          // TableText (10.5 pt) or a style of another table size based on it, e.g. TableText9 or TableText10_5.
          const id = /^<w:pStyle w:val="(TableText(?:(\d+)(?:_(\d+))?)?)"\/>/.exec(p[1] ?? '');
          expect(id, `${path.basename(file)}: ${p[1]}`).not.toBeNull();
          const size = id![2] === undefined ? 10.5 : Number(`${id![2]}.${id![3] ?? 0}`);
          const own = style(id![1]!);
          if (id![1] !== 'TableText') expect(own).toContain('<w:basedOn w:val="TableText"/>');
          // The pitch is 1.3 × the size: 9 pt → 234 twips, 10.5 pt → 273.
          expect(own, `${path.basename(file)} ${id![1]}`).toMatch(
            new RegExp(`<w:spacing [^>]*w:line="${Math.round(1.3 * size * 20)}" w:lineRule="exact"`),
          );
        }
      }
    }
  });

  it('a group label merges down its group and sits at the top, where the PDF prints it', () => {
    // The report's scoring table: 一级指标 部门决策 spans its rows; it is the first restart cell of the body.
    const xml = parts(docxOf(REPORT)).text('word/document.xml');
    const cell = [...xml.matchAll(/<w:tc>((?:(?!<\/w:tc>)[\s\S])*?部门决策[\s\S]*?)<\/w:tc>/g)][0]?.[1];
    expect(cell).toContain('<w:vMerge w:val="restart"/>');
    expect(cell).toContain('<w:vAlign w:val="top"/>');
  });

  it('names fonts, never theme fonts', () => {
    for (const file of docxFiles) {
      const { names, text } = parts(file);
      for (const name of names.filter((n) => n.endsWith('.xml') && !n.startsWith('word/theme/'))) {
        expect(text(name), `${path.basename(file)} ${name}`).not.toMatch(
          /w:(ascii|hAnsi|eastAsia|cs)Theme=|w:cstheme=/i,
        );
      }
      const defaults = text('word/styles.xml').match(/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/)?.[0];
      expect(defaults).toMatch(
        /<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"\/>/,
      );
    }
  });

  it('numbers pages on through every section: each has its footers and none restarts the count', () => {
    for (const file of docxFiles) {
      const { text } = parts(file);
      const xml = text('word/document.xml');
      const sections = [...xml.matchAll(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]!);
      expect(sections.length).toBeGreaterThan(0);
      const evenAndOdd = text('word/settings.xml').includes('<w:evenAndOddHeaders/>');
      for (const s of sections) {
        expect(s).toMatch(/<w:footerReference w:type="default" r:id="rId\d+"\/>/);
        if (evenAndOdd) expect(s).toMatch(/<w:footerReference w:type="even" r:id="rId\d+"\/>/);
        expect(s).not.toMatch(/<w:pgNumType[^>]*w:start=/);
        expect(s).not.toContain('<w:titlePg/>');
      }
    }
  });
});

describe('LibreOffice', () => {
  let converted: { docx: string; pdf: string; lo: string }[];

  beforeAll(() => {
    const soffice = requireTool('soffice');
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-lo-'));
    // Numbered copies: two units may give documents the same name.
    const copies = docxFiles.map((docx, i) => {
      const copy = path.join(work, `${i}.docx`);
      copyFileSync(docx, copy);
      return { docx, pdf: docx.replace(/\.docx$/, '.pdf'), lo: path.join(work, `${i}.pdf`), copy };
    });
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${work}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        ...copies.map((c) => c.copy),
      ],
      { stdio: 'pipe', timeout: 600_000, env: { ...process.env, HOME: work } },
    );
    converted = copies;
  }, 620_000);

  const pages = (pdf: string) =>
    Number(execFileSync(requireTool('pdfinfo'), [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)![1]);

  /**
   * Every document: the rows are as tall in both. Two causes had kept two documents a page apart (the
   * 目标表 and the 申报表, LibreOffice one page shorter): the PDF measured an empty bold cell (a group
   * label's continuation) with the regular face's line height, 19 pt where a line is 13.65; and it grows
   * a group's first row to its label's lines, where the DOCX now gives that row an at-least height.
   */
  it('lays out every example document on as many pages as our PDF', () => {
    const counts = converted.map((c) => ({
      document: path.basename(c.docx, '.docx'),
      pdf: pages(c.pdf),
      libreOffice: pages(c.lo),
    }));
    expect(counts.length).toBeGreaterThanOrEqual(16);
    expect(counts.filter((c) => c.pdf !== c.libreOffice)).toEqual([]);
  });

  it('prints “— N —” on every page, N running on through portrait and landscape sections', () => {
    for (const c of converted) {
      const text = pdfText(c.lo).split('\f').slice(0, -1);
      text.forEach((page, i) => {
        const numbers = [...page.matchAll(/—\s*(\d+)\s*—/g)].map((m) => Number(m[1]));
        expect(numbers.at(-1), `${path.basename(c.docx)} page ${i + 1}`).toBe(i + 1);
      });
    }
  });

  it('shows the report’s heading numbers from the Word list, as the PDF prints them', () => {
    const c = converted.find((x) => path.basename(x.docx, '.docx') === REPORT)!;
    const lo = squeeze(pdfText(c.lo));
    for (const heading of [
      '一、龙岗区民政局基本情况',
      '（四）2021年部门预算执行情况。',
      '4.资产管理安全高效。',
      '三、总体评价和整改措施',
    ]) {
      expect(lo).toContain(heading);
    }
  });
});
