import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_002_SCORES } from '../fixtures/seed-002-scores.js';
import { runCli } from '../helpers/cli.js';
import {
  docxTableRows,
  docxText,
  libreOfficeToPdf,
  pdfPageSizes,
  pdfRawText,
  pdfText,
  squeeze,
} from '../helpers/read-output.js';

/**
 * Seed 002 rebuilt from data: the 2021 部门整体绩效自评报告 of 深圳市龙岗区民政局 with its scoring appendix.
 * Every expected string below is copied from the seed file 002_dcd492aa5956ff63.txt, not from our output.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const NAME = '2021年度深圳市龙岗区民政局部门整体绩效自评报告';
let work: string;
let pdf: string;
let docx: string;

async function buildCopy(root: string): Promise<void> {
  const r = await runCli(['build', 'content', '--only', '2021/longgang-minzheng', '--out', 'out'], root);
  expect(r.code, r.out).toBe(0);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-report-'));
  cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
  await buildCopy(work);
  pdf = path.join(work, 'out/2021/longgang-minzheng', `${NAME}.pdf`);
  docx = path.join(work, 'out/2021/longgang-minzheng', `${NAME}.docx`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Figures seed 002 prints in its prose (（三）（四） of 一、, and 三、（一）).
const PROSE_FIGURES = [
  '21044.23', // 部门预算 / 财政拨款支出总额
  '106.51', // 年初结转结余
  '20998.11', // 全年实际支出
  '1511.54', // 项目支出
  '12322.31', // 采购计划金额
  '12112.95', // 实际采购金额
  '98.3%', // 政府采购执行率
  '1186.77', // 国有资产总额
  '271.27', // 流动资产
  '915.50', // 非流动资产
  '646.80', // 固定资产净值
  '9.44', // 无形资产净值
  '长期股权投资225万元',
  '34.26', // 在建工程
  '使用率达到100%',
  '资产处置收入517元',
  '自评得分为98.96分',
];
// The seed prints 年末结转结余 152.62; 106.51 + 21044.23 − 20998.11 = 152.63 and jixiao prints the identity's
// figure (the typed 152.62 stays in evidence.yaml as a check that warns).
const CARRYOVER_END = '152.63';

// Headings as the seed numbers them (numbers are generated from the Markdown structure).
const HEADINGS = [
  '一、龙岗区民政局基本情况',
  '（一）龙岗区民政局主要职能',
  '（四）2021年部门预算执行情况。',
  '1.预算资金执行情况较好。',
  '4.资产管理安全高效。',
  '二、龙岗区民政局主要履职绩效分析',
  '（三）部门履职绩效情况',
  '三、总体评价和整改措施',
  '（三）后续工作计划、相关建议等。',
];

const SCORES = SEED_002_SCORES;

describe('部门整体绩效自评报告 (seed 002)', () => {
  it('prints the header lines and every figure of the prose, in the PDF and in the DOCX', () => {
    for (const text of [squeeze(pdfText(pdf)), squeeze(docxText(docx))]) {
      expect(text).toContain('2021年度部门整体绩效自评报告');
      expect(text).toContain('部门名称（公章）：深圳市龙岗区民政局');
      expect(text).toContain('填报人：林逸珊');
      expect(text).toContain('联系电话：0755-28948158');
      for (const figure of PROSE_FIGURES) expect(text).toContain(figure);
      expect(text).toContain(`年末财政拨款结转和结余${CARRYOVER_END}万元`);
      for (const heading of HEADINGS) expect(text).toContain(heading);
    }
  });

  it('ends the body with 附件 and a landscape scoring table whose header repeats on every page', () => {
    const sizes = pdfPageSizes(pdf);
    const firstLandscape = sizes.indexOf('842x595');
    expect(firstLandscape).toBeGreaterThan(2);
    expect(sizes.slice(0, firstLandscape).every((s) => s === '595x842')).toBe(true);
    expect(sizes.slice(firstLandscape).every((s) => s === '842x595')).toBe(true);
    expect(sizes.length - firstLandscape).toBeGreaterThan(1);
    for (let page = firstLandscape + 1; page <= sizes.length; page++) {
      const text = squeeze(pdfText(pdf, { first: page, last: page }));
      for (const header of [
        '评价指标',
        '一级指标',
        '二级指标',
        '三级指标',
        '指标说明',
        '参考评分标准',
        '得分情况',
      ]) {
        expect(text, `page ${page}`).toContain(header);
      }
    }
    const appendix = squeeze(pdfText(pdf, { first: firstLandscape + 1, layout: true }));
    expect(appendix).toContain('附件');
    expect(appendix).toContain('部门整体支出绩效评价共性指标体系框架');
    expect(appendix).toContain('总得分情况98.96');
  });

  it('prints every leaf with the score seed 002 gives it, and the generated or printed notes', () => {
    // The DOCX table pairs each leaf with its score cell exactly: 三级指标 name, weight, 说明, 标准, 得分, 说明.
    const rows = docxTableRows(docx);
    for (const [leaf, score] of SCORES) {
      const row = rows.find((cells) => cells.includes(leaf));
      expect(row, leaf).toBeDefined();
      expect(row![row!.indexOf(leaf) + 4], leaf).toBe(score);
    }
    const total = rows.find((cells) => cells[0] === '总得分情况');
    expect(total?.[1]).toBe('98.96');
    // The PDF holds the same leaves (drawn cell by cell, so the raw text keeps each cell together).
    const raw = squeeze(pdfRawText(pdf));
    for (const [leaf] of SCORES) expect(raw).toContain(leaf);
    expect(raw).toContain('政府采购执行率98.3%');
    expect(raw).toContain('全年支出执行率为99.12%');
    expect(raw).toContain('聘员112人');
  });

  it("prints the framework's 附注 under the 总得分 row, in the PDF and in the DOCX", () => {
    // Seed 002, lines 187 and 189, right after the 总得分情况 row of its table.
    const notes = [
      '附注：1.《部门整体支出绩效评价共性指标体系框架》的适用对象是部门和单位；',
      '2.各项指标的分值是参考分值，各部门各单位在开展绩效评价时可结合不同评价对象的特点，赋予评价指标科学合理的权重分值，明确具体的评分标准。',
    ];
    // The PDF laid out as printed (its cells are drawn column by column), without the page number.
    const pdfLaidOut = squeeze(pdfText(pdf, { layout: true })).replace(/—\d+—$/, '');
    for (const text of [pdfLaidOut, squeeze(docxText(docx))]) {
      const total = text.indexOf('总得分情况98.96');
      expect(total).toBeGreaterThan(0);
      expect(text.indexOf(notes[0]!)).toBeGreaterThan(total);
      expect(text.indexOf(notes[1]!)).toBeGreaterThan(text.indexOf(notes[0]!));
      // The notes end the document: nothing of the table follows them.
      expect(text.endsWith(notes[1]!), text.slice(-80)).toBe(true);
    }
  });

  it('prints no 附注 for a framework without notes', async () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'jixiao-report-notes-'));
    try {
      cpSync(path.join(REPO, 'content'), path.join(bare, 'content'), { recursive: true });
      // The project's own copy of the framework, its notes: left out, replaces jixiao's.
      mkdirSync(path.join(bare, 'frameworks'));
      const framework = readFileSync(path.join(REPO, 'frameworks/shenzhen-2021.yaml'), 'utf8');
      const cut = framework.indexOf('\n  notes:');
      expect(cut).toBeGreaterThan(0);
      writeFileSync(path.join(bare, 'frameworks/shenzhen-2021.yaml'), `${framework.slice(0, cut)}\n`);
      await buildCopy(bare);
      const out = path.join(bare, 'out/2021/longgang-minzheng', NAME);
      const laidOut = squeeze(pdfText(`${out}.pdf`, { layout: true }));
      for (const text of [laidOut, squeeze(docxText(`${out}.docx`))]) {
        expect(text).toContain('总得分情况98.96');
        expect(text).not.toContain('附注');
        expect(text).not.toContain('各项指标的分值是参考分值');
      }
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('keeps the 公文 grid: 22 body lines on every full inner page of the narrative', () => {
    const portrait = pdfPageSizes(pdf).filter((s) => s === '595x842').length;
    expect(portrait).toBeGreaterThan(4);
    // Inner pages: not the first (title block) and not the last (the body ends part-way down it).
    for (let page = 2; page < portrait; page++) {
      const lines = pdfText(pdf, { first: page, last: page, layout: true })
        .split('\n')
        .filter((l) => l.trim() !== '' && !/^\s*—\s*\d+\s*—\s*$/.test(l));
      expect(lines.length, `page ${page}`).toBe(22);
      for (const line of lines) expect('，。、；：？！）》'.includes(line.trim()[0]!), line).toBe(false);
    }
  });

  it('converts with LibreOffice without error, with as many narrative pages as our PDF', () => {
    const converted = libreOfficeToPdf(docx);
    expect(squeeze(pdfText(converted))).toContain('龙岗区民政局基本情况');
    const portrait = (file: string) => pdfPageSizes(file).filter((s) => s === '595x842').length;
    expect(portrait(converted)).toBe(portrait(pdf));
  });

  it('changes every sentence that prints a figure when the figure is corrected in the YAML', async () => {
    const evidence = path.join(work, 'content/2021/longgang-minzheng/evidence.yaml');
    const text = readFileSync(evidence, 'utf8');
    expect(text).toContain('budget: 21044.23');
    writeFileSync(evidence, text.replace('budget: 21044.23', 'budget: 21100.00'));
    await buildCopy(work);
    const after = squeeze(pdfText(pdf));
    expect(after).not.toContain('21044.23');
    // Both sentences that print the budget, and the carry-over computed from it: 106.51 + 21100.00 − 20998.11.
    expect(after).toContain('2021年度部门预算21100.00万元');
    expect(after).toContain('财政拨款支出总额为21100.00万元');
    expect(after).toContain('年末财政拨款结转和结余208.40万元');
    expect(squeeze(docxText(docx))).toContain('财政拨款支出总额为21100.00万元');
  });
});

describe('部门整体绩效自评报告 as the declared form shenzhen/self-evaluation-report', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'jixiao-report-form-'));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const unit = (folder: string, yaml: string[], report?: string[]) => {
    const dir = path.join(project, 'content/2021', folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'unit.yaml'), `${yaml.join('\n')}\n`);
    if (report) writeFileSync(path.join(dir, 'report.md'), `${report.join('\n')}\n`);
  };

  it('is made for a unit that names its pack, and named without report.md it is an error at that line', async () => {
    unit(
      'named',
      ['unit:', '  name: 甲局', '  forms: [shenzhen/self-evaluation-report]'],
      // No report.md: the form's requires: [report] is not met.
    );
    unit(
      'pack',
      [
        'unit:',
        '  name: 乙局',
        '  forms: [shenzhen]',
        'evidence:',
        '  budget_execution: { budget: 100, carryover_start: 10, spending: 90 }',
      ],
      ['# 基本情况', '', '全年部门预算 {{部门预算}} 万元，执行率 {{percent 预算执行率 1}}。'],
    );
    const check = await runCli(['check', 'content'], project);
    expect(check.code, check.out).toBe(1);
    expect(check.out).toContain(
      'content/2021/named/unit.yaml:3:11 错误 甲局选用了文书“部门整体绩效自评报告”（shenzhen/self-evaluation-report），但没有填写它所需的内容：自评报告正文 report.md（report）',
    );
    const build = await runCli(['build', 'content', '--only', '乙局', '--out', 'out'], project);
    expect(build.code, build.out).toBe(0);
    const docx = path.join(project, 'out/2021/pack/2021年度乙局部门整体绩效自评报告.docx');
    // 90 ÷ 100 = 90.0%; the unit has no evaluation, so no 附件.
    const text = squeeze(docxText(docx));
    expect(text).toContain('全年部门预算100万元，执行率90.0%。');
    expect(text).not.toContain('附件');
  });
});
