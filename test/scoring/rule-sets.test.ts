/**
 * Project scoring under each shipped rule set (rules/*.yaml), every expected figure worked out by hand from
 * forms.md §A's rules, and the checks of a rule file itself at its lines.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/compute/context.js';
import { computeProject } from '../../src/compute/projects.js';
import { Findings } from '../../src/diagnostics/finding.js';
import { Project } from '../../src/model/projects.js';
import { scoreProject } from '../../src/scoring/project.js';
import { loadRuleSetFile } from '../../src/scoring/rule-set.js';
import { RULES, shippedRules } from './helpers.js';

const national = shippedRules('national');
const sichuan = shippedRules('sichuan');
const shenzhen = shippedRules('shenzhen');
const other = shippedRules('other-province');

type Item = Record<string, string>;
const g = (level1: string, level2: string, ...items: Item[]) => ({ level1, level2, items });
const it_ = (target: string, actual?: string, more: Item = {}): Item => ({
  target,
  ...(actual === undefined ? {} : { actual }),
  ...more,
});

function project(indicators: unknown[], money: { budget?: string; spent?: string } = {}, extra = {}) {
  const p = Project.parse({
    name: '测试项目',
    budget: money.budget ?? '100',
    spending: { general_budget: money.spent ?? '100' },
    indicators,
    ...extra,
  });
  return computeProject(p, 0, 2, { findings: new Findings(), at: () => undefined });
}

function score(set: typeof national, indicators: unknown[], money = {}, extra = {}) {
  const findings = new Findings();
  const ctx: CheckContext = { findings, at: () => undefined };
  const scored = scoreProject(project(indicators, money, extra), set, ctx, 2);
  return { scored, findings: findings.items, codes: findings.items.map((f) => `${f.severity} ${f.code}`) };
}

/** A variant of a shipped rule file in a temp folder (a project's own rules/), loaded. */
function variant(id: string, edit: (text: string) => string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-rules-'));
  const text = edit(readFileSync(path.join(RULES, `${id}.yaml`), 'utf8'));
  const file = path.join(dir, `${id}-variant.yaml`);
  writeFileSync(file, text);
  const findings = new Findings();
  const set = loadRuleSetFile(file, findings, undefined, dir);
  return { set, text, findings: findings.sorted() };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const ALL_MET = [
  g('产出指标', '数量指标', it_('≥100人', '100人', { weight: '25' })),
  g('产出指标', '质量指标', it_('≥95%', '90%', { weight: '15', deviation: '部分对象未按期回访' })),
  g('效益指标', '社会效益指标', it_('显著', '已达标', { weight: '20' })),
  g('效益指标', '经济效益指标', it_('≥50万元', '55万元', { weight: '20' })),
  g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%', { weight: '10' })),
];

describe('national (财预〔2020〕10号): typed 分值 printed as typed', () => {
  it('10/25/15/20/20/10 print unchanged and add up to 100', () => {
    const { scored, codes } = score(national, ALL_MET);
    // 执行率 100 ÷ 100 = 100% × 10 = 10; 25 + 15 + 20 + 20 + 10 = 90, as typed (no rescale).
    expect([scored.execution.weightText, ...scored.indicators.map((i) => i.weightText)]).toEqual([
      '10',
      '25',
      '15',
      '20',
      '20',
      '10',
    ]);
    // 质量 90% of ≥95%: 90 ÷ 95 = 0.947368… × 15 = 14.2105 → 14.21; the rest met in full.
    // 总分 10 + 25 + 14.21 + 20 + 20 + 10 = 99.21 → 优 (≥ 90).
    expect(scored.indicators[1]?.scoreText).toBe('14.21');
    expect(scored.totalText).toBe('99.21');
    expect(scored.grade).toBe('优');
    expect(codes).toEqual([]);
  });

  it('a typed sum other than 90 is an error, never rescaled', () => {
    const items = structuredClone(ALL_MET);
    items[0]!.items[0]!['weight'] = '30';
    const { scored, codes, findings } = score(national, items);
    // 30 + 15 + 20 + 20 + 10 = 95 ≠ 90: printed as typed, the author fixes them.
    expect(scored.indicators[0]?.weightText).toBe('30');
    expect(codes).toEqual(['error indicator-points-total']);
    expect(findings[0]?.message).toContain('合计为 95');
    expect(findings[0]?.message).toContain('要求合计 90');
  });

  it('some 分值 typed, some not: an error at each untyped one', () => {
    const items = structuredClone(ALL_MET);
    delete items[2]!.items[0]!['weight'];
    delete items[4]!.items[0]!['weight'];
    const { codes, findings } = score(national, items);
    expect(codes).toEqual(['error indicator-points-missing', 'error indicator-points-missing']);
    expect(findings[0]?.message).toContain('“显著”');
  });

  it('none typed: the default split 50/30/10, evenly within a class', () => {
    const { scored } = score(national, [
      g('产出指标', '数量指标', it_('≥10次', '10次'), it_('≥5场', '5场')),
      g('效益指标', '社会效益指标', it_('显著', '已达标')),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
    ]);
    // 产出 50 ÷ 2 = 25 each; 效益 30; 满意度 10.
    expect(scored.indicators.map((i) => i.weightText)).toEqual(['25', '25', '30', '10']);
    expect(scored.totalText).toBe('100');
  });

  it('a pending indicator: blank 得分, blank 总分 and grade, and a warning', () => {
    const items = structuredClone(ALL_MET);
    delete items[4]!.items[0]!['actual'];
    const { scored, codes, findings } = score(national, items);
    expect(scored.indicators[4]?.scoreText).toBeUndefined();
    expect(scored.totalText).toBeUndefined();
    expect(scored.grade).toBeUndefined();
    expect(codes).toEqual(['warning indicator-actual-missing']);
    expect(findings[0]?.message).toContain('得分留空');
  });

  it('a year-only deadline finished late scores the 未达成 band (0%), with a reason asked for', () => {
    const { scored, codes } = score(national, [
      g('产出指标', '时效指标', it_('2019年', '2020年', { weight: '50', deviation: '验收推迟' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标', { weight: '30' })),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%', { weight: '10' })),
    ]);
    // 2020年 is after 2019年: late → not_met band, 0% × 50 = 0. 总分 10 + 0 + 30 + 10 = 50 → 差.
    expect(scored.indicators[0]?.scoreText).toBe('0');
    expect(scored.totalText).toBe('50');
    expect(scored.grade).toBe('差');
    expect(codes).toEqual([]);
  });

  it('a project’s own 分值分配 replaces the set’s (执行率 20, 产出 40), checked to add up to 100', () => {
    const indicators = [
      g('产出指标', '数量指标', it_('≥10次', '10次')),
      g('效益指标', '社会效益指标', it_('显著', '已达标')),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
    ];
    const ok = score(national, indicators, { spent: '90' }, { points: { 预算执行率: '20', 产出指标: '40' } });
    // 执行率 20: 90 ÷ 100 = 90% × 20 = 18; 产出 40, 效益 30 and 满意度 10 (from the set) all met.
    // 18 + 40 + 30 + 10 = 98.
    expect(ok.scored.execution.weightText).toBe('20');
    expect(ok.scored.indicators.map((i) => i.weightText)).toEqual(['40', '30', '10']);
    expect(ok.scored.totalText).toBe('98');
    expect(ok.codes).toEqual([]);
    const bad = score(national, indicators, {}, { points: { 预算执行率: '20' } });
    // 20 + 50 + 30 + 10 = 110 ≠ 100.
    expect(bad.codes).toEqual(['error project-points-mismatch']);
    expect(bad.findings[0]?.message).toContain('= 110');
  });

  it('执行率 below 90% needs a reason', () => {
    const { codes } = score(national, ALL_MET, { spent: '80' });
    expect(codes).toEqual(['warning execution-reason-missing']);
    const given = score(national, ALL_MET, { spent: '80' }, { execution_reason: '项目延期至次年' });
    expect(given.codes).toEqual([]);
  });

  it('an actual at 120% of its target is flagged for review', () => {
    const { codes } = score(national, [
      g('产出指标', '数量指标', it_('≥100人', '120人', { weight: '50' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标', { weight: '30' })),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '107%', { weight: '10' })),
    ]);
    // 120 ≥ 1.2 × 100: flagged; 107 < 1.2 × 90 = 108: not.
    expect(codes).toEqual(['warning indicator-over-achievement']);
  });

  it('等于 with a target of 0: actual 0 full, actual 1 nothing; =8个 at 10个 is full as 正向', () => {
    const { scored } = score(national, [
      g('产出指标', '质量指标', it_('=0起', '0起', { weight: '20' }), it_('=0起', '1起', { weight: '20' })),
      g('产出指标', '数量指标', it_('=8个', '10个', { weight: '10', deviation: '需求增加' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标', { weight: '30' })),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%', { weight: '10' })),
    ]);
    // positive: target 0, actual 0 ≤ 0 → 20; actual 1 > 0 → 0; 10 ÷ 8 capped at 1 → 10.
    expect(scored.indicators.slice(0, 3).map((i) => i.scoreText)).toEqual(['20', '0', '10']);
  });

  it('不适用 emptying a class (class scope): the rest scaled up to 100', () => {
    const { scored } = score(national, [
      g('产出指标', '数量指标', it_('≥10次', '10次', { weight: '25' }), it_('≥5场', '5场', { weight: '15' })),
      g('效益指标', '社会效益指标', it_('不适用', '不适用', { weight: '40' })),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%', { weight: '10' })),
    ]);
    // 效益 40 dropped: scale 100 ÷ 60. 执行率 10 → 16.667, 25 → 41.667, 15 → 25, 10 → 16.667; rounded
    // 16.67 + 41.67 + 25 + 16.67 = 100.01, the last gives back the slip (16.67 → 16.66): sum 100.
    expect(scored.droppedClasses).toEqual(['效益指标']);
    expect([scored.execution.weightText, ...scored.indicators.map((i) => i.weightText)]).toEqual([
      '16.67',
      '41.67',
      '25',
      undefined,
      '16.66',
    ]);
    expect(scored.totalText).toBe('100');
  });
});

describe('execution rate: exact or rounded first', () => {
  // 157 ÷ 283 = 0.5547703…
  const money = { budget: '283', spent: '157' };
  it('exact (national): 10 × 0.55477 = 5.5477 → 5.55', () => {
    const { scored } = score(national, ALL_MET, money, { execution_reason: '项目延期' });
    expect(scored.execution.scoreText).toBe('5.55');
  });
  it('rounded first at 0 decimals (a project’s own rule file): prints 55%, 10 × 55% = 5.5', () => {
    const { set, findings } = variant('national', (t) =>
      t.replace('rate: exact ', 'rate: rounded').replace('decimals: 2 ', 'decimals: 0 '),
    );
    expect(findings).toEqual([]);
    const { scored } = score(set!, ALL_MET, money, { execution_reason: '项目延期' });
    expect(scored.execution.rateDecimals).toBe(0);
    expect(scored.execution.scoredRate?.toFixed()).toBe('0.55');
    expect(scored.execution.scoreText).toBe('5.5');
  });
});

describe('other-province: 执行率 20 outside 总分, linear 反向, bands 80/50, 不适用 over the table', () => {
  const items = [
    g('产出指标', '成本指标', it_('≤80万元', '100万元', { deviation: '材料涨价' })),
    g('效益指标', '社会效益指标', it_('显著', '已达标')),
    g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
  ];
  it('总分 is the indicators only', () => {
    const { scored } = score(other, items, { spent: '90' });
    // 执行率 90% (rounded at 1 decimal: 90.0%) × 20 = 18, printed but not in 总分.
    // 产出 50: linear, 100 over 80: 1 − (100 − 80) ÷ 80 = 0.75 × 50 = 37.5; 效益 30; 满意度 20.
    // 总分 37.5 + 30 + 20 = 87.5 → 良 (with 执行率 it would be 105.5).
    expect(scored.execution.scoreText).toBe('18');
    expect(scored.indicators.map((i) => i.scoreText)).toEqual(['37.5', '30', '20']);
    expect(scored.totalText).toBe('87.5');
    expect(scored.grade).toBe('良');
  });
  it('the same project under shenzhen: 执行率 in 总分, inverse formula', () => {
    const { scored } = score(shenzhen, items, { spent: '90' });
    // 9 + 80 ÷ 100 × 50 = 40 + 30 + 10 = 89 → 良.
    expect(scored.totalText).toBe('89');
  });
  it('linear at exactly 2 × target scores 0', () => {
    const twice = structuredClone(items);
    twice[0]!.items[0]!['actual'] = '160万元';
    const { scored } = score(other, twice);
    expect(scored.indicators[0]?.scoreText).toBe('0');
  });
  it('不适用 emptying a class (table scope): everything counted scaled up to 100', () => {
    const { scored } = score(other, [
      g('产出指标', '数量指标', it_('≥10次', '10次'), it_('不适用', '不适用')),
      g('效益指标', '社会效益指标', it_('不适用')),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
    ]);
    // Nominal 产出 25 + 25, 效益 30, 满意度 20. Dropped: 25 + 30 = 55 of 100; scale 100 ÷ 45.
    // 25 → 55.556, 20 → 44.444 → 55.56 + 44.44 = 100. 执行率 20 not scaled (outside 总分).
    expect(scored.droppedClasses).toEqual(['效益指标']);
    expect(scored.execution.weightText).toBe('20');
    expect(scored.indicators.map((i) => i.weightText)).toEqual(['55.56', undefined, undefined, '44.44']);
    expect(scored.totalText).toBe('100');
  });
  it('a year-only deadline finished late scores the 部分达成 band (65%)', () => {
    const { scored } = score(other, [
      g('产出指标', '时效指标', it_('2019年', '2020年', { deviation: '验收推迟' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标')),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
    ]);
    // 65% × 50 = 32.5.
    expect(scored.indicators[0]?.scoreText).toBe('32.5');
  });
});

describe('sichuan: 90 free, no grade, reasons of 100 字', () => {
  it('50 + 40 typed, no grade printed', () => {
    const { scored, codes } = score(sichuan, [
      g('产出指标', '数量指标', it_('≥10次', '8次', { weight: '50', deviation: '疫情停办两次' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标', { weight: '40' })),
    ]);
    // 8 ÷ 10 × 50 = 40; 40 met; 执行率 10. 合计 10 + 40 + 40 = 90; no grade.
    // No 满意度指标 typed: the author's 90 is free among the indicators, nothing is missing.
    expect(scored.indicators.map((i) => i.weightText)).toEqual(['50', '40']);
    expect(scored.totalText).toBe('90');
    expect(scored.graded).toBe(false);
    expect(scored.grade).toBeUndefined();
    expect(codes).toEqual([]);
  });
  it('a reason over 100 字 and a score below 分值 without one', () => {
    const { codes } = score(sichuan, [
      g('产出指标', '数量指标', it_('≥10次', '8次', { weight: '50', deviation: '字'.repeat(101) })),
      g('效益指标', '社会效益指标', it_('显著', '基本完成', { weight: '40' })),
    ]);
    // 基本完成 → 部分达成 70% × 40 = 28 < 40, no reason written.
    expect(codes).toEqual(['warning reason-too-long', 'warning indicator-below-points-no-reason']);
  });
});

describe('shenzhen: today’s scores', () => {
  it('typed 分值 that do not add up to a class total are rescaled, and it says so', () => {
    const { scored, codes, findings } = score(shenzhen, [
      g('产出指标', '数量指标', it_('≥10次', '10次', { weight: '30' }), it_('≥5场', '5场', { weight: '30' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标')),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
    ]);
    // 30 + 30 = 60 of 产出's 50: 25 + 25.
    expect(scored.indicators.map((i) => i.weightText)).toEqual(['25', '25', '30', '10']);
    expect(codes).toEqual(['warning indicator-points-rescaled']);
    expect(findings[0]?.message).toContain('60');
  });
  it('等于 symmetric: =8个 at 10个 scores 8 ÷ 10', () => {
    const { scored } = score(shenzhen, [
      g('产出指标', '数量指标', it_('=8个', '10个', { deviation: '需求增加' })),
      g('效益指标', '社会效益指标', it_('显著', '已达标')),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%')),
    ]);
    // 8 ÷ 10 = 0.8 × 50 = 40.
    expect(scored.indicators[0]?.scoreText).toBe('40');
  });
});

describe('judged scores inside their band', () => {
  const judged = (set: typeof national, scoreText: string, weight?: string) =>
    score(set, [
      g(
        '产出指标',
        '数量指标',
        it_('显著', '基本完成', {
          ...(weight ? { weight } : {}),
          score: scoreText,
          score_reason: '评审认定',
        }),
      ),
      g('效益指标', '社会效益指标', it_('显著', '已达标', weight ? { weight: '30' } : {})),
      g('满意度指标', '服务对象满意度指标', it_('≥90%', '95%', weight ? { weight: '10' } : {})),
    ]);
  it('exactly 80% of 分值 is inside shenzhen’s closed 60–80% band', () => {
    // 产出 50: 80% = 40.
    expect(judged(shenzhen, '40').codes).toEqual([]);
    expect(judged(shenzhen, '40.5').codes).toEqual(['error score-outside-band']);
  });
  it('exactly 80% is outside national’s 60–80% band (80 open): an error', () => {
    const { codes, findings } = judged(national, '40', '50');
    expect(codes).toEqual(['error score-outside-band']);
    expect(findings[0]?.message).toContain('部分达成');
    expect(findings[0]?.message).toContain('30 到 40');
    // 30 (60%) is inside; its 评分说明 is the reason a score below 分值 needs.
    expect(judged(national, '30', '50').codes).toEqual([]);
  });
});

describe('rule set files', () => {
  it('every shipped set cites its source and loads cleanly', () => {
    for (const id of ['national', 'sichuan', 'shenzhen', 'other-province']) {
      const text = readFileSync(path.join(RULES, `${id}.yaml`), 'utf8');
      expect(text).toContain('# 来源：');
      expect(shippedRules(id).id).toBe(id);
    }
  });
  it('a default score outside its band, at its line', () => {
    const { set, text, findings } = variant('national', (t) =>
      t.replace('gte: 60%, lt: 80%, score: 70%', 'gte: 60%, lt: 80%, score: 80%'),
    );
    expect(findings.map((f) => f.code)).toEqual(['rule-set-band-score']);
    expect(findings[0]?.at?.line).toBe(lineOf(text, 'partly_met'));
    expect(set?.usable).toBe(false);
  });
  it('bands leaving a gap or overlapping', () => {
    const gap = variant('national', (t) =>
      t.replace('gte: 60%, lt: 80%, score: 70%', 'gte: 65%, lt: 80%, score: 70%'),
    );
    expect(gap.findings.map((f) => f.code)).toEqual(['rule-set-band-coverage']);
    expect(gap.findings[0]?.message).toContain('空缺');
    // At the bands (the list under qualitative:).
    expect(gap.findings[0]?.at?.line).toBe(lineOf(gap.text, 'qualitative:') + 1);
    const overlap = variant('national', (t) => t.replace('gte: 60%, lt: 80%', 'gte: 60%, lte: 80%'));
    expect(overlap.findings[0]?.message).toContain('重叠');
  });
  it('class totals + 执行率 ≠ total, at the total line', () => {
    const { text, findings } = variant('shenzhen', (t) => t.replace('效益指标: 30', '效益指标: 35'));
    expect(findings.map((f) => f.code)).toEqual(['rule-set-total-mismatch']);
    expect(findings[0]?.message).toContain('= 105');
    expect(findings[0]?.at?.line).toBe(lineOf(text, 'total: 100'));
  });
  it('an unknown key, with a did-you-mean, at its line', () => {
    const { text, findings } = variant('national', (t) => t.replace('in_total: true', 'in_totl: true'));
    expect(findings.map((f) => f.code)).toEqual(['rule-set-unknown-key']);
    expect(findings[0]?.message).toContain('是否应为“in_total”');
    expect(findings[0]?.at?.line).toBe(lineOf(text, 'in_totl'));
  });
});
