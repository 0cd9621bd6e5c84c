import type { Comparator, IndicatorValue } from '../indicators/index.js';
import type { Indicator, IndicatorNature } from '../model/indicators.js';
import { type Decimal, parsePercent } from '../money/decimal.js';

/** The columns the provincial forms print beside an indicator's 指标值 (forms.md B2, B3, B5). */
export interface IndicatorColumns {
  /** 指标性质: as typed, else from the target (≥95% → ≥, a date → ≤, 显著 → 定性); undefined for 不适用. */
  nature: IndicatorNature | undefined;
  /** True when `nature` is the author's, false when derived from the target. */
  natureTyped: boolean;
  /** 指标值类型: 定性 when the nature is 定性, else 定量; undefined when there is no nature. */
  valueType: '定量' | '定性' | undefined;
  /** 度量单位: as typed, else the unit written in the target (`%`, `人次`); undefined when neither has one. */
  unit: string | undefined;
  /**
   * 指标值 without its comparator and unit, for forms with separate 指标性质 and 度量单位 columns ("95" of
   * ≥95%); the target's text for a date, qualitative or 不适用 target.
   */
  targetValue: string;
  /** 年初指标值 (initial_target, else the target) as written. */
  initialTarget: string;
  /** True when an initial_target different from the target was written: the target was adjusted in the year. */
  targetAdjusted: boolean;
  /** 是否核心指标; false when not written. */
  core: boolean;
  /** 得分系数 as a ratio (95% → 0.95); undefined when not written. */
  coefficient: Decimal | undefined;
}

const SYMBOL: Record<Comparator, IndicatorNature> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** The 指标性质 a target says by itself, undefined for 不适用. */
export function natureOf(target: IndicatorValue): IndicatorNature | undefined {
  switch (target.kind) {
    case 'quantity':
    case 'date':
      return SYMBOL[target.comparator];
    case 'qualitative':
      return '定性';
    case 'not-applicable':
      return undefined;
  }
}

/**
 * Whether a typed 指标性质 contradicts the target; returns what the target says when it does. A comparator
 * the target only implies (bare `100%`, `26 个`) is the author's to state; a date may be 定性 or ≤ / < / =.
 */
export function natureContradiction(
  typed: IndicatorNature,
  target: IndicatorValue,
): IndicatorNature | undefined {
  const derived = natureOf(target);
  switch (target.kind) {
    case 'quantity':
      if (typed === '定性') return derived;
      return target.comparatorImplied || typed === derived ? undefined : derived;
    case 'date':
      return typed === '≥' || typed === '>' ? derived : undefined;
    case 'qualitative':
      return typed === '定性' ? undefined : derived;
    case 'not-applicable':
      return undefined;
  }
}

export function indicatorColumns(indicator: Indicator, target: IndicatorValue): IndicatorColumns {
  const nature = indicator.nature ?? natureOf(target);
  const writtenUnit = target.kind === 'quantity' && target.unit !== '' ? target.unit : undefined;
  const initialTarget = indicator.initial_target ?? indicator.target;
  return {
    nature,
    natureTyped: indicator.nature !== undefined,
    valueType: nature === undefined ? undefined : nature === '定性' ? '定性' : '定量',
    unit: indicator.unit ?? writtenUnit,
    targetValue: target.kind === 'quantity' ? target.value : indicator.target,
    initialTarget,
    targetAdjusted: initialTarget !== indicator.target,
    core: indicator.core ?? false,
    coefficient: indicator.coefficient === undefined ? undefined : parsePercent(indicator.coefficient),
  };
}
