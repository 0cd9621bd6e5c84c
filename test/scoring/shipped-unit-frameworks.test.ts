import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { runCli } from '../helpers/cli.js';

/**
 * The unit frameworks shipped besides shenzhen-2021 — sichuan-2013 (the 2013 部门整体 family, forms.md B4,
 * three levels with leaves at the second) and chongqing-unit (two levels, 得分系数, forms.md B3) — scoring a
 * unit from a project folder that has no frameworks/ of its own, as a new user's would.
 */
const SICHUAN_EVIDENCE = `evidence:
  budget_execution: { budget: 100, carryover_start: 0, spending: 95 }
  assets: { total: 100, fixed_total: 100, fixed_in_use: 80 }
  staffing: { authorized: 100, in_service: 102 }
  public_funds:
    three_public: { actual: 10.5, previous_actual: 10 }
  satisfaction: 85%
`;
const SICHUAN_EVALUATION = `evaluation:
  framework: sichuan-2013
  scores:
    相关性: { score: 5 }
    明确性: { score: 5 }
    合理性: { score: 4, note: 一项目标值缺少测算依据 }
    测算依据: { score: 5 }
    目标管理: { score: 5 }
    分配时限: { score: 3 }
    中期评估: { score: 3 }
    绩效监控: { score: 4 }
    非税收入: { score: 3 }
    资产管理安全性: { score: 3 }
    内控制度: { score: 5 }
    信息公开: { score: 3 }
    绩效评价: { score: 3 }
    重点工作完成情况: { score: 12 }
    制度建设和人才培养: { score: 5 }
`;
const CHONGQING_EVALUATION = `evaluation:
  framework: chongqing-unit
  scores:
    财政供养人员控制率: { coefficient: 100% }
    “三公”经费变动率: { coefficient: 100% }
    预算调整率: { coefficient: 80%, note: 年中追加预算 }
    结转结余率: { coefficient: 100% }
    公用经费控制率: { coefficient: 100% }
    政府采购执行率: { coefficient: 100% }
    管理制度健全性: { coefficient: 100% }
    资金使用合规性: { coefficient: 100% }
    预决算信息公开性: { coefficient: 100% }
    资产管理安全性: { coefficient: 100% }
    重点工作完成率: { coefficient: 100% }
    工作完成及时率: { coefficient: 90% }
    质量达标率: { coefficient: 100% }
    服务对象满意度: { coefficient: 95% }
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-shipped-fw-'));
  const write = (unit: string, files: Record<string, string>) => {
    const dir = path.join(work, 'content/2021', unit);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  };
  write('sichuan', {
    'unit.yaml': 'unit:\n  name: 某县民政局\n',
    'evidence.yaml': SICHUAN_EVIDENCE,
    'evaluation.yaml': SICHUAN_EVALUATION,
  });
  write('chongqing', {
    'unit.yaml': 'unit:\n  name: 某区民政局\n',
    'evidence.yaml': 'evidence:\n  budget_execution: { budget: 200, carryover_start: 0, spending: 190 }\n',
    'evaluation.yaml': CHONGQING_EVALUATION,
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sichuan-2013 (部门决策 25 / 综合管理 30 / 部门绩效情况 45)', () => {
  it('scores the fixture unit, computed leaves from its evidence', async () => {
    const checked = await checkContent('content', work);
    const scores = checked.scores.find((s) => s.unitId === '2021/sichuan');
    const leaf = (name: string) => scores?.leaves.find((l) => l.name === name);
    // 固定资产利用率 80 ÷ 100 = 80 % in [75 %, 90 %) → 2
    expect(leaf('固定资产利用率')?.scoreText).toBe('2');
    // 预算完成率 95 ÷ 100 = 0.95 × 8 = 7.6
    expect(leaf('预算完成率')?.scoreText).toBe('7.6');
    // 在职人员控制率 102 ÷ 100 = 102 %: 2 points over × 0.1 = 0.2 → 5 − 0.2 = 4.8
    expect(leaf('在职人员控制率')?.scoreText).toBe('4.8');
    expect(leaf('在职人员控制率')?.note).toBe(
      '在职人员控制率 102.00%（在职人员 102 人，编制数 100 人），超过 100% 2 个百分点，扣 0.2 分',
    );
    // “三公”经费变动率 (10.5 − 10) ÷ 10 = 5 %: 5 points × 0.3 = 1.5 → 5 − 1.5 = 3.5
    expect(leaf('“三公”经费变动率')?.scoreText).toBe('3.5');
    // 满意度 85 % in [80 %, 90 %) → 8
    expect(leaf('满意度')?.scoreText).toBe('8');
    // 部门决策 5 + 5 + 4 + 5 + 5 = 24; 综合管理 3 + 3 + 4 + 3 + 3 + 2 + 5 + 3 + 3 = 29;
    // 部门绩效情况 12 + 7.6 + 4.8 + 3.5 + 5 + 8 = 40.9; 24 + 29 + 40.9 = 93.9
    expect(scores?.tree.map((n) => `${n.name} ${n.score?.toFixed()}`)).toEqual([
      '部门决策 24',
      '综合管理 29',
      '部门绩效情况 40.9',
    ]);
    expect(scores?.totalText).toBe('93.9');
  });
});

describe('chongqing-unit (two levels, 得分系数 × 权重)', () => {
  it('scores 执行率 from evidence and every other indicator by its entered coefficient', async () => {
    const checked = await checkContent('content', work);
    const scores = checked.scores.find((s) => s.unitId === '2021/chongqing');
    // 预算执行率 190 ÷ 200 = 0.95 × 10 = 9.5
    // 共性指标: nine at 100 % × 5 = 45, 预算调整率 80 % × 5 = 4 → 49
    // 个性指标: 10 + 90 % × 10 + 10 + 95 % × 10 = 10 + 9 + 10 + 9.5 = 38.5
    // 9.5 + 49 + 38.5 = 97
    expect(scores?.tree.map((n) => `${n.name} ${n.score?.toFixed()}`)).toEqual([
      '预算执行 9.5',
      '共性指标 49',
      '个性指标 38.5',
    ]);
    expect(scores?.totalText).toBe('97');
  });

  it('check names the framework and asks for a note where a coefficient below 100 % has none', async () => {
    const r = await runCli(['check', 'content'], work);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('自评得分 97（框架 chongqing-unit）');
    expect(r.out).toContain('自评得分 93.9（框架 sichuan-2013）');
    expect(r.out).toContain('二级指标“工作完成及时率”得分 9 低于分值 10，请填写扣分情况说明（note）');
    expect(r.out).not.toContain('“预算调整率”得分');
  });

  it('jixiao init empties each 得分系数 for the new year, naming last year’s', async () => {
    const r = await runCli(['init', '2022', '--from', '2021'], work);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(path.join(work, 'content/2022/chongqing/evaluation.yaml'), 'utf8');
    expect(text).toContain('预算调整率:\n      coefficient: # 待填写：“预算调整率”的得分系数；2021 年为 80%');
    expect(text).not.toContain('年中追加预算');
  });
});
