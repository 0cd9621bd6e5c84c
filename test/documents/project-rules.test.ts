/**
 * The 项目支出绩效自评表 under three rule sets, built by the CLI from a project with its own rules/ folder:
 * national (typed 分值 printed as typed, exact rate), a rounded-first set of the project's own (rate printed
 * at 0 decimals and scored as printed) and sichuan (no grade). A judged 得分's reason is in the PDF and the
 * DOCX.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, squeeze } from '../helpers/read-output.js';
import { pdfRaw } from './project-seed-figures.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const REASON = '社区走访显示部分居民未参加';
let work: string;

/** One project: 157 of 283 spent (157 ÷ 283 = 55.477 %), typed 25/15/20/20/10, one judged 得分. */
const PROJECTS = `projects:
  - name: 社区服务
    budget: 283
    spending:
      general_budget: 157
    execution_reason: 部分采购延至次年
    indicators:
      - level1: 产出指标
        level2: 数量指标
        items:
          - { name: 服务人次, target: ≥100人次, actual: 100人次, weight: 25 }
          - { name: 培训场次, target: ≥2场, actual: 2场, weight: 15 }
      - level1: 效益指标
        level2: 社会效益指标
        items:
          - { name: 居民参与, target: 显著, actual: 基本完成, weight: 20, score: 13, score_reason: ${REASON} }
          - { name: 居民安全, target: 显著, actual: 已达标, weight: 20 }
      - level1: 满意度指标
        level2: 服务对象满意度指标
        items:
          - { name: 满意度, target: ≥95%, actual: 96%, weight: 10 }
`;

function unit(folder: string, name: string, rules: string) {
  const dir = path.join(work, 'content/2020', folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'unit.yaml'), `unit:\n  name: ${name}\n  rules: ${rules}\n`);
  writeFileSync(path.join(dir, 'projects.yaml'), PROJECTS);
}

const file = (folder: string, name: string, ext: string) =>
  path.join(work, 'out/2020', folder, `2020年${name}项目支出绩效自评表.${ext}`);

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-project-rules-'));
  unit('exact', '甲局', 'national');
  unit('rounded', '乙局', 'national-rounded');
  unit('sichuan', '丙局', 'sichuan');
  mkdirSync(path.join(work, 'rules'));
  writeFileSync(
    path.join(work, 'rules/national-rounded.yaml'),
    readFileSync(path.join(REPO, 'rules/national.yaml'), 'utf8')
      .replace('rate: exact ', 'rate: rounded')
      .replace('decimals: 2 ', 'decimals: 0 '),
  );
  const run = await runCli(['build', 'content', '--only', '项目支出绩效自评表', '--out', 'out'], work);
  expect(run.code, run.out + run.err).toBe(0);
});

/** 分值 and 得分 of the 年度资金总额 row, each indicator row and the 总分 row, and the last cell of 总分. */
function columns(docx: string) {
  const rows = docxTableRows(docx);
  const funds = rows.find((r) => r.includes('年度资金总额'))!;
  const header = rows.findIndex((r) => r.includes('偏差原因分析及改进措施'));
  const total = rows.findIndex((r) => r[0] === '总分');
  const indicators = rows.slice(header + 1, total);
  return {
    rate: funds.at(-2)!,
    weights: [funds.at(-3)!, ...indicators.map((r) => r.at(-3)!), rows[total]!.at(-3)!],
    scores: [funds.at(-1)!, ...indicators.map((r) => r.at(-2)!), rows[total]!.at(-2)!],
    reasons: indicators.map((r) => r.at(-1)!),
    grade: rows[total]!.at(-1)!,
  };
}

describe('项目支出绩效自评表 under rule sets', () => {
  it('national: typed 10/25/15/20/20/10 printed unchanged; 157 of 283 scores 5.55 (exact)', () => {
    const c = columns(file('exact', '甲局', 'docx'));
    expect(c.weights).toEqual(['10.00', '25.00', '15.00', '20.00', '20.00', '10.00', '100.00']);
    // 执行率 55.48 % (2 decimals); 10 × 0.554770… = 5.5477 → 5.55. 居民参与 judged 13 (in 部分达成's 12–16).
    // 总分 5.55 + 25 + 15 + 13 + 20 + 10 = 88.55 → 良.
    expect(c.rate).toBe('55.48%');
    expect(c.scores).toEqual(['5.55', '25.00', '15.00', '13.00', '20.00', '10.00', '88.55']);
    expect(c.grade).toBe('自评等级：良');
  });

  it('a rounded-first set with 0 decimals (the project’s own rules/): prints 55 %, scores 5.5', () => {
    const c = columns(file('rounded', '乙局', 'docx'));
    // 55.477 % printed 55 %; 10 × 55 % = 5.5. 总分 5.5 + 25 + 15 + 13 + 20 + 10 = 88.5.
    expect(c.rate).toBe('55%');
    expect(c.scores[0]).toBe('5.50');
    expect(c.scores.at(-1)).toBe('88.50');
    const pdf = pdfRaw(file('rounded', '乙局', 'pdf'));
    expect(pdf).toContain('10.0055%5.50');
  });

  it('sichuan prints no grade', () => {
    const c = columns(file('sichuan', '丙局', 'docx'));
    expect(c.scores.at(-1)).toBe('88.55');
    expect(c.grade).toBe('');
    expect(pdfRaw(file('sichuan', '丙局', 'pdf'))).not.toContain('自评等级');
  });

  it('the judged 得分’s reason is in the 偏差原因 column of the DOCX and the PDF', () => {
    const c = columns(file('exact', '甲局', 'docx'));
    expect(c.reasons[2]).toBe(`评分说明：${REASON}`);
    expect(pdfRaw(file('exact', '甲局', 'pdf'))).toContain(squeeze(`评分说明：${REASON}`));
  });
});
