import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxBoldRuns, docxTableRows, docxText, pdfText, squeeze } from '../helpers/read-output.js';

/**
 * report.md is parsed as Markdown first and the figures are put into its text afterwards: whatever a
 * figure holds (a short name with `**`, a line break and `#`, a name with `|`) prints as text and
 * changes neither the bold, nor the chapters and their numbers, nor a table's cells. Rates are numbers
 * the `percent` format takes.
 */
const folders: string[] = [];

/** A project with one unit, checked and built as a clerk would; returns the built DOCX and PDF. */
async function project(unitYaml: string[], report: string[]) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-md-'));
  folders.push(work);
  const unit = path.join(work, 'content/2021/demo');
  mkdirSync(unit, { recursive: true });
  writeFileSync(path.join(unit, 'unit.yaml'), `${unitYaml.join('\n')}\n`);
  writeFileSync(path.join(unit, 'report.md'), `${report.join('\n')}\n`);
  const check = await runCli(['check', 'content'], work);
  const build = await runCli(['build', 'content', '--out', 'out'], work);
  const out = path.join(work, 'out/2021/demo');
  return { check, build, docx: path.join(out, `${NAME}.docx`), pdf: path.join(out, `${NAME}.pdf`) };
}

const NAME = '2021年度示例｜局部门整体绩效自评报告';
const EVIDENCE = [
  'evidence:',
  '  budget_execution: { budget: 100, carryover_start: 10, spending: 99.876 }',
  '  procurement: { planned: 80, actual: 79 }',
];
let names: Awaited<ReturnType<typeof project>>;
let cells: Awaited<ReturnType<typeof project>>;
let rates: Awaited<ReturnType<typeof project>>;

beforeAll(async () => {
  names = await project(
    ['unit:', '  name: "示例|局"', '  short_name: "示例**局\\n# 插入的一章"', ...EVIDENCE],
    [
      '# 基本情况',
      '',
      '{{单位简称}}全年部门预算 {{部门预算}} 万元，这一句不加粗，**这一句加粗**。',
      '',
      '# 绩效分析',
      '',
      '正文。',
    ],
  );
  cells = await project(
    ['unit:', '  name: "示例|局"', ...EVIDENCE],
    ['| 单位 | 预算执行率 |', '|---|---|', '| {{单位名称}} | {{预算执行率}} |'],
  );
  rates = await project(
    ['unit:', '  name: "示例|局"', ...EVIDENCE],
    [
      '# 绩效分析',
      '',
      '预算执行率 {{预算执行率}}，一位小数 {{percent 预算执行率}}，三位小数 {{percent 预算执行率 3}}；',
      '政府采购执行率 {{政府采购执行率}}，两位小数 {{percent 政府采购执行率 2}}。',
    ],
  );
});

afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe('figures in report.md stay text', () => {
  it('check and build pass', () => {
    for (const { check, build } of [names, cells, rates]) {
      expect(check.code, check.out).toBe(0);
      expect(build.code, build.out).toBe(0);
    }
  });

  it('a short name with ** bolds nothing, and its line break with # makes no chapter', () => {
    const text = docxText(names.docx);
    expect(text).toContain('示例**局');
    expect(text).toContain('# 插入的一章全年部门预算 100 万元，这一句不加粗，这一句加粗。');
    expect(text).toMatch(/一、基本情况[\s\S]*二、绩效分析/);
    expect(text).not.toContain('三、');
    expect(docxBoldRuns(names.docx)).toEqual(['这一句加粗']);
  });

  it('a name with | is one table cell', () => {
    expect(docxTableRows(cells.docx)).toEqual([
      ['单位', '预算执行率'],
      ['示例|局', '99.88%'],
    ]);
  });

  it('rates are numbers the percent format prints at any decimals; bare, at their usual ones', () => {
    for (const text of [squeeze(docxText(rates.docx)), squeeze(pdfText(rates.pdf))]) {
      expect(text).toContain('预算执行率99.88%，一位小数99.9%，三位小数99.876%；');
      expect(text).toContain('政府采购执行率98.8%，两位小数98.75%。');
    }
  });
});
