import { type Decimal, dec, moneyText, parsePercent, percentText, sum, ZERO } from '../money/decimal.js';
import { thresholdValue, tierMatches } from './framework.js';
import type { Measure, PartRule, Quantity, Rule, Tier } from './schema.js';

/**
 * Pure evaluation of one framework rule against a unit's evidence. Positions and findings are the caller's
 * business (src/scoring/unit.ts); this file only does the arithmetic, exactly, and words the deduction.
 */

export interface PartResult {
  name: string;
  weight: Decimal;
  kind: PartRule['kind'];
  /** Exact, unrounded. Undefined when the part cannot be computed (see the rule result's lists). */
  score: Decimal | undefined;
  note: string | undefined;
}

export interface RuleResult {
  /** Exact, unrounded score; undefined when an input is missing or unusable. */
  score: Decimal | undefined;
  /** Generated 扣分情况说明; present only when the rule deducts. */
  note: string | undefined;
  /** Evidence paths the rule needs that the unit does not have. */
  missingEvidence: string[];
  /** Judged parts of a sum without the evaluator's score. */
  missingJudged: string[];
  /** Why the rule could not be computed although the evidence is there (a zero denominator…). */
  problems: string[];
  /** Sum rules: each part's result. */
  parts: PartResult[];
  /** Judged parts whose score is below their weight (they need the author's note). */
  judgedDeductions: string[];
  /** What a ratio rule measured (执行率 0.95), exact; forms that print the rate beside its score read it. */
  measured?: Decimal | undefined;
}

/** Judged scores given by the evaluator for a leaf: the leaf's own score or the scores of judged parts. */
export interface JudgedInput {
  score?: Decimal | undefined;
  /** 得分系数 (a ratio, 0.95 for 95%) of a `coefficient` leaf. */
  coefficient?: Decimal | undefined;
  parts?: Record<string, Decimal> | undefined;
}

const QUARTERS = ['一季度', '二季度', '三季度', '四季度'] as const;
const Q_KEYS = ['q1', 'q2', 'q3', 'q4'] as const;

/** The evidence paths a rule reads (for the "evidence the unit lacks" check). */
export function rulePaths(rule: Rule | PartRule): string[] {
  switch (rule.kind) {
    case 'ratio':
      return [...rule.actual.fields, ...rule.target.fields];
    case 'tiers':
    case 'deduction': {
      const m = rule.measure;
      return [
        ...(m.field ? [m.field] : []),
        ...(m.level ? [m.level] : []),
        ...(m.numerator?.fields ?? []),
        ...(m.denominator?.fields ?? []),
        ...(m.current?.fields ?? []),
        ...(m.previous?.fields ?? []),
      ];
    }
    case 'quarterly':
      return Q_KEYS.map((q) => `${rule.progress}.${q}`);
    case 'sum':
      return rule.parts.flatMap((p) => rulePaths(p.rule));
    default:
      return [];
  }
}

/** The raw value at a dotted evidence path, or undefined. */
export function readEvidence(evidence: unknown, dotted: string): unknown {
  let v: unknown = evidence;
  for (const seg of dotted.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** A number from evidence: money text, a count, or a percentage ("98.3%" → 0.983). */
function numberAt(evidence: unknown, dotted: string): Decimal | undefined {
  const v = readEvidence(evidence, dotted);
  if (typeof v === 'number') return dec(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (/^\d+(\.\d+)?\s*[%％]$/.test(t)) return parsePercent(t);
  if (/^\d+(\.\d+)?$/.test(t)) return dec(t);
  return undefined;
}

function quantity(evidence: unknown, q: Quantity): Decimal | undefined {
  const values = q.fields.map((f) => numberAt(evidence, f));
  if (values.some((v) => v === undefined)) return undefined;
  return sum(values as Decimal[]);
}

function showQuantity(q: Quantity, value: Decimal): string {
  return `${q.label ?? ''}${q.label ? ' ' : ''}${moneyText(value)}${q.unit ? ` ${q.unit}` : ''}`;
}

const pct = (r: Decimal) => percentText(r, 2);

/** The words of a tier's bounds as printed in 评分标准: 高于 10%, 不低于 75%且低于 90%. */
export function describeTier(t: Tier): string {
  const words: string[] = [];
  if (t.gt !== undefined) words.push(`高于 ${t.gt}`);
  if (t.gte !== undefined) words.push(`不低于 ${t.gte}`);
  if (t.lt !== undefined) words.push(`低于 ${t.lt}`);
  if (t.lte !== undefined) words.push(`不高于 ${t.lte}`);
  return words.join('且');
}

/**
 * The number a numeric measure gives: a field, a ratio 分子 ÷ 分母, or a change (本年 − 上年) ÷ 上年, with
 * the inputs as a deduction note shows them; a string when it cannot be computed.
 */
function measureValue(
  m: Measure,
  evidence: unknown,
  label: string,
): { value: Decimal; inputs: string } | string {
  if (m.field !== undefined) {
    const value = numberAt(evidence, m.field);
    return value === undefined ? `${label}的佐证数据不是数值` : { value, inputs: '' };
  }
  const pair: [Quantity, Quantity, string] | undefined =
    m.numerator && m.denominator
      ? [m.numerator, m.denominator, '分母']
      : m.current && m.previous
        ? [m.current, m.previous, '上年数']
        : undefined;
  if (!pair) return `${label}的计量（measure）不完整`;
  const [top, bottom, bottomName] = pair;
  const a = quantity(evidence, top);
  const b = quantity(evidence, bottom);
  if (a === undefined || b === undefined) return `${label}的佐证数据不是数值`;
  if (b.eq(0)) return `${bottom.label ?? bottomName}为 0，${label}无法计算`;
  const value = m.current ? a.minus(b).div(b) : a.div(b);
  return { value, inputs: `（${showQuantity(top, a)}，${showQuantity(bottom, b)}）` };
}

/**
 * Whether a deduction counts percentage points: always for a ratio or a change (their limit is a
 * percentage, 0 being 0 %), and for a field when its limit is written as a percentage.
 */
export function deductsPercentPoints(m: Measure, limit: string): boolean {
  return m.field === undefined || limit.endsWith('%');
}

/** A signed percentage as a note prints it: 5.00%, -3.25%. */
const signedPct = (r: Decimal) => (r.lt(0) ? `-${pct(r.abs())}` : pct(r));

/** "1", "0.5", "12.35": a count of points, at most 2 decimals. */
const pointsText = (v: Decimal) => v.round(2, 1).toFixed();

function emptyResult(): RuleResult {
  return {
    score: undefined,
    note: undefined,
    missingEvidence: [],
    missingJudged: [],
    problems: [],
    parts: [],
    judgedDeductions: [],
  };
}

/**
 * Evaluates a rule worth `weight` points. The score is exact (rounding is the caller's: half-up to 2
 * decimals per leaf). A note is generated only where the rule deducts.
 */
export function evaluateRule(
  rule: Rule | PartRule,
  weight: Decimal,
  evidence: unknown,
  judged: JudgedInput = {},
): RuleResult {
  const r = emptyResult();
  const missing = rulePaths(rule).filter((p) => readEvidence(evidence, p) === undefined);
  if (missing.length) {
    r.missingEvidence = missing;
    if (rule.kind !== 'sum') return r;
  }
  switch (rule.kind) {
    case 'judged':
      r.score = judged.score;
      return r;
    case 'ratio': {
      const actual = quantity(evidence, rule.actual);
      const target = quantity(evidence, rule.target);
      if (actual === undefined || target === undefined) {
        r.problems.push(`${rule.label}的佐证数据不是数值`);
        return r;
      }
      if (target.eq(0)) {
        r.problems.push(`${rule.target.label ?? '计划数'}为 0，${rule.label}无法计算`);
        return r;
      }
      const ratio = actual.div(target);
      r.measured = ratio;
      const inputs = `（${showQuantity(rule.actual, actual)}，${showQuantity(rule.target, target)}）`;
      if (ratio.gt(1) && rule.over_plan === 'zero') {
        r.score = ZERO;
        r.note = `${rule.label} ${pct(ratio)}${inputs}，${rule.actual.label ?? '实际数'}大于${rule.target.label ?? '计划数'}，本项得 0 分`;
        return r;
      }
      r.score = (ratio.gt(1) ? dec(1) : ratio).times(weight);
      if (ratio.lt(1)) r.note = `${rule.label} ${pct(ratio)}${inputs}`;
      return r;
    }
    case 'tiers': {
      const m = rule.measure;
      if (m.level !== undefined) {
        const level = readEvidence(evidence, m.level);
        const tier = rule.tiers.find((t) => t.level?.includes(String(level)));
        if (!tier) {
          r.problems.push(`${rule.label}“${String(level)}”没有对应的分档`);
          return r;
        }
        r.score = dec(tier.points);
        if (r.score.lt(weight)) r.note = `${rule.label}：${String(level)}`;
        return r;
      }
      const measured = measureValue(m, evidence, rule.label);
      if (typeof measured === 'string') {
        r.problems.push(measured);
        return r;
      }
      const { value, inputs } = measured;
      const matching = rule.tiers.filter((t) => tierMatches(t, value));
      const tier = matching[0];
      if (!tier) {
        r.problems.push(`${rule.label} ${pct(value)} 不在任何分档内`);
        return r;
      }
      r.score = dec(tier.points);
      const percentBounds = rule.tiers.some((t) => [t.gt, t.gte, t.lt, t.lte].some((b) => b?.endsWith('%')));
      const shown = percentBounds ? signedPct(value) : moneyText(value);
      if (r.score.lt(weight)) r.note = `${rule.label} ${shown}${inputs}，${describeTier(tier)}`;
      return r;
    }
    case 'coefficient': {
      const c = judged.coefficient;
      if (c === undefined) return r;
      r.score = c.times(weight);
      const shown = `${c.times(100).toFixed()}%`;
      if (c.lt(1)) r.note = `得分系数 ${shown}（${shown} × ${weight.toFixed()} 分）`;
      return r;
    }
    case 'deduction': {
      const measured = measureValue(rule.measure, evidence, rule.label);
      if (typeof measured === 'string') {
        r.problems.push(measured);
        return r;
      }
      const { value, inputs } = measured;
      const inPercent = deductsPercentPoints(rule.measure, rule.limit);
      const limit = thresholdValue(rule.limit);
      const beyond = rule.deduct_when === 'above' ? value.minus(limit) : limit.minus(value);
      if (beyond.lte(0)) {
        r.score = weight;
        return r;
      }
      // Points over the limit: percentage points for a percentage limit, units otherwise.
      const points = inPercent ? beyond.times(100) : beyond;
      const lost = points.times(dec(rule.per_point));
      r.score = lost.gte(weight) ? ZERO : weight.minus(lost);
      const shown = inPercent ? signedPct(value) : moneyText(value);
      const side = rule.deduct_when === 'above' ? '超过' : '低于';
      const unit = inPercent ? ' 个百分点' : '';
      const limitShown = inPercent && !rule.limit.endsWith('%') ? `${rule.limit}%` : rule.limit;
      r.note = `${rule.label} ${shown}${inputs}，${side} ${limitShown} ${pointsText(points)}${unit}，${
        lost.gte(weight) ? '扣完为止，本项得 0 分' : `扣 ${pointsText(lost)} 分`
      }`;
      return r;
    }
    case 'quarterly': {
      const progress = Q_KEYS.map((q) => numberAt(evidence, `${rule.progress}.${q}`));
      if (progress.some((p) => p === undefined)) {
        r.problems.push('季度支出进度不是百分比');
        return r;
      }
      const schedule = rule.schedule.map(thresholdValue);
      const qp = dec(rule.quarter_points);
      const ap = dec(rule.average_points);
      const one = dec(1);
      const ratios = progress.map((p, i) => p!.div(schedule[i]!));
      const capped = ratios.map((x) => (x.gt(one) ? one : x));
      const quarterScore = sum(capped.map((x) => x.times(qp)));
      const mean = sum(rule.cap_quarters_in_average ? capped : ratios).div(4);
      const averageTerm = mean.times(ap).gt(ap) ? ap : mean.times(ap);
      r.score = quarterScore.plus(averageTerm);
      if (r.score.lt(weight)) {
        const behind = ratios
          .map((x, i) =>
            x.lt(one)
              ? `${QUARTERS[i]}支出进度 ${pct(progress[i]!)}，低于序时进度 ${rule.schedule[i]}`
              : undefined,
          )
          .filter((s): s is string => s !== undefined);
        r.note = [`全年平均执行率 ${pct(mean)}`, ...behind].join('；');
      }
      return r;
    }
    case 'sum': {
      const parts: PartResult[] = rule.parts.map((part) => {
        const w = dec(part.weight);
        const given = judged.parts?.[part.name];
        const sub = evaluateRule(part.rule, w, evidence, { score: given });
        r.missingEvidence.push(...sub.missingEvidence.filter((p) => !r.missingEvidence.includes(p)));
        r.problems.push(...sub.problems);
        if (part.rule.kind === 'judged') {
          if (given === undefined) r.missingJudged.push(part.name);
          else if (given.lt(w)) r.judgedDeductions.push(part.name);
        }
        return { name: part.name, weight: w, kind: part.rule.kind, score: sub.score, note: sub.note };
      });
      r.parts = parts;
      if (parts.every((p) => p.score !== undefined)) r.score = sum(parts.map((p) => p.score!));
      const notes = parts.map((p) => p.note).filter((n): n is string => n !== undefined);
      if (notes.length) r.note = notes.join('；');
      return r;
    }
  }
}
