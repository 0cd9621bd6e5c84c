import Big from 'big.js';
import type { CheckContext } from '../compute/context.js';
import type { IndicatorColumns } from '../compute/indicator-fields.js';
import type { ComputedIndicator } from '../compute/indicators.js';
import type { ComputedProject } from '../compute/projects.js';
import { LEVEL1_CLASSES, type Level1Class } from '../model/indicators.js';
import { type Decimal, dec, percentText, roundToTotal, sum, ZERO } from '../money/decimal.js';
import { inBounds, type RuleSet, type RuleSetBand, type Verdict } from './rule-set.js';
import { TEXT_LIMIT_FIELDS, type TextLimitField } from './rule-set-schema.js';

/**
 * Per-project scores under a rule set (rules/<id>.yaml): 预算执行率 plus the indicators of each class, 分值
 * as the set says (class totals or the author's as typed), 不适用 dropped, formulas, bands and grades from
 * the set. Problems go to `ctx` at the project's lines.
 */

export type IndicatorBasis =
  /** Quantities compared by the set's formula for the comparator, capped at 分值. */
  | 'ratio'
  /** A date target met or missed, or a qualitative one, scored by the set's bands. */
  | 'band'
  /** No 完成值 written yet: blank (or 0 where the set says so). */
  | 'pending';

export interface ProjectIndicatorScore {
  level1: string;
  level2: string;
  name: string | undefined;
  /** 年度指标值 and 完成值 as the author wrote them. */
  target: string;
  actual: string | undefined;
  applicable: boolean;
  /** The indicator's 分值 as printed (rounded to the set's decimals); undefined when dropped. */
  weight: Decimal | undefined;
  weightText: string | undefined;
  basis: IndicatorBasis | undefined;
  /** The rule's score, rounded; undefined while pending under `pending: blank`. */
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
  /** The indicator's printed columns (指标性质, 度量单位 …), for forms that print them beside the score. */
  columns: IndicatorColumns;
}

export interface GradedProject {
  name: string;
  /** The rule set's id. */
  ruleSet: string;
  execution: {
    rate: Decimal | undefined;
    /** Decimals the rate prints at (the set's, else the unit's rate_decimals). */
    rateDecimals: number;
    /** The rate the score is taken from: exact, or rounded to the printed precision first. */
    scoredRate: Decimal | undefined;
    inTotal: boolean;
    weight: Decimal;
    weightText: string;
    score: Decimal | undefined;
    scoreText: string | undefined;
  };
  indicators: ProjectIndicatorScore[];
  /** Classes (一级指标) with no applicable indicator: dropped, the rest scaled up to the total. */
  droppedClasses: string[];
  /** The 总分 cell's 分值: the set's total. */
  totalPointsText: string;
  /** Sum of the rounded scores that count in 总分; undefined while an indicator is pending. */
  total: Decimal | undefined;
  totalText: string | undefined;
  /** Undefined when the set prints no grade or the total is blank. */
  grade: string | undefined;
  /** Whether the set grades at all (false: the form's 自评等级 cell stays blank). */
  graded: boolean;
  scoreDecimals: number;
}

const ONE = dec(1);
const TWO = dec(2);
const clamp01 = (x: Decimal) => (x.gt(ONE) ? ONE : x.lt(ZERO) ? ZERO : x);
const round = (v: Decimal, dp: number) => v.round(dp, Big.roundHalfUp);
const shown = (v: Decimal) => v.toFixed();

/** The share of 分值 a quantity earns under the set's formulas (met → 1). */
function quantityShare(c: NonNullable<ComputedIndicator['attainment']['comparison']>, set: RuleSet): Decimal {
  const target = dec(c.target);
  const actual = dec(c.actual);
  if (c.comparator === '>=' || c.comparator === '>') return target.lte(0) ? ONE : actual.div(target);
  if (c.comparator === '<=' || c.comparator === '<') {
    if (set.indicators.negative === 'linear') {
      if (actual.lte(target)) return ONE;
      if (target.lte(0) || actual.gte(target.times(TWO))) return ZERO;
      return ONE.minus(actual.minus(target).div(target));
    }
    if (actual.lte(0)) return ONE;
    return target.div(actual);
  }
  // '=': positive (as ≥; a target of 0 is met only by ≤ 0) or symmetric (either way off, in proportion).
  if (set.indicators.equal === 'positive') {
    if (target.eq(0)) return actual.lte(0) ? ONE : ZERO;
    return actual.div(target);
  }
  if (target.eq(0) || actual.eq(0)) return ZERO;
  return actual.lt(target) ? actual.div(target) : target.div(actual);
}

function verdictOf(ci: ComputedIndicator, set: RuleSet): Verdict {
  const a = ci.attainment;
  if (a.status === 'met') return 'met';
  // A missed date takes the set's band for late work; a worded result the words do not judge counts as met
  // (the author's own word; an author who disagrees writes 得分 and 评分说明).
  if (a.status === 'not-met') return set.indicators.lateDate;
  return a.authorVerdict ?? 'met';
}

const bandOf = (set: RuleSet, v: Verdict): RuleSetBand => set.bands.find((b) => b.verdict === v)!;

interface Slot {
  ci: ComputedIndicator;
  cls: Level1Class;
  group: number;
  item: number;
  applicable: boolean;
  /** 分值 before 不适用 is handed on and before any scaling. */
  nominal: Decimal;
  exact: Decimal | undefined;
}

/**
 * Scores one project under a rule set. `rateDecimals` is the unit's own precision, used when the set names
 * none. Scores are rounded half-up to the set's decimals and 总分 is their sum.
 */
export function scoreProject(
  project: ComputedProject,
  set: RuleSet,
  ctx?: CheckContext,
  rateDecimals = 2,
): GradedProject {
  const dp = set.scoreDecimals;
  const projectPath = ['projects', project.index] as const;
  const projectName = project.source.name;
  const at = (p: readonly PropertyKey[]) => ctx?.at(p);
  const ind = set.indicators;
  const split = project.source.points;
  const execPoints = split?.预算执行率 !== undefined ? dec(split.预算执行率) : set.execution.points;
  const classTotal = (c: Level1Class) =>
    split?.[c] !== undefined ? dec(split[c]) : (ind.classes.get(c) ?? ZERO);
  if (split) {
    const counted = sum([...(set.execution.inTotal ? [execPoints] : []), ...LEVEL1_CLASSES.map(classTotal)]);
    if (!counted.eq(set.total)) {
      const parts = [
        ...(set.execution.inTotal ? [`预算执行率 ${shown(execPoints)}`] : []),
        ...LEVEL1_CLASSES.map((c) => `${c} ${shown(classTotal(c))}`),
      ];
      ctx?.findings.error(
        'project-points-mismatch',
        `项目“${projectName}”的分值分配 ${parts.join(' + ')} = ${shown(counted)}，与评分规则“${set.name}”的总分 ${set.totalText} 不符`,
        at([...projectPath, 'points']),
        { field: '分值分配', expected: set.totalText, found: shown(counted) },
      );
    }
  }

  // Every indicator, class by class in the form's order.
  const slots: Slot[] = [];
  for (const cls of LEVEL1_CLASSES) {
    project.indicators.forEach((g, gi) => {
      if (g.level1 !== cls) return;
      g.items.forEach((ci, ii) => {
        slots.push({
          ci,
          cls,
          group: gi,
          item: ii,
          applicable: ci.attainment.status !== 'not-applicable',
          nominal: ZERO,
          exact: undefined,
        });
      });
    });
  }
  const itemPath = (s: Slot) => [...projectPath, 'indicators', s.group, 'items', s.item];
  const typedOf = (s: Slot) => (s.ci.source.weight === undefined ? undefined : dec(s.ci.source.weight));

  // The class split: each class's total over its indicators, by their typed 分值 where all of the class
  // have one (a proportion), evenly otherwise. Under `class` scope 不适用 ones take no share.
  const classSplit = (onlyApplicable: boolean) => {
    for (const cls of LEVEL1_CLASSES) {
      const members = slots.filter((s) => s.cls === cls && (!onlyApplicable || s.applicable));
      const own = members.length > 0 && members.every((s) => typedOf(s) !== undefined);
      const raw = members.map((s) => (own ? typedOf(s)! : ONE));
      const rawSum = sum(raw);
      members.forEach((s, k) => {
        s.nominal = rawSum.eq(0) ? ZERO : raw[k]!.times(classTotal(cls)).div(rawSum);
      });
      if (own && ind.points === 'classes' && !rawSum.eq(classTotal(cls))) {
        ctx?.findings.warning(
          'indicator-points-rescaled',
          `项目“${projectName}”${cls}填写的分值合计 ${shown(rawSum)}（${members.map((s) => s.ci.source.weight).join(' + ')}），评分规则“${set.name}”中${cls}总分为 ${shown(classTotal(cls))}：各指标分值按比例折算为${cls}总分后印出；如要照印作者的分值，请改用按作者分值计分（typed）的评分规则`,
          at([...projectPath, 'indicators']),
          { field: '分值', expected: shown(classTotal(cls)), found: shown(rawSum) },
        );
      }
    }
  };
  const typedMode = ind.points === 'typed';
  const typed = slots.filter((s) => typedOf(s) !== undefined);
  let asTyped = false;
  if (typedMode && typed.length > 0) {
    if (typed.length < slots.length) {
      for (const s of slots.filter((x) => typedOf(x) === undefined)) {
        ctx?.findings.error(
          'indicator-points-missing',
          `项目“${projectName}”的${label(project, s)}没有填写分值（weight）：评分规则“${set.name}”按作者填写的分值计分，项目中有的指标填了分值，则每个指标都要填写`,
          at(itemPath(s)),
          { field: '分值', expected: 'weight' },
        );
      }
    } else {
      asTyped = true;
      for (const s of slots) s.nominal = typedOf(s)!;
      const typedSum = sum(slots.map((s) => s.nominal));
      const wanted =
        split?.预算执行率 !== undefined
          ? set.execution.inTotal
            ? set.total.minus(execPoints)
            : set.total
          : (ind.total ?? ZERO);
      if (!typedSum.eq(wanted)) {
        ctx?.findings.error(
          'indicator-points-total',
          `项目“${projectName}”各指标分值合计为 ${shown(typedSum)}（${slots.map((s) => s.ci.source.weight).join(' + ')}），评分规则“${set.name}”要求合计 ${shown(wanted)}：分值照印、不折算，请改正各指标的分值`,
          at([...projectPath, 'indicators']),
          { field: '分值', expected: shown(wanted), found: shown(typedSum) },
        );
      }
    }
  }
  if (!asTyped) classSplit(ind.notApplicable === 'class');

  // 不适用: under `class` its share goes to the rest of its class (a class left with none is dropped);
  // under `table` it is dropped. Whatever is dropped, everything counted is scaled up to the total. A class
  // the project has no indicator of at all is dropped under either scope (with a finding).
  const droppedClasses: Level1Class[] = [];
  let dropped = ZERO;
  let countedTotal = set.execution.inTotal ? execPoints : ZERO;
  const missing: string[] = [];
  for (const cls of LEVEL1_CLASSES) {
    const members = slots.filter((s) => s.cls === cls);
    const applicableHere = members.filter((s) => s.applicable);
    const classPoints = asTyped ? sum(members.map((s) => s.nominal)) : classTotal(cls);
    countedTotal = countedTotal.plus(classPoints);
    if (applicableHere.length === 0 && classPoints.gt(0)) droppedClasses.push(cls);
    if (members.length === 0) {
      dropped = dropped.plus(classPoints);
      if (classPoints.gt(0)) missing.push(`${cls}（${shown(classPoints)} 分）`);
      continue;
    }
    if (ind.notApplicable === 'table') {
      dropped = dropped.plus(sum(members.filter((s) => !s.applicable).map((s) => s.nominal)));
    } else if (applicableHere.length === 0) {
      dropped = dropped.plus(classPoints);
    } else if (asTyped) {
      const applicableSum = sum(applicableHere.map((s) => s.nominal));
      for (const s of applicableHere)
        s.nominal = applicableSum.eq(0) ? ZERO : s.nominal.times(classPoints).div(applicableSum);
    }
  }
  const applicable = slots.filter((s) => s.applicable);
  const nothingToScore = applicable.length === 0;
  if (missing.length && !nothingToScore)
    ctx?.findings.warning(
      'project-class-missing',
      `项目“${projectName}”没有${missing.join('、')}：评分规则“${set.name}”按比例把这些分值分给其他指标；如有这类指标请补上`,
      at([...projectPath, 'indicators']),
      { field: '一级指标', expected: missing.join('、') },
    );
  const kept = countedTotal.minus(dropped);
  const scale = nothingToScore || kept.lte(0) || dropped.eq(0) ? ONE : countedTotal.div(kept);
  for (const s of applicable) s.exact = s.nominal.times(scale);

  // 分值 printed at the set's decimals and adding up exactly: 50 over three is 16.67 + 16.67 + 16.66.
  const execExact = set.execution.inTotal ? execPoints.times(scale) : execPoints;
  const counted = [...(set.execution.inTotal ? [execExact] : []), ...applicable.map((s) => s.exact!)];
  const rounded = roundToTotal(counted, dp);
  const execWeight = set.execution.inTotal ? rounded.shift()! : round(execPoints, dp);
  const printed = new Map(applicable.map((s, k) => [s, rounded[k]!]));

  // 预算执行率.
  const rate = project.executionRate;
  const decimals = set.execution.decimals ?? rateDecimals;
  const scoredRate =
    rate === undefined ? undefined : set.execution.rate === 'rounded' ? round(rate, decimals + 2) : rate;
  const execScore = scoredRate === undefined ? undefined : round(clamp01(scoredRate).times(execWeight), dp);
  const reasonBelow = set.execution.reasonBelow;
  if (rate !== undefined && reasonBelow && rate.lt(reasonBelow) && !project.source.execution_reason) {
    ctx?.findings.warning(
      'execution-reason-missing',
      `项目“${projectName}”预算执行率 ${percentText(rate, decimals)} 低于 ${set.execution.reasonBelowText}：评分规则“${set.name}”要求说明原因，请填写执行偏差原因（execution_reason）`,
      at([...projectPath, 'spending']),
      {
        field: '执行偏差原因',
        expected: `≥ ${set.execution.reasonBelowText}`,
        found: percentText(rate, decimals),
      },
    );
  }
  checkLength(
    project.source.execution_reason,
    '执行偏差原因',
    [...projectPath, 'execution_reason'],
    set,
    ctx,
  );
  for (const [field, max] of Object.entries(set.reasons.textLimits) as Array<[TextLimitField, number]>)
    checkLength(project.source[field], TEXT_LIMIT_FIELDS[field], [...projectPath, field], set, ctx, max);

  if (nothingToScore) {
    const own = `${shown(execWeight)} 分`;
    ctx?.findings.warning(
      'project-no-indicators',
      `项目“${projectName}”没有可计分的绩效指标（${LEVEL1_CLASSES.join('、')}都没有填写或均为不适用），${
        set.execution.inTotal ? `只计预算执行率 ${own}，总分最高 ${own}` : '总分（只合计绩效指标得分）留空'
      }；请填写项目的绩效指标及完成值`,
      at([...projectPath, 'indicators']),
      { field: '绩效指标' },
    );
  }

  let pending = false;
  const indicators: ProjectIndicatorScore[] = slots.map((s) => {
    const { ci } = s;
    const group = project.indicators[s.group]!;
    const base = {
      level1: group.level1,
      level2: group.level2,
      name: ci.source.name,
      target: ci.source.target,
      actual: ci.source.actual,
      deviationReason: ci.source.deviation,
      reason: ci.attainment.reason,
      columns: ci,
    };
    const weight = printed.get(s);
    if (weight === undefined) {
      return {
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
      };
    }
    const path = itemPath(s);
    const owner = `项目“${projectName}”的${label(project, s)}`;
    const a = ci.attainment;
    let basis: IndicatorBasis;
    let computed: Decimal | undefined;
    let deviation: string | undefined;
    let band: RuleSetBand | undefined;
    if (a.status === 'pending') {
      basis = 'pending';
      computed = set.pending === 'zero' ? ZERO : undefined;
      ctx?.findings.warning(
        'indicator-actual-missing',
        `${owner}没有填写完成值（actual），${
          set.pending === 'zero' ? '得分按 0 计' : '得分留空，项目总分和等级也留空'
        }（分值 ${shown(weight)}）；请填写实际完成值`,
        at(path),
        { field: '完成值', expected: ci.source.target },
      );
    } else if (a.comparison) {
      basis = 'ratio';
      const c = a.comparison;
      deviation = `${dec(c.actual).minus(dec(c.target)).toFixed()}${c.unit}`;
      const share = a.status === 'met' ? ONE : clamp01(quantityShare(c, set));
      computed = round(share.times(weight), dp);
      const over = ind.overAchievement;
      if (over && (c.comparator === '>=' || c.comparator === '>') && dec(c.target).gt(0)) {
        if (dec(c.actual).gte(dec(c.target).times(over)))
          ctx?.findings.warning(
            'indicator-over-achievement',
            `${owner}完成值 ${ci.source.actual} 达到目标值 ${ci.source.target} 的 ${ind.overAchievementText} 以上：请复核目标是否定得过低`,
            at([...path, 'actual']),
            { field: '完成值', expected: `< ${ind.overAchievementText}`, found: ci.source.actual ?? '' },
          );
      }
    } else {
      basis = 'band';
      band = bandOf(set, verdictOf(ci, set));
      computed = round(clamp01(band.score).times(weight), dp);
    }
    const given = judgedScore(ci, weight, computed, band, owner, path, set, ctx);
    const score = given ?? computed;
    if (score === undefined) pending = true;
    if (score?.lt(weight) && set.reasons.belowPoints) {
      const explained = ci.source.deviation || ci.source.score_reason;
      // A missed target without a reason is already a warning of the indicator check.
      if (!explained && a.status !== 'not-met')
        ctx?.findings.warning(
          'indicator-below-points-no-reason',
          `${owner}得分 ${shown(score)} 低于分值 ${shown(weight)}：评分规则“${set.name}”要求填写偏差原因分析及改进措施（deviation）`,
          at(path),
          { field: '偏差原因分析及改进措施', expected: shown(weight), found: shown(score) },
        );
    }
    checkLength(ci.source.deviation, '偏差原因分析及改进措施', [...path, 'deviation'], set, ctx);
    return {
      ...base,
      applicable: true,
      weight,
      weightText: shown(weight),
      basis,
      computed,
      score,
      scoreText: score?.toFixed(),
      override: given === undefined ? undefined : { computed, reason: ci.source.score_reason },
      deviation,
    };
  });

  const blank = pending || (nothingToScore && !set.execution.inTotal);
  const total = blank
    ? undefined
    : sum([
        ...(set.execution.inTotal && execScore ? [execScore] : []),
        ...indicators.flatMap((i) => (i.score ? [i.score] : [])),
      ]);
  return {
    name: projectName,
    ruleSet: set.id,
    execution: {
      rate,
      rateDecimals: decimals,
      scoredRate,
      inTotal: set.execution.inTotal,
      weight: execWeight,
      weightText: shown(execWeight),
      score: execScore,
      scoreText: execScore?.toFixed(),
    },
    indicators,
    droppedClasses,
    totalPointsText: set.totalText,
    total,
    totalText: total?.toFixed(),
    grade: total === undefined ? undefined : gradeOf(total, set),
    graded: set.grades.length > 0,
    scoreDecimals: dp,
  };
}

function label(project: ComputedProject, s: Slot): string {
  const src = s.ci.source;
  return src.name ? `指标“${src.name}”` : `${project.indicators[s.group]!.level2}“${src.target}”`;
}

function checkLength(
  text: string | undefined,
  field: string,
  path: readonly PropertyKey[],
  set: RuleSet,
  ctx: CheckContext | undefined,
  max: number | undefined = set.reasons.maxChars,
): void {
  if (text === undefined || max === undefined) return;
  const n = [...text.replace(/\s+/g, '')].length;
  if (n > max)
    ctx?.findings.warning(
      'reason-too-long',
      `${field}有 ${n} 字，评分规则“${set.name}”要求 ${max} 字以内；请精简`,
      ctx.at(path),
      { field, expected: `≤ ${max}`, found: String(n) },
    );
}

/**
 * The author's 得分 for an indicator, when it counts: within 0 … 分值 (a score above the points would lift
 * 总分 past the set's total), inside the band of the indicator's verdict (a 部分达成 cannot score as 达成),
 * and with its 评分说明. One above 分值 is refused and the computed score counts; the others count and are
 * errors at the `score` line.
 */
function judgedScore(
  ci: ComputedIndicator,
  weight: Decimal,
  computed: Decimal | undefined,
  band: RuleSetBand | undefined,
  owner: string,
  itemPath: readonly PropertyKey[],
  set: RuleSet,
  ctx: CheckContext | undefined,
): Decimal | undefined {
  if (ci.source.score === undefined) return undefined;
  const dp = set.scoreDecimals;
  const given = round(dec(ci.source.score), dp);
  const at = ctx?.at([...itemPath, 'score']);
  const computedText = computed?.toFixed() ?? '—';
  if (given.gt(weight)) {
    ctx?.findings.error(
      'score-above-weight',
      `${owner}得分 ${given.toFixed()} 高于其分值 ${shown(weight)}：得分应在 0 到 ${shown(weight)} 之间（计算得分 ${computedText}）`,
      at,
      { field: '得分', expected: `0–${shown(weight)}`, found: given.toFixed() },
    );
    return undefined;
  }
  if (band && weight.gt(0) && !inBounds(band, given.div(weight))) {
    const lo = band.gte ?? band.gt ?? ZERO;
    const hi = band.lte ?? band.lt ?? ONE;
    const range = `${round(lo.times(weight), dp).toFixed()} 到 ${round(hi.times(weight), dp).toFixed()}`;
    ctx?.findings.error(
      'score-outside-band',
      `${owner}得分 ${given.toFixed()} 不在“${band.label}”档（分值 ${shown(weight)} 的 ${band.text}，即 ${range} 分${
        band.gt || band.lt ? '，开区间一端不含' : ''
      }）之内；评分规则“${set.name}”按完成情况分档，请在本档内给分，或改正完成值`,
      at,
      { field: '得分', expected: range, found: given.toFixed() },
    );
  }
  if (ci.source.score_reason === undefined) {
    ctx?.findings.error(
      'override-without-reason',
      `${owner}得分 ${given.toFixed()} 覆盖了计算得分 ${computedText}，须填写评分说明（score_reason）`,
      at,
      { field: '评分说明', expected: computedText, found: given.toFixed() },
    );
  }
  return given;
}

/** The grade whose band holds the total (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60 in the national rule). */
export function gradeOf(total: Decimal, set: Pick<RuleSet, 'grades'>): string | undefined {
  return set.grades.find(
    (g) => (g.gte === undefined || total.gte(g.gte)) && (g.lt === undefined || total.lt(g.lt)),
  )?.grade;
}
