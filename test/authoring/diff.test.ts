import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Big from 'big.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiffResult, DocumentDiff, FigureChange } from '../../src/authoring/diff.js';
import { runCli } from '../helpers/cli.js';

/**
 * `jixiao diff REV`: a git repository holding the example content, one figure corrected in the working
 * tree, and the printed figures every document shows differently, worked out by hand.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const PROJECTS = 'content/2020/longgang-minzheng/projects.yaml';
const EVIDENCE = 'content/2021/longgang-minzheng/evidence.yaml';
const BENJI = '2020年深圳市龙岗区民政局部门预算项目绩效自评表（本级）';
const HUIZONG = '2020年深圳市龙岗区民政局部门预算项目绩效自评表（汇总）';
const NATIONAL = '2020年深圳市龙岗区民政局项目支出绩效自评表';
const REPORT = '2021年度深圳市龙岗区民政局部门整体绩效自评报告';

let work: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: work, stdio: 'pipe' });

function edit(file: string, from: string, to: string): void {
  const abs = path.join(work, file);
  const text = readFileSync(abs, 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(abs, text.replace(from, to));
}

async function diffJson(...args: string[]): Promise<DiffResult> {
  const r = await runCli(['diff', ...args, '--json'], work);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as DiffResult;
}

const doc = (result: DiffResult, fileName: string): DocumentDiff => {
  const d = result.documents.find((x) => x.fileName === fileName);
  expect(d, `${fileName} listed`).toBeDefined();
  return d!;
};

const figure = (d: DocumentDiff, label: string, column: string): FigureChange => {
  const f = d.figures.find((x) => x.label === label && x.column === column);
  expect(f, `${label} ${column} in ${d.fileName}: ${JSON.stringify(d.figures)}`).toBeDefined();
  return f!;
};

/** after − before of a changed money figure. */
const delta = (f: FigureChange) => new Big(f.after!).minus(new Big(f.before!)).toFixed(2);

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-diff-test-'));
  cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
  git('init', '-q');
  git('config', 'user.name', 'jixiao test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'commit.gpgsign', 'false');
  git('add', 'content');
  git('commit', '-q', '-m', 'example year');
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('jixiao diff', () => {
  it('lists the figures one corrected project spending changes, in every document that prints them', async () => {
    // 办公设备购置: adjusted budget 6.7 − 2.15 − 0.4 = 4.15; 3.80 ÷ 4.15 = 91.57% → 91.6%,
    // 3.90 ÷ 4.15 = 93.98% → 94.0%.
    edit(PROJECTS, 'general_budget: 3.80', 'general_budget: 3.90');
    const result = await diffJson('HEAD');
    expect(result.rev).toBe('HEAD');
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(result.problems).toEqual([]);

    const own = doc(result, BENJI);
    expect(own.status).toBe('changed');
    expect(figure(own, '办公设备购置', '实际支出金额合计')).toMatchObject({ before: '3.80', after: '3.90' });
    expect(figure(own, '办公设备购置', '财政拨款一般公共预算')).toMatchObject({
      before: '3.80',
      after: '3.90',
    });
    expect(figure(own, '办公设备购置', '预算支出执行率')).toMatchObject({ before: '91.6%', after: '94.0%' });
    // The 本级 合计 moves by the same 0.10; the budget columns do not move at all.
    expect(delta(figure(own, '合计', '实际支出金额合计'))).toBe('0.10');
    expect(delta(figure(own, '合计', '财政拨款一般公共预算'))).toBe('0.10');
    expect(own.figures.some((f) => f.column === '项目年度预算金额')).toBe(false);
    expect(own.figures).toHaveLength(5);

    // 汇总: the project under its unit, the unit's 小计 and the department's 合计 each move by 0.10.
    const all = doc(result, HUIZONG);
    expect(figure(all, '区民政局本级 办公设备购置', '实际支出金额合计')).toMatchObject({
      before: '3.80',
      after: '3.90',
    });
    expect(figure(all, '区民政局本级 办公设备购置', '预算支出执行率')).toMatchObject({
      before: '91.6%',
      after: '94.0%',
    });
    expect(delta(figure(all, '区民政局本级 小计', '实际支出金额合计'))).toBe('0.10');
    expect(delta(figure(all, '合计', '实际支出金额合计'))).toBe('0.10');
    expect(all.figures.some((f) => f.label.includes('网格'))).toBe(false);

    // The national form of the project: 全年执行数 and 执行率 on the project's own page.
    const national = doc(result, NATIONAL);
    expect(figure(national, '办公设备购置 年度资金总额', '全年执行数')).toMatchObject({
      before: '3.80',
      after: '3.90',
    });
    expect(figure(national, '办公设备购置 年度资金总额', '执行率')).toMatchObject({
      before: '91.6%',
      after: '94.0%',
    });
    expect(national.figures.every((f) => f.label.startsWith('办公设备购置'))).toBe(true);

    // Unaffected documents are not listed: the sub-unit's own forms, other years.
    expect(result.documents.map((d) => d.fileName).sort()).toEqual([BENJI, HUIZONG, NATIONAL].sort());
    // 16 documents in all: the seeds' 8 and the region-pack examples' 8 (chongqing 1, county-2013 1,
    // sichuan 2 projects, hunan 1, national 2 projects, hubei 1); 16 − 3 changed = 13.
    expect(result.unchanged).toBe(13);
  });

  it('prints the changes per document in Chinese, figures of a row on one line', async () => {
    edit(PROJECTS, 'general_budget: 3.80', 'general_budget: 3.90');
    const r = await runCli(['diff', 'HEAD'], work);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^与版本 HEAD（[0-9a-f]{7}）相比/);
    expect(r.out).toContain(
      `${BENJI}\n  办公设备购置 实际支出金额合计 3.80 → 3.90；财政拨款一般公共预算 3.80 → 3.90；预算支出执行率 91.6% → 94.0%`,
    );
    expect(r.out).toContain(`${HUIZONG}\n  区民政局本级 办公设备购置 实际支出金额合计 3.80 → 3.90`);
    expect(r.out).toContain('共 3 份文书有变化，13 份没有变化。');
    expect(r.out).not.toContain('网格');
    expect(r.out).not.toContain('2024年');
  });

  it('shows the report sentences whose figures an evidence correction changes', async () => {
    // 政府采购执行率 = 实际采购金额 ÷ 采购计划金额: 12112.95 ÷ 12322.31 = 98.30% → 98.3%;
    // 12200.00 ÷ 12322.31 = 99.007% → 99.0%.
    edit(EVIDENCE, 'actual: 12112.95', 'actual: 12200.00');
    const result = await diffJson('HEAD');
    const report = doc(result, REPORT);
    const sentence = report.sentences.find((s) => s.before?.includes('实际采购金额'));
    expect(sentence?.before).toContain('实际采购金额 12112.95 万元，政府采购执行率为 98.3%');
    expect(sentence?.after).toContain('实际采购金额 12200.00 万元，政府采购执行率为 99.0%');
    expect(report.sentences.every((s) => s.before !== null && s.after !== null)).toBe(true);
    // Nothing else in the example year prints procurement.
    expect(result.documents.map((d) => d.fileName)).toEqual([REPORT]);

    const text = await runCli(['diff', 'HEAD'], work);
    expect(text.out).toContain('正文 原：采购计划金额 12322.31 万元，实际采购金额 12112.95 万元');
    expect(text.out).toContain('现：采购计划金额 12322.31 万元，实际采购金额 12200.00 万元');
  });

  it('compares with an older revision, and says when nothing changed', async () => {
    edit(PROJECTS, 'general_budget: 3.80', 'general_budget: 3.90');
    git('commit', '-q', '-am', 'correct 办公设备购置');
    const same = await runCli(['diff', 'HEAD'], work);
    expect(same.code).toBe(0);
    expect(same.out).toContain('16 份文书中的数字都没有变化');
    const older = await diffJson('HEAD~1');
    expect(figure(doc(older, BENJI), '办公设备购置', '实际支出金额合计')).toMatchObject({
      before: '3.80',
      after: '3.90',
    });
  });

  it('lists documents no longer made and new ones', async () => {
    rmSync(path.join(work, 'content/2024'), { recursive: true });
    // A new year: the 2022 department a year on, its 近两年 history moved to 2023 and 2024.
    mkdirSync(path.join(work, 'content/2025'));
    cpSync(path.join(REPO, 'content/2022'), path.join(work, 'content/2025'), { recursive: true });
    const funding = path.join(work, 'content/2025/qingshan-minzheng/funding.yaml');
    writeFileSync(
      funding,
      readFileSync(funding, 'utf8').replaceAll('2021:', '2024:').replaceAll('2020:', '2023:'),
    );
    const result = await diffJson('HEAD');
    const statuses = result.documents.map((d) => [d.status, d.fileName.slice(0, 4)]);
    expect(statuses).toContainEqual(['removed', '2024']);
    expect(statuses).toContainEqual(['added', '2025']);
    const text = await runCli(['diff', 'HEAD'], work);
    expect(text.out).toMatch(/不再生成：2024年深圳市福田区民政局/);
    expect(text.out).toMatch(/新增文书：2025年/);
  });

  it('exits 1 and prints the errors when the working tree has content errors', async () => {
    edit(PROJECTS, 'general_budget: 3.80', 'general_budget: 三点八');
    const r = await runCli(['diff', 'HEAD'], work);
    expect(r.code).toBe(1);
    expect(r.out).toContain('工作区的内容有');
    expect(r.out).toMatch(/content\/2020\/longgang-minzheng\/projects\.yaml:\d+:\d+ 错误/);
    expect(r.out).not.toMatch(/\n\s+at /);
    const json = await runCli(['diff', 'HEAD', '--json'], work);
    expect(json.code).toBe(1);
    const data = JSON.parse(json.out) as DiffResult;
    expect(data.problems.map((p) => p.side)).toEqual(['working-tree']);
    expect(data.documents).toEqual([]);
    // Findings as check and build print them: top-level, each with its place, and counted.
    const report = JSON.parse(json.out) as {
      findings: Array<{ side: string; severity: string; at: { file: string } }>;
      errors: number;
    };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.errors).toBe(report.findings.length);
    for (const f of report.findings) {
      expect(f.side).toBe('working-tree');
      expect(f.at.file).toBe(PROJECTS);
    }
  });

  it('exits 2 with a Chinese message for an unknown revision or a folder outside git', async () => {
    const unknown = await runCli(['diff', 'no-such-branch'], work);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('没有版本“no-such-branch”');
    expect(unknown.err).not.toMatch(/\n\s+at /);
    const missing = await runCli(['diff'], work);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('diff 需要一个 git 版本');

    const outside = mkdtempSync(path.join(os.tmpdir(), 'jixiao-diff-nogit-'));
    const ceiling = process.env['GIT_CEILING_DIRECTORIES'];
    process.env['GIT_CEILING_DIRECTORIES'] = path.dirname(outside);
    try {
      cpSync(path.join(REPO, 'content'), path.join(outside, 'content'), { recursive: true });
      const r = await runCli(['diff', 'HEAD'], outside);
      expect(r.code).toBe(2);
      expect(r.err).toContain('不在 git 仓库中');
    } finally {
      if (ceiling === undefined) delete process.env['GIT_CEILING_DIRECTORIES'];
      else process.env['GIT_CEILING_DIRECTORIES'] = ceiling;
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
