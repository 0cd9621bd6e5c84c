import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../src/compute/context.js';
import { computeProject } from '../../src/compute/projects.js';
import { Findings } from '../../src/diagnostics/finding.js';
import { Project } from '../../src/model/projects.js';
import { dec } from '../../src/money/decimal.js';
import { gradeOf, scoreProject } from '../../src/scoring/project.js';
import { shippedRules } from './helpers.js';

/** Today's rule (the seeds' practice, rules/shenzhen.yaml): classes 50/30/10, bands 100/80/0, 优良中差. */
const national = shippedRules('shenzhen');
const ctx: CheckContext = { findings: new Findings(), at: () => undefined };

function project(spent: string, indicators: unknown[]) {
  const p = Project.parse({
    name: '测试项目',
    budget: '100',
    spending: { general_budget: spent },
    indicators,
  });
  return computeProject(p, 0, 1, ctx);
}

const group = (level1: string, level2: string, items: Array<[string, string]>) => ({
  level1,
  level2,
  items: items.map(([target, actual]) => ({ target, actual })),
});

describe('national project rule', () => {
  it('ratios at 90%, exactly 100%, a cost above plan, a band, 不适用 dropped', () => {
    const scored = scoreProject(
      project('90', [
        group('产出指标', '数量指标', [
          ['≥100人', '90人'],
          ['≥95%', '95%'],
        ]),
        group('产出指标', '成本指标', [['≤80万元', '100万元']]),
        group('效益指标', '社会效益指标', [['显著', '基本完成']]),
        group('效益指标', '经济效益指标', [['不适用', '不适用']]),
        group('满意度指标', '服务对象满意度指标', [['≥90%', '120%']]),
      ]),
      national,
    );
    // 预算执行率: 90 ÷ 100 = 0.9 × 10 = 9
    expect(scored.execution.scoreText).toBe('9');
    const byTarget = Object.fromEntries(scored.indicators.map((i) => [i.target, i]));
    // 产出 50 over 3 indicators: 分值 16.67 + 16.67 + 16.66 (the last takes the rounding slip, so 分值 add to 100).
    // ≥100人, actual 90人: 90 ÷ 100 = 0.9 × 16.67 = 15.003 → 15
    expect(byTarget['≥100人']?.scoreText).toBe('15');
    expect(byTarget['≥100人']?.deviation).toBe('-10人');
    // ≥95%, actual exactly 95%: met → 16.67
    expect(byTarget['≥95%']?.scoreText).toBe('16.67');
    // ≤80万元 (negative), actual 100万元: 80 ÷ 100 = 0.8 × 16.66 = 13.328 → 13.33
    expect(byTarget['≤80万元']?.scoreText).toBe('13.33');
    // 效益 30: 经济效益 不适用 dropped, 社会效益 takes all 30; 基本完成 → 80% band: 0.8 × 30 = 24
    expect(byTarget['显著']?.weightText).toBe('30');
    expect(byTarget['显著']?.scoreText).toBe('24');
    expect(byTarget['不适用']?.applicable).toBe(false);
    // 满意度 10, actual 120% above the ≥90% target: capped at 10
    expect(byTarget['≥90%']?.scoreText).toBe('10');
    // 9 + 15 + 16.67 + 13.33 + 24 + 10 = 88 → 良 (80 ≤ 88 < 90)
    expect(scored.totalText).toBe('88');
    expect(scored.grade).toBe('良');
  });

  it('prints 分值 that add up to 100, so a project meeting every target scores exactly 100', () => {
    const scored = scoreProject(
      project('100', [
        group('产出指标', '数量指标', [['≥60家', '60家']]),
        group('产出指标', '质量指标', [['≥87%', '87%']]),
        group('产出指标', '时效指标', [['100%', '100%']]),
        group('效益指标', '社会效益指标', [['显著', '已达标']]),
        group('满意度指标', '服务对象满意度指标', [['100%', '100%']]),
      ]),
      national,
    );
    // 产出 50 over three: 16.67 + 16.67 + 16.66 = 50; with 10 + 30 + 10 the 分值 add to exactly 100.
    expect(scored.indicators.map((i) => i.weightText)).toEqual(['16.67', '16.67', '16.66', '30', '10']);
    // Every target met: 10 + 16.67 + 16.67 + 16.66 + 30 + 10 = 100 (not 100.01 from three rounded thirds).
    expect(scored.totalText).toBe('100');
  });

  it('a class with no applicable indicator is dropped and the rest scaled to 100', () => {
    const scored = scoreProject(
      project('100', [
        group('产出指标', '数量指标', [['≥10次', '10次']]),
        group('效益指标', '社会效益指标', [['不适用', '不适用']]),
        group('满意度指标', '服务对象满意度指标', [['≥90%', '85%']]),
      ]),
      national,
    );
    expect(scored.droppedClasses).toEqual(['效益指标']);
    // scale 100 ÷ (100 − 30) = 1.428571…: 预算执行率 10 → 14.29; 产出 50 → 71.43; 满意度 10 → 14.29
    // 分值 14.29 + 71.43 + 14.28 = 100 (14.2857 rounds up twice; the last gives back the slip).
    // 预算执行率 100% → 14.29; 10次 met → 71.43; 85 ÷ 90 = 0.944444 × 14.28 = 13.487 → 13.49
    expect(scored.execution.scoreText).toBe('14.29');
    expect(scored.indicators.map((i) => i.scoreText)).toEqual(['71.43', undefined, '13.49']);
    // 14.29 + 71.43 + 13.49 = 99.21 → 优
    expect(scored.totalText).toBe('99.21');
    expect(scored.grade).toBe('优');
  });

  it('an author’s score overrides, keeping the computed value and the reason', () => {
    const p = Project.parse({
      name: '测试项目',
      budget: '100',
      spending: { general_budget: '100' },
      indicators: [
        {
          level1: '产出指标',
          level2: '数量指标',
          items: [{ target: '≥100人', actual: '50人', score: '40', score_reason: '受疫情影响，经批准调减' }],
        },
      ],
    });
    const scored = scoreProject(computeProject(p, 0, 1, ctx), national);
    const i = scored.indicators[0]!;
    // 效益 and 满意度 have no indicators: dropped, scale 100 ÷ (100 − 30 − 10) = 1.6667, so 产出 is worth
    // 50 × 1.6667 = 83.3333; computed: 50 ÷ 100 = 0.5 × 83.3333 = 41.67; the author's 40 counts
    expect(i.computed?.toFixed()).toBe('41.67');
    expect(i.scoreText).toBe('40');
    expect(i.override?.reason).toBe('受疫情影响，经批准调减');
  });

  it('a project with no indicators scores 预算执行率 at its own 10 points, not 100 on the rate alone', () => {
    const findings = new Findings();
    const scored = scoreProject(project('93', []), national, { findings, at: () => undefined });
    // Every class dropped: nothing to scale up to 100. 93 ÷ 100 = 0.93 × 10 = 9.3 → 总分 9.3, 差 (< 60);
    // scaled as before it was 0.93 × 100 = 93 → 优.
    expect(scored.execution.weightText).toBe('10');
    expect(scored.totalText).toBe('9.3');
    expect(scored.grade).toBe('差');
    expect(findings.items.map((f) => f.code)).toEqual(['project-no-indicators']);
  });

  it('an indicator with no 完成值 scores 0 and says so', () => {
    const findings = new Findings();
    const scored = scoreProject(
      project('100', [
        group('产出指标', '数量指标', [['≥10次', '10次']]),
        { level1: '满意度指标', level2: '服务对象满意度指标', items: [{ name: '满意度', target: '≥95%' }] },
      ]),
      national,
      { findings, at: () => undefined },
    );
    // 效益 dropped: scale 100 ÷ 70; 满意度 10 → 14.29 (rounded last: 100 − 14.29 − 71.43 = 14.28), scored 0.
    expect(scored.indicators[1]?.weightText).toBe('14.28');
    expect(scored.indicators[1]?.scoreText).toBe('0');
    expect(findings.items.map((f) => f.code)).toEqual(['project-class-missing', 'indicator-actual-missing']);
    expect(findings.items[1]).toMatchObject({ severity: 'warning', code: 'indicator-actual-missing' });
    expect(findings.items[1]?.message).toContain('满意度');
    expect(findings.items[1]?.message).toContain('按 0 计');
  });

  it('a 得分 above the 分值 is refused; one without 评分说明 is an error', () => {
    const p = Project.parse({
      name: '测试项目',
      budget: '100',
      spending: { general_budget: '100' },
      indicators: [
        {
          level1: '产出指标',
          level2: '数量指标',
          items: [
            { target: '≥100人', actual: '100人' },
            { target: '≥10次', actual: '10次' },
            { target: '≥5场', actual: '5场', score: '99', score_reason: '工作突出' },
          ],
        },
        {
          level1: '效益指标',
          level2: '社会效益指标',
          items: [{ target: '显著', actual: '已达标', score: '25' }],
        },
        { level1: '满意度指标', level2: '服务对象满意度指标', items: [{ target: '≥95%', actual: '96%' }] },
      ],
    });
    const findings = new Findings();
    const scored = scoreProject(computeProject(p, 0, 1, ctx), national, { findings, at: () => undefined });
    // 分值 10 | 16.67 + 16.67 + 16.66 | 30 | 10. 99 on the 16.66-point indicator is refused and its computed
    // 16.66 counts; the 25 without a reason counts (and is an error): 10 + 16.67 + 16.67 + 16.66 + 25 + 10 = 95
    // (accepted, 99 would have made 10 + 16.67 + 16.67 + 99 + 25 + 10 = 177.34).
    expect(scored.indicators.map((i) => i.weightText)).toEqual(['16.67', '16.67', '16.66', '30', '10']);
    expect(scored.indicators[2]?.scoreText).toBe('16.66');
    expect(scored.totalText).toBe('95');
    expect(findings.items.map((f) => `${f.severity} ${f.code}`)).toEqual([
      'error score-above-weight',
      'error override-without-reason',
    ]);
    expect(findings.items[0]?.message).toContain('得分 99 高于其分值 16.66');
  });

  it('a year-only deadline met late scores by the rule’s date band, not full marks', () => {
    const scored = scoreProject(
      project('100', [
        group('产出指标', '时效指标', [['2019年', '2020年']]),
        group('效益指标', '社会效益指标', [['显著', '已达标']]),
        group('满意度指标', '服务对象满意度指标', [['≥95%', '96%']]),
      ]),
      national,
    );
    // Late: the national rule's 未达成 band is 0% of 分值 50 → 0 (read as words before, it scored 50).
    // 10 + 0 + 30 + 10 = 50 → 差 (< 60).
    expect(scored.indicators[0]?.basis).toBe('band');
    expect(scored.indicators[0]?.scoreText).toBe('0');
    expect(scored.totalText).toBe('50');
    expect(scored.grade).toBe('差');
  });

  it('grades at their bounds: 优 ≥ 90, 良 80–89, 中 60–79, 差 < 60', () => {
    const g = (v: string) => gradeOf(dec(v), national);
    expect([g('100'), g('90'), g('89.99'), g('80'), g('79.99'), g('60'), g('59.99'), g('0')]).toEqual([
      '优',
      '优',
      '良',
      '良',
      '中',
      '中',
      '差',
      '差',
    ]);
  });
});
