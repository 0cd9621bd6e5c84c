import type { CheckContext } from '../compute/context.js';
import type { ComputedIndicator } from '../compute/indicators.js';
import type { ComputedProject } from '../compute/projects.js';
import { type Decimal, dec, roundToTotal, sum, ZERO } from '../money/decimal.js';
import type { Framework } from './framework.js';
import { roundScore, scoreText } from './unit.js';

/**
 * Per-project scores under a project framework (frameworks/national-project.yaml): 预算执行率 plus the
 * indicators of each class, 不适用 dropped and the rest rescaled, graded 优/良/中/差.
 */

export type IndicatorBasis =
  /** Quantities compared: 实际 ÷ 目标 (positive) or 目标 ÷ 实际 (negative) × 分值, capped. */
  | 'ratio'
  /** A date target met or missed, or a qualitative one, scored by the framework's bands. */
  | 'band'
  /** No 完成值 written yet: 0. */
  | 'pending';

export interface ProjectIndicatorScore {
  level1: string;
  level2: string;
  name: string | undefined;
  /** 年度指标值 and 完成值 as the author wrote them. */
  target: string;
  actual: string | undefined;
  applicable: boolean;
  /** The indicator's share of the total after 不适用 ones are dropped (exact); undefined when dropped. */
  weight: Decimal | undefined;
  /** The weight as printed, half-up to 2 decimals. */
  weightText: string | undefined;
  basis: IndicatorBasis | undefined;
  /** The rule's score, rounded half-up to 2 decimals. */
  computed: Decimal | undefined;
  /** The score that counts (the author's 得分 when given), rounded. */
  score: Decimal | undefined;
  scoreText: string | undefined;
  override: { computed: Decimal | undefined; reason: string | undefined } | undefined;
  /** 偏差: 完成值 − 指标值 in the target's unit ("-2%"), for quantitative indicators. */
  deviation: string | undefined;
  /** 偏差原因分析及改进措施 as the author wrote it. */
  deviationReason: string | undefined;
  /** Why the indicator scored what it did, in Chinese (from the attainment check). */
  reason: string | undefined;
}

export interface GradedProject {
  name: string;
  execution: {
    rate: Decimal | undefined;
    weight: Decimal;
    weightText: string;
    score: Decimal | undefined;
    scoreText: string | undefined;
  };
  indicators: ProjectIndicatorScore[];
  /** Classes (一级指标) with no applicable indicator: dropped, the rest scaled up to the total. */
  droppedClasses: string[];
  /** Sum of the rounded scores. */
  total: Decimal;
  totalText: string;
  grade: string | undefined;
}

const ONE = dec(1);
const min1 = (x: Decimal) => (x.gt(ONE) ? ONE : x);

function scoreIndicator(
  ci: ComputedIndicator,
  weight: Decimal,
  bands: NonNullable<Framework['qualitative']>,
): { basis: IndicatorBasis; score: Decimal; deviation: string | undefined } {
  const a = ci.attainment;
  if (a.status === 'pending') return { basis: 'pending', score: ZERO, deviation: undefined };
  const c = a.comparison;
  if (c) {
    const target = dec(c.target);
    const actual = dec(c.actual);
    const deviation = `${actual.minus(target).toFixed()}${c.unit}`;
    if (a.status === 'met') return { basis: 'ratio', score: weight, deviation };
    let ratio: Decimal;
    if (c.comparator === '>=' || c.comparator === '>') ratio = target.eq(0) ? ONE : actual.div(target);
    else if (c.comparator === '<=' || c.comparator === '<') ratio = actual.eq(0) ? ONE : target.div(actual);
    else
      ratio =
        target.eq(0) || actual.eq(0) ? ZERO : actual.lt(target) ? actual.div(target) : target.div(actual);
    return { basis: 'ratio', score: min1(ratio).times(weight), deviation };
  }
  // Dates and words: banded. A worded result the words do not judge counts as met (the author's own
  // word; an author who disagrees writes 得分 and 评分说明).
  const verdict =
    a.status === 'met' ? 'met' : a.status === 'not-met' ? 'not-met' : (a.authorVerdict ?? 'met');
  const share = verdict === 'met' ? bands.met : verdict === 'partly-met' ? bands.partlyMet : bands.notMet;
  return { basis: 'band', score: min1(share).times(weight), deviation: undefined };
}

/**
 * Scores one project under a project framework. Each class's points are split over its applicable
 * indicators (by their 分值 when every one has it, evenly otherwise); a class with none is dropped and
 * the remaining points scaled up to the framework's total — unless every class is dropped: a project
 * with no indicator to score keeps 预算执行率 at its own points, it does not score the total on its rate
 * alone. Scores are rounded half-up to 2 decimals and the total is their sum. The author's 得分 counts
 * when it lies within 0 … 分值; problems go to `ctx` at the project's lines.
 */
export function scoreProject(
  project: ComputedProject,
  framework: Framework,
  ctx?: CheckContext,
): GradedProject {
  const bands = framework.qualitative ?? { met: ONE, partlyMet: dec('0.8'), notMet: ZERO };
  const executionLeaf = framework.leaves.find((l) => l.rule?.kind === 'execution');
  const classLeaves = framework.leaves.flatMap((l) =>
    l.rule?.kind === 'indicators' ? [{ leaf: l, cls: l.rule.class }] : [],
  );

  // Nominal weights within each class, 不适用 dropped.
  const perClass = classLeaves.map(({ leaf, cls }) => {
    const items = project.indicators.filter((g) => g.level1 === cls).flatMap((g) => g.items);
    const applicable = items.filter((i) => i.attainment.status !== 'not-applicable');
    const own = applicable.every((i) => i.source.weight !== undefined) && applicable.length > 0;
    const raw = applicable.map((i) => (own ? dec(i.source.weight!) : ONE));
    const rawSum = sum(raw);
    const weights = new Map<ComputedIndicator, Decimal>();
    applicable.forEach((i, k) => {
      weights.set(i, rawSum.eq(0) ? ZERO : raw[k]!.times(leaf.weight).div(rawSum));
    });
    return { cls, leaf, items, weights, dropped: applicable.length === 0 };
  });
  const droppedWeight = sum(perClass.filter((c) => c.dropped).map((c) => c.leaf.weight));
  const kept = framework.total.minus(droppedWeight);
  const nothingToScore = perClass.length > 0 && perClass.every((c) => c.dropped);
  const scale = kept.eq(0) || nothingToScore ? ONE : framework.total.div(kept);

  // Every 分值 printed at 2 decimals, adding up to exactly the framework's total: 50 over three
  // indicators is 16.67 + 16.67 + 16.66, so a project that meets every target scores 100, not 100.01.
  const applicableInOrder = perClass.flatMap((c) =>
    project.indicators
      .filter((g) => g.level1 === c.cls)
      .flatMap((g) => g.items)
      .flatMap((ci) => {
        const nominal = c.weights.get(ci);
        return nominal === undefined ? [] : [{ ci, exact: nominal.times(scale) }];
      }),
  );
  const [execRounded, ...indicatorRounded] = roundToTotal(
    [(executionLeaf?.weight ?? ZERO).times(scale), ...applicableInOrder.map((a) => a.exact)],
    2,
  );
  const printedWeight = new Map(applicableInOrder.map((a, k) => [a.ci, indicatorRounded[k]!]));
  const execWeight = execRounded!;
  const rate = project.executionRate;
  const execScore =
    executionLeaf && rate !== undefined ? roundScore(min1(rate).times(execWeight)) : undefined;
  const projectPath = ['projects', project.index] as const;
  const projectName = project.source.name;
  if (nothingToScore) {
    ctx?.findings.warning(
      'project-no-indicators',
      `项目“${projectName}”没有可计分的绩效指标（${perClass.map((c) => c.cls).join('、')}都没有填写或均为不适用），只计预算执行率 ${scoreText(execWeight)} 分，总分最高 ${scoreText(execWeight)} 分；请填写项目的绩效指标及完成值`,
      ctx.at([...projectPath, 'indicators']),
      { field: '绩效指标' },
    );
  }

  const indicators: ProjectIndicatorScore[] = [];
  for (const c of perClass) {
    for (const group of project.indicators.filter((g) => g.level1 === c.cls)) {
      for (const ci of group.items) {
        const weight = printedWeight.get(ci);
        const base = {
          level1: group.level1,
          level2: group.level2,
          name: ci.source.name,
          target: ci.source.target,
          actual: ci.source.actual,
          deviationReason: ci.source.deviation,
          reason: ci.attainment.reason,
        };
        if (weight === undefined) {
          indicators.push({
            ...base,
            applicable: false,
            weight: undefined,
            weightText: undefined,
            basis: undefined,
            computed: undefined,
            score: undefined,
            scoreText: undefined,
            override: undefined,
            deviation: undefined,
          });
          continue;
        }
        const r = scoreIndicator(ci, weight, bands);
        const computed = roundScore(r.score);
        const itemPath = [
          ...projectPath,
          'indicators',
          project.indicators.indexOf(group),
          'items',
          group.items.indexOf(ci),
        ];
        const owner = `项目“${projectName}”的${ci.source.name ? `指标“${ci.source.name}”` : `${group.level2}“${ci.source.target}”`}`;
        if (r.basis === 'pending') {
          ctx?.findings.warning(
            'indicator-actual-missing',
            `${owner}没有填写完成值（actual），得分按 0 计（分值 ${scoreText(weight)}）；请填写实际完成值`,
            ctx.at(itemPath),
            { field: '完成值', expected: ci.source.target },
          );
        }
        const given = judgedScore(ci, weight, computed, owner, itemPath, ctx);
        indicators.push({
          ...base,
          applicable: true,
          weight,
          weightText: scoreText(weight),
          basis: r.basis,
          computed,
          score: given ?? computed,
          scoreText: (given ?? computed).toFixed(),
          override: given === undefined ? undefined : { computed, reason: ci.source.score_reason },
          deviation: r.deviation,
        });
      }
    }
  }
  const total = sum([
    ...(execScore ? [execScore] : []),
    ...indicators.flatMap((i) => (i.score ? [i.score] : [])),
  ]);
  return {
    name: project.source.name,
    execution: {
      rate,
      weight: execWeight,
      weightText: scoreText(execWeight),
      score: execScore,
      scoreText: execScore?.toFixed(),
    },
    indicators,
    droppedClasses: perClass.filter((c) => c.dropped).map((c) => c.cls),
    total,
    totalText: total.toFixed(),
    grade: gradeOf(total, framework),
  };
}

/**
 * The author's 得分 for an indicator, when it counts: within 0 … 分值 (a score above the points would lift
 * the total past the framework's), and with its 评分说明 — an override keeps the computed value visible
 * and needs a reason. One above 分值 is refused and the computed score counts.
 */
function judgedScore(
  ci: ComputedIndicator,
  weight: Decimal,
  computed: Decimal,
  owner: string,
  itemPath: readonly PropertyKey[],
  ctx: CheckContext | undefined,
): Decimal | undefined {
  if (ci.source.score === undefined) return undefined;
  const given = roundScore(dec(ci.source.score));
  const at = ctx?.at([...itemPath, 'score']);
  if (given.gt(weight)) {
    ctx?.findings.error(
      'score-above-weight',
      `${owner}得分 ${given.toFixed()} 高于其分值 ${scoreText(weight)}：得分应在 0 到 ${scoreText(weight)} 之间（计算得分 ${computed.toFixed()}）`,
      at,
      { field: '得分', expected: `0–${scoreText(weight)}`, found: given.toFixed() },
    );
    return undefined;
  }
  if (ci.source.score_reason === undefined) {
    ctx?.findings.error(
      'override-without-reason',
      `${owner}得分 ${given.toFixed()} 覆盖了计算得分 ${computed.toFixed()}，须填写评分说明（score_reason）`,
      at,
      { field: '评分说明', expected: computed.toFixed(), found: given.toFixed() },
    );
  }
  return given;
}

/** The grade whose band holds the total (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60 in the national rule). */
export function gradeOf(total: Decimal, framework: Framework): string | undefined {
  return framework.grades.find(
    (g) => (g.gte === undefined || total.gte(g.gte)) && (g.lt === undefined || total.lt(g.lt)),
  )?.grade;
}
