import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Findings } from '../../src/diagnostics/finding.js';
import { dec } from '../../src/money/decimal.js';
import { loadFrameworkFile } from '../../src/scoring/framework.js';
import { evaluateRule, type JudgedInput } from '../../src/scoring/rules.js';
import type { Rule } from '../../src/scoring/schema.js';
import { roundScore } from '../../src/scoring/unit.js';
import { shippedRule } from './helpers.js';

/**
 * The rule kinds of the 2013 部门整体 family and the Chongqing table, evaluated on the rules as shipped in
 * frameworks/sichuan-2013.yaml and frameworks/chongqing-unit.yaml (forms.md B3, B4).
 */
function score(rule: Rule, weight: string, evidence: unknown, judged: JudgedInput = {}) {
  const r = evaluateRule(rule, dec(weight), evidence, judged);
  return { ...r, text: r.score === undefined ? undefined : roundScore(r.score).toFixed() };
}

describe('per-point deduction: 在职人员控制率 = 在职人员数 ÷ 编制数, ≤ 100 % full, −0.1 per point over', () => {
  const rule = shippedRule('sichuan-2013', '在职人员控制率');
  const ev = (in_service: number, authorized: number) => ({ staffing: { in_service, authorized } });

  it('exactly 100 %: full 5, no note', () => {
    // 100 ÷ 100 = 100 % ≤ 100 % → 5
    const r = score(rule, '5', ev(100, 100));
    expect(r.text).toBe('5');
    expect(r.note).toBeUndefined();
  });
  it('below 100 %: full', () => {
    // 95 ÷ 100 = 95 % → 5
    expect(score(rule, '5', ev(95, 100)).text).toBe('5');
  });
  it('one point over costs 0.1', () => {
    // 101 ÷ 100 = 101 %: 1 point over × 0.1 = 0.1 → 5 − 0.1 = 4.9
    const r = score(rule, '5', ev(101, 100));
    expect(r.text).toBe('4.9');
    expect(r.note).toBe(
      '在职人员控制率 101.00%（在职人员 101 人，编制数 100 人），超过 100% 1 个百分点，扣 0.1 分',
    );
  });
  it('a fraction of a point costs its share', () => {
    // 201 ÷ 200 = 100.5 %: 0.5 point × 0.1 = 0.05 → 4.95
    expect(score(rule, '5', ev(201, 200)).text).toBe('4.95');
  });
  it('far over: floor 0', () => {
    // 200 ÷ 100 = 200 %: 100 points × 0.1 = 10 ≥ 5 → 0
    const r = score(rule, '5', ev(200, 100));
    expect(r.text).toBe('0');
    expect(r.note).toContain('扣完为止，本项得 0 分');
    // 150 ÷ 100 = 150 %: exactly 50 points × 0.1 = 5 → 0
    expect(score(rule, '5', ev(150, 100)).text).toBe('0');
  });
  it('a zero 编制数 cannot be computed', () => {
    const r = score(rule, '5', ev(3, 0));
    expect(r.score).toBeUndefined();
    expect(r.problems).toEqual(['编制数为 0，在职人员控制率无法计算']);
  });
  it('says which evidence is missing', () => {
    expect(score(rule, '5', { staffing: { authorized: 10 } }).missingEvidence).toEqual([
      'staffing.in_service',
    ]);
  });
});

describe('per-point deduction: “三公”经费变动率 = (本年 − 上年) ÷ 上年, ≤ 0 full, −0.3 per point over', () => {
  const rule = shippedRule('sichuan-2013', '“三公”经费变动率');
  const ev = (actual: string, previous_actual: string) => ({
    public_funds: { three_public: { actual, previous_actual } },
  });

  it('unchanged (exactly 0) and lower: full 5', () => {
    // (20 − 20) ÷ 20 = 0 ≤ 0 → 5
    expect(score(rule, '5', ev('20', '20')).text).toBe('5');
    // (18 − 20) ÷ 20 = −10 % → 5
    expect(score(rule, '5', ev('18', '20')).text).toBe('5');
  });
  it('one point over costs 0.3', () => {
    // (20.2 − 20) ÷ 20 = 1 %: 1 × 0.3 = 0.3 → 4.7
    const r = score(rule, '5', ev('20.2', '20'));
    expect(r.text).toBe('4.7');
    expect(r.note).toBe(
      '“三公”经费变动率 1.00%（本年 20.2 万元，上年 20 万元），超过 0% 1 个百分点，扣 0.3 分',
    );
  });
  it('far over: floor 0', () => {
    // (30 − 20) ÷ 20 = 50 %: 50 × 0.3 = 15 ≥ 5 → 0
    expect(score(rule, '5', ev('30', '20')).text).toBe('0');
  });
});

describe('entered coefficient × weight (重庆 得分系数)', () => {
  const rule = shippedRule('chongqing-unit', '重点工作完成率');
  it('0 %, 95 % and 100 %', () => {
    // 0 × 10 = 0; 0.95 × 10 = 9.5; 1 × 10 = 10
    expect(score(rule, '10', {}, { coefficient: dec('0') }).text).toBe('0');
    const part = score(rule, '10', {}, { coefficient: dec('0.95') });
    expect(part.text).toBe('9.5');
    expect(part.note).toBe('得分系数 95%（95% × 10 分）');
    const full = score(rule, '10', {}, { coefficient: dec('1') });
    expect(full.text).toBe('10');
    expect(full.note).toBeUndefined();
  });
  it('no coefficient: no score', () => {
    expect(score(rule, '10', {}).score).toBeUndefined();
  });
});

describe('bands with open and closed bounds (满意度, sichuan-2013)', () => {
  const rule = shippedRule('sichuan-2013', '满意度');
  const ev = (satisfaction: string) => ({ satisfaction });
  it('each bound belongs to the band above it (gte closed, lt open)', () => {
    // 90 % ≥ 90 % → 10; 89.99 % < 90 % and ≥ 80 % → 8; 80 % → 8; 79.99 % → 6; 60 % → 6; 59.99 % → 0
    expect(score(rule, '10', ev('90%')).text).toBe('10');
    expect(score(rule, '10', ev('89.99%')).text).toBe('8');
    expect(score(rule, '10', ev('80%')).text).toBe('8');
    expect(score(rule, '10', ev('79.99%')).text).toBe('6');
    expect(score(rule, '10', ev('60%')).text).toBe('6');
    expect(score(rule, '10', ev('59.99%')).text).toBe('0');
    expect(score(rule, '10', ev('89.99%')).note).toBe('满意度 89.99%，不低于 80%且低于 90%');
  });
});

describe('structural checks of the new kinds, at the framework’s line', () => {
  const FRAMEWORK = `framework:
  name: 扣分规则错误
  applies_to: unit
  total: 10
  indicators:
    - name: 部门管理
      weight: 10
      children:
        - name: 在职人员控制率
          weight: 5
          rule:
            kind: deduction
            label: 在职人员控制率
            measure:
              numerator: { fields: [staffing.in_service] }
            limit: 1
            per_point: 0
        - name: 变动率
          weight: 5
          rule:
            kind: deduction
            label: 变动率
            measure:
              current: { fields: [public_funds.three_public.actual] }
              previous: { fields: [public_funds.three_public.last_year] }
            limit: 1
            per_point: 0
`;
  function load() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-kinds-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, FRAMEWORK);
    const findings = new Findings();
    const fw = loadFrameworkFile(file, findings, undefined, dir);
    rmSync(dir, { recursive: true, force: true });
    return { fw, found: findings.sorted().map((f) => `${f.at?.line}:${f.at?.col} ${f.message}`) };
  }
  /** line:col where `needle` starts, first after the line holding `after`. */
  const pos = (needle: string, after: string, skip = 0) => {
    const lines = FRAMEWORK.split('\n');
    const from = lines.findIndex((l) => l.includes(after));
    const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
    return `${i + 1}:${lines[i]!.indexOf(needle) + 1 + skip}`;
  };

  it('a ratio without its denominator, a figure the evidence model lacks, a ratio limit without %, a zero per_point', () => {
    const { fw, found } = load();
    expect(fw?.usable).toBe(false);
    expect(found).toContain(
      `${pos('numerator', '在职人员控制率')} 指标“在职人员控制率”的计量（measure）应为 field、numerator + denominator 或 current + previous 三者之一`,
    );
    expect(found).toContain(
      `${pos('public_funds.three_public.last_year', 'name: 变动率')} 指标“变动率”：佐证数据中没有字段“public_funds.three_public.last_year”`,
    );
    expect(found).toContain(
      `${pos('limit: 1', 'name: 变动率', 'limit: '.length)} 指标“变动率”按比率扣分，满分界限（limit）应写成百分比，如 100%`,
    );
    expect(found).toContain(
      `${pos('per_point: 0', 'name: 变动率', 'per_point: '.length)} 指标“变动率”的每点扣分（per_point）不能为 0`,
    );
  });
});
