/**
 * The 分值 and 得分 columns of the 项目支出绩效自评表 as a reader sees them in the DOCX: one precision down a
 * column, and an author's 得分 printed with its 评分说明. Built from a copy of the example content in which
 * the author judged 社会组织管理's 满意度 indicator at 9.4 of its 10 points, with a reason.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows } from '../helpers/read-output.js';

const REASON = '回访中有 3 户对办理时限不满意';
let work: string;
let rows: string[][];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-national-scores-'));
  cpSync(path.resolve(import.meta.dirname, '../../content'), path.join(work, 'content'), { recursive: true });
  const file = path.join(work, 'content/2020/longgang-minzheng/projects.yaml');
  const text = readFileSync(file, 'utf8');
  // The first project, 社会组织管理, holds the first 满意度 indicator of the file.
  const from = '          - target: 服务对象满意度100%\n            actual: 已达标\n';
  expect(text.indexOf(from)).toBeLessThan(text.indexOf('- name: 民办社会福利机构'));
  writeFileSync(
    file,
    text.replace(from, `${from}            score: 9.4\n            score_reason: ${REASON}\n`),
  );
  const run = await runCli(
    ['build', 'content', '--only', '项目支出绩效自评表', '--format', 'docx', '--out', 'out'],
    work,
  );
  expect(run.code, run.out + run.err).toBe(0);
  rows = docxTableRows(
    path.join(work, 'out/2020/longgang-minzheng/2020年深圳市龙岗区民政局项目支出绩效自评表.docx'),
  );
});

/** The rows of one project's page: from its 项目名称 row to its 总分 row. */
function page(name: string): string[][] {
  const start = rows.findIndex((r) => r[0] === '项目名称' && r[1] === name);
  const end = rows.findIndex((r, i) => i > start && r[0] === '总分');
  return rows.slice(start, end + 1);
}

/** 分值 and 得分 of the 年度资金总额 row, each indicator row and the 总分 row, top to bottom. */
function scoreColumns(rows: string[][]): { weights: string[]; scores: string[] } {
  const funds = rows.find((r) => r.includes('年度资金总额'))!;
  const header = rows.findIndex((r) => r.includes('偏差原因分析及改进措施'));
  const indicators = rows.slice(header + 1, -1);
  const total = rows.at(-1)!;
  return {
    // 年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
    // … | 分值 | 得分 | 偏差原因分析及改进措施;  总分 | 分值 | 得分 | 自评等级
    weights: [funds.at(-3)!, ...indicators.map((r) => r.at(-3)!), total.at(-3)!],
    scores: [funds.at(-1)!, ...indicators.map((r) => r.at(-2)!), total.at(-2)!],
  };
}

describe('项目支出绩效自评表 scores', () => {
  it('prints every 分值 and 得分 of a column at 2 decimals', () => {
    const { weights, scores } = scoreColumns(page('社会组织管理'));
    // 预算执行率 10; 产出 50 over 数量/质量/时效: 16.67 + 16.67 + 16.66; 效益 30 (经济、生态 不适用, dropped);
    // 满意度 10; 总分 100.
    expect(weights).toEqual(['10.00', '16.67', '16.67', '16.66', '-', '30.00', '-', '10.00', '100.00']);
    // 执行率 93.99 ÷ 94 = 0.99989… × 10 = 9.9989 → 10.00; every other target met but 满意度, judged 9.4:
    // 10 + 16.67 + 16.67 + 16.66 + 30 + 9.4 = 99.40.
    expect(scores).toEqual(['10.00', '16.67', '16.67', '16.66', '-', '30.00', '-', '9.40', '99.40']);
  });

  it('has one precision in these columns on every page', () => {
    const starts = rows.flatMap((r) => (r[0] === '项目名称' ? [r[1]!] : []));
    expect(starts).toHaveLength(14);
    for (const name of starts) {
      const { weights, scores } = scoreColumns(page(name));
      for (const cell of [...weights, ...scores]) expect(cell, name).toMatch(/^(\d+\.\d\d|-)$/);
    }
  });

  it('prints the 评分说明 of a judged 得分 in the 偏差原因分析及改进措施 column', () => {
    const row = page('社会组织管理').find((r) => r.includes('服务对象满意度100%'))!;
    expect(row.slice(-3)).toEqual(['10.00', '9.40', `评分说明：${REASON}`]);
  });

  it('check --json lists the judged 得分 with its computed value and reason', async () => {
    const r = await runCli(['check', 'content', '--json'], work);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      units: Array<{ id: string; projectOverrides?: unknown[] }>;
    };
    const unit = report.units.find((u) => u.id === '2020/longgang-minzheng')!;
    expect(unit.projectOverrides).toEqual([
      {
        project: '社会组织管理',
        indicator: '服务对象满意度100%',
        score: '9.4',
        computed: '10',
        reason: REASON,
      },
    ]);
  });
});
