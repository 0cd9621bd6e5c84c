import { describe, expect, it } from 'vitest';
import { dec } from '../../src/money/decimal.js';
import { evaluateRule } from '../../src/scoring/rules.js';
import { roundScore } from '../../src/scoring/unit.js';
import { shenzhenRule } from './helpers.js';

/** Score of a rule worth `weight` on the given evidence, rounded half-up to 2 decimals, as text. */
function score(
  rule: ReturnType<typeof shenzhenRule>,
  weight: string,
  evidence: unknown,
  parts?: Record<string, string>,
) {
  const judged = parts
    ? { parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, dec(v)])) }
    : {};
  const r = evaluateRule(rule, dec(weight), evidence, judged);
  return { ...r, text: r.score === undefined ? undefined : roundScore(r.score).toFixed() };
}

describe('ratio rule (政府采购执行率 × 1 分, 0 when 实际 > 计划)', () => {
  const rule = shenzhenRule('政府采购执行情况', '政府采购执行率');
  const ev = (actual: string, planned: string) => ({ procurement: { actual, planned } });

  it('seed 002: 12112.95 ÷ 12322.31', () => {
    // 12112.95 ÷ 12322.31 = 0.983010… × 1 = 0.98301 → 0.98
    const r = score(rule, '1', ev('12112.95', '12322.31'));
    expect(r.text).toBe('0.98');
    expect(r.note).toBe('政府采购执行率 98.30%（实际采购金额 12112.95 万元，采购计划金额 12322.31 万元）');
  });
  it('exactly 90%', () => {
    // 90 ÷ 100 = 0.9 × 1 = 0.9
    expect(score(rule, '1', ev('90', '100')).text).toBe('0.9');
  });
  it('exactly 100%: full marks, no deduction note', () => {
    // 100 ÷ 100 = 1 × 1 = 1
    const r = score(rule, '1', ev('100', '100'));
    expect(r.text).toBe('1');
    expect(r.note).toBeUndefined();
  });
  it('above plan: 0 (如实际采购金额大于采购计划金额，本项得0分)', () => {
    // 100.01 > 100 → 0
    const r = score(rule, '1', ev('100.01', '100'));
    expect(r.text).toBe('0');
    expect(r.note).toContain('大于采购计划金额');
  });
  it('the capped variant (项目完成及时性 = 已完成 ÷ 计划 × 6) keeps full marks above plan', () => {
    const timely = shenzhenRule('项目完成及时性');
    const ev2 = (on_time: number, planned: number) => ({ projects_on_time: { on_time, planned } });
    // 9 ÷ 10 = 0.9 × 6 = 5.4
    expect(score(timely, '6', ev2(9, 10)).text).toBe('5.4');
    // 10 ÷ 10 = 1 × 6 = 6
    expect(score(timely, '6', ev2(10, 10)).text).toBe('6');
    // 11 ÷ 10 = 1.1 → min(1.1, 1) = 1 × 6 = 6
    expect(score(timely, '6', ev2(11, 10)).text).toBe('6');
    // 2 ÷ 3 = 0.6666… × 6 = 4
    expect(score(timely, '6', ev2(2, 3)).text).toBe('4');
  });
  it('a zero plan cannot be computed', () => {
    const r = score(rule, '1', ev('5', '0'));
    expect(r.score).toBeUndefined();
    expect(r.problems[0]).toContain('采购计划金额为 0');
  });
  it('missing evidence is named by path', () => {
    expect(score(rule, '1', {}).missingEvidence).toEqual(['procurement.actual', 'procurement.planned']);
  });
});

describe('sum rule (政府采购执行情况 = 执行率 × 1 + 政策功能 1)', () => {
  const rule = shenzhenRule('政府采购执行情况');
  it('seed 002: 0.98301 + 1 = 1.98301 → 1.98', () => {
    const r = score(
      rule,
      '2',
      { procurement: { actual: '12112.95', planned: '12322.31' } },
      { 政府采购政策功能: '1' },
    );
    expect(r.text).toBe('1.98');
  });
  it('a judged part without the evaluator’s score', () => {
    const r = score(rule, '2', { procurement: { actual: '1', planned: '1' } });
    expect(r.missingJudged).toEqual(['政府采购政策功能']);
    expect(r.score).toBeUndefined();
  });
  it('a judged part below its weight is reported for a note', () => {
    // 1 × 1 + 0.5 = 1.5
    const r = score(rule, '2', { procurement: { actual: '1', planned: '1' } }, { 政府采购政策功能: '0.5' });
    expect(r.text).toBe('1.5');
    expect(r.judgedDeductions).toEqual(['政府采购政策功能']);
  });
});

describe('tiers, ratio of counts (编外人员控制率: <5% → 1; 5%≤比率≤10% → 0.5; >10% → 0)', () => {
  const rule = shenzhenRule('编外人员控制率');
  // contract ÷ (civil_servants + staff + workers + contract)
  const ev = (contract: number, staff: number) => ({
    staffing: { contract, staff, civil_servants: 0, workers: 0 },
  });
  it('seed 002: 112 ÷ (76 + 18 + 5 + 112) = 112 ÷ 211 = 53.08% > 10% → 0', () => {
    const r = score(rule, '1', { staffing: { contract: 112, staff: 76, civil_servants: 18, workers: 5 } });
    expect(r.text).toBe('0');
    expect(r.note).toBe('编外人员控制率 53.08%（聘员 112 人，在职 211 人），高于 10%');
  });
  it('below 5%: 4 ÷ 100 = 4% → 1', () => expect(score(rule, '1', ev(4, 96)).text).toBe('1'));
  it('exactly 5% (5 ÷ 100) → 0.5 (5%≤比率)', () => expect(score(rule, '1', ev(5, 95)).text).toBe('0.5'));
  it('exactly 10% (10 ÷ 100) → 0.5 (比率≤10%)', () => expect(score(rule, '1', ev(10, 90)).text).toBe('0.5'));
  it('just above 10% (11 ÷ 100) → 0', () => expect(score(rule, '1', ev(11, 89)).text).toBe('0'));
  it('everyone counted as zero cannot be computed', () => {
    expect(score(rule, '1', ev(0, 0)).problems[0]).toContain('为 0');
  });
});

describe('tiers, downward (固定资产利用率: ≥90% → 1; 90%>x≥75% → 0.7; 75%>x≥60% → 0.4; <60% → 0)', () => {
  const rule = shenzhenRule('固定资产利用率');
  const ev = (inUse: string) => ({ assets: { total: '100', fixed_in_use: inUse, fixed_total: '100' } });
  it('exactly 100% → 1', () => expect(score(rule, '1', ev('100')).text).toBe('1'));
  it('exactly 90% → 1 (≥90%)', () => expect(score(rule, '1', ev('90')).text).toBe('1'));
  it('89.99% → 0.7', () => expect(score(rule, '1', ev('89.99')).text).toBe('0.7'));
  it('exactly 75% → 0.7 (90%>x≥75%)', () => expect(score(rule, '1', ev('75')).text).toBe('0.7'));
  it('exactly 60% → 0.4', () => expect(score(rule, '1', ev('60')).text).toBe('0.4'));
  it('59.99% → 0', () => {
    const r = score(rule, '1', ev('59.99'));
    expect(r.text).toBe('0');
    expect(r.note).toBe('固定资产利用率 59.99%（在用固定资产 59.99 万元，固定资产总额 100 万元），低于 60%');
  });
});

describe('tiers, ceiling (财政供养人员控制率: ≤100% → 1; >100% → 0)', () => {
  const rule = shenzhenRule('财政供养人员控制率');
  const ev = (staff: number, authorized: number) => ({
    staffing: { authorized, staff, civil_servants: 0, workers: 0, contract: 0 },
  });
  it('seed 002: 99 ÷ 99 = 100% → 1', () => expect(score(rule, '1', ev(99, 99)).text).toBe('1'));
  it('90 ÷ 100 = 90% → 1', () => expect(score(rule, '1', ev(90, 100)).text).toBe('1'));
  it('above plan: 101 ÷ 100 = 101% → 0', () => expect(score(rule, '1', ev(101, 100)).text).toBe('0'));
});

describe('tiers on a percentage field (满意度: ≥95% → 6; 90%≤x<95% → 4; 80%≤x<90% → 2; <80% → 1)', () => {
  const rule = shenzhenRule('公众或服务对象满意度');
  const s = (v: string) => score(rule, '6', { satisfaction: v }).text;
  it('100% → 6', () => expect(s('100%')).toBe('6'));
  it('exactly 95% → 6', () => expect(s('95%')).toBe('6'));
  it('94.9% → 4', () => expect(s('94.9%')).toBe('4'));
  it('exactly 90% → 4', () => expect(s('90%')).toBe('4'));
  it('exactly 80% → 2', () => expect(s('80%')).toBe('2'));
  it('79.9% → 1', () => expect(s('79.9%')).toBe('1'));
});

describe('sum of two tiered parts (公用经费控制率: each <90% → 3; 90%≤x≤100% → 2; >100% → 0)', () => {
  const rule = shenzhenRule('公用经费控制率');
  const ev = (three: string, daily: string) => ({
    public_funds: { three_public: { budget: '100', actual: three }, daily: { budget: '100', actual: daily } },
  });
  it('89.99% and 74.95% → 3 + 3 = 6', () => expect(score(rule, '6', ev('89.99', '74.95')).text).toBe('6'));
  it('exactly 90% and exactly 100% → 2 + 2 = 4', () =>
    expect(score(rule, '6', ev('90', '100')).text).toBe('4'));
  it('above plan: 100.01% and 80% → 0 + 3 = 3, note names the over-spent part', () => {
    const r = score(rule, '6', ev('100.01', '80'));
    expect(r.text).toBe('3');
    expect(r.note).toBe('“三公”经费控制率 100.01%（实际支出 100.01 万元，预算安排 100 万元），高于 100%');
  });
});

describe('sum of two level-tiered parts (预决算信息公开: each 1.5 / 1 / 0)', () => {
  const rule = shenzhenRule('预决算信息公开');
  const s = (budget: string, final_accounts: string) =>
    score(rule, '3', { disclosure: { budget, final_accounts } });
  it('both 按规定公开 → 1.5 + 1.5 = 3', () => expect(s('按规定公开', '按规定公开').text).toBe('3'));
  it('涉密 counts as published → 1.5 + 1.5 = 3', () => expect(s('涉密不公开', '按规定公开').text).toBe('3'));
  it('公开但不符合要求 + 未公开 → 1 + 0 = 1', () => {
    const r = s('公开但不符合要求', '未公开');
    expect(r.text).toBe('1');
    expect(r.note).toBe('部门预算公开：公开但不符合要求；部门决算公开：未公开');
  });
});

describe('quarterly execution (预算执行率: quarters min(进度 ÷ 序时进度, 1) × 1, + min(平均 × 2, 2))', () => {
  const rule = shenzhenRule('预算执行率');
  const ev = (q1: string, q2: string, q3: string, q4: string) => ({
    budget_execution: { quarterly_progress: { q1, q2, q3, q4 } },
  });
  it('seed 002 example inputs → 5.98', () => {
    // 25/25 = 1; 49.9/50 = 0.998; 74.9/75 = 0.998667; 99.12/100 = 0.9912 → quarters 3.987867
    // mean 3.987867 ÷ 4 = 0.996967 × 2 = 1.993933; total 5.981800 → 5.98
    const r = score(rule, '6', ev('25%', '49.9%', '74.9%', '99.12%'));
    expect(r.text).toBe('5.98');
    expect(r.score!.toFixed(4)).toBe('5.9818');
    expect(r.note).toContain('全年平均执行率 99.70%');
  });
  it('exactly on schedule (25/50/75/100%) → 4 + 2 = 6', () => {
    const r = score(rule, '6', ev('25%', '50%', '75%', '100%'));
    expect(r.text).toBe('6');
    expect(r.note).toBeUndefined();
  });
  it('exactly 90% of schedule every quarter → 4 × 0.9 + 0.9 × 2 = 5.4', () => {
    // 22.5/25 = 45/50 = 67.5/75 = 90/100 = 0.9
    expect(score(rule, '6', ev('22.5%', '45%', '67.5%', '90%')).text).toBe('5.4');
  });
  it('a quarter ahead of schedule: capped in the mean (the shipped choice)', () => {
    // 30/25 = 1.2 → 1; 45/50 = 0.9; 1; 1 → quarters 3.9; mean (1 + 0.9 + 1 + 1)/4 = 0.975 × 2 = 1.95 → 5.85
    expect(score(rule, '6', ev('30%', '45%', '75%', '100%')).text).toBe('5.85');
  });
  it('a quarter ahead of schedule: uncapped in the mean when the parameter says so', () => {
    if (rule.kind !== 'quarterly') throw new Error('quarterly');
    const uncapped = { ...rule, cap_quarters_in_average: false };
    // quarters 3.9 as above; mean (1.2 + 0.9 + 1 + 1)/4 = 1.025 × 2 = 2.05 → max 2 → 5.9
    expect(score(uncapped, '6', ev('30%', '45%', '75%', '100%')).text).toBe('5.9');
    // 26/25 = 1.04, 50/50, 75/75, 99/100 = 0.99 → quarters 1 + 1 + 1 + 0.99 = 3.99;
    // mean (1.04 + 1 + 1 + 0.99)/4 = 1.0075 × 2 = 2.015 → max 2 → 5.99 (capped mean: 3.99/4 × 2 = 1.995 → 5.985 → 5.99)
    expect(score(uncapped, '6', ev('26%', '50%', '75%', '99%')).text).toBe('5.99');
  });
});

describe('judged rule', () => {
  it('is the evaluator’s score', () => {
    const r = evaluateRule(shenzhenRule('财务合规性'), dec(3), {}, { score: dec('2.5') });
    expect(r.score?.toFixed()).toBe('2.5');
  });
});
