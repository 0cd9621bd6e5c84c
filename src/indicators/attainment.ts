import Big from 'big.js';
import type { Comparator, DateValue, IndicatorValue, QuantityValue } from './parse.js';

export type AttainmentStatus = 'met' | 'not-met' | 'not-applicable' | 'author-judged' | 'pending';

export interface Attainment {
  /**
   * - met / not-met: computed exactly from a quantitative (or date) target and a comparable actual.
   * - not-applicable: the target (or the actual) is 不适用.
   * - author-judged: cannot be computed (qualitative target, worded actual, unit mismatch); the author's word
   *   decides — see `authorVerdict` for what the words say, if anything.
   * - pending: no actual written yet.
   */
  status: AttainmentStatus;
  /** Why, in Chinese, for findings and for the author. */
  reason?: string;
  /** Set when both sides are quantities with different units; the status is then not computed. */
  unitMismatch?: { target: string; actual: string };
  /**
   * For author-judged results: what the actual's wording says. `met` for 已达标/已完成/按时完成/及时完成/
   * 全部达成/100%合格/已发挥预期作用 or an actual that restates the target; `partly-met` for 基本完成/部分完成;
   * `not-met` for 未完成/未达标/不合格…; absent when the words say neither.
   */
  authorVerdict?: 'met' | 'partly-met' | 'not-met';
  /** For computed quantity results: the exact figures compared. */
  comparison?: {
    /** The comparator actually applied (an implied `=` on a count is judged as `>=`, on money as `<=`). */
    comparator: Comparator;
    target: string;
    actual: string;
    unit: string;
    /** actual − target, exact decimal string. */
    difference: string;
    /** True when one side wrote no unit and the other side's unit was assumed (`满意度≥95` vs `95%`). */
    unitAssumed: boolean;
  };
}

/** Money units and their value in 元, so `0.5万元` compares with `5000元`. */
const MONEY: Readonly<Record<string, string>> = { 元: '1', 千元: '1000', 万元: '10000', 亿元: '100000000' };

/** Units that name the same thing. */
const SAME_UNIT: ReadonlyArray<ReadonlySet<string>> = [new Set(['人', '名', '位']), new Set(['场', '场次'])];

const NOT_MET_WORDS =
  /未(?:能)?(?:完成|达标|达到|达成|实现|按时|按期|通过)|不合格|不达标|没有(?:完成|达到)|尚未|滞后|未验收/;
const PARTLY_MET_WORDS = /基本(?:完成|达标|达到|达成|实现)|部分(?:完成|达标|达到|达成|实现)/;
const MET_WORDS =
  /(?:已|均已|已全部|全部|均|按时|及时|按期|如期|顺利|超额|提前|按计划)(?:完成|达标|达成|达到|实现|合格)|^(?:完成|达标|达成|合格|已达标)|验收.{0,6}合格|100%合格|发挥(?:了)?预期作用|达到预期|取得预期/;

/**
 * Judge an indicator's actual (完成值) against its target (指标值).
 *
 * Only a quantitative target against a quantitative actual in the same unit is computed, exactly (big.js).
 * The actual's own comparator is ignored: an actual states what was achieved, so only its value counts.
 * A target whose comparator was implied (a bare `26 个`) is judged as "reached": met when the actual is at least
 * the planned figure (exceeding a planned count is not a miss); a bare amount of money (`100万元`, a cost) is
 * judged as a ceiling (`<=`). An explicit `=8个` is judged strictly.
 */
export function assessAttainment(target: IndicatorValue, actual: IndicatorValue | undefined): Attainment {
  if (target.kind === 'not-applicable') {
    if (actual !== undefined && actual.kind !== 'not-applicable' && !isBlank(actual)) {
      return { status: 'not-applicable', reason: `目标值为“${target.text}”，但填写了完成值“${actual.text}”` };
    }
    return { status: 'not-applicable' };
  }
  if (isBlank(target)) return { status: 'pending', reason: '未填写目标值' };
  if (actual === undefined || isBlank(actual)) return { status: 'pending', reason: '未填写完成值' };
  if (actual.kind === 'not-applicable') {
    return { status: 'not-applicable', reason: `目标值为“${target.text}”，完成值却填写为“${actual.text}”` };
  }

  if (target.kind === 'quantity' && actual.kind === 'quantity') return compareQuantities(target, actual);
  if (target.kind === 'date' && actual.kind === 'date') return compareDates(target, actual);

  // Not computable: the author's words decide.
  const verdict = wordVerdict(actual.text);
  if (verdict) {
    return {
      status: 'author-judged',
      authorVerdict: verdict,
      reason:
        verdict === 'met'
          ? `完成值“${actual.text}”未写明可比较的数值，按填报人的表述视为达成`
          : verdict === 'partly-met'
            ? `完成值“${actual.text}”表明部分达成`
            : `完成值“${actual.text}”表明未达成`,
    };
  }
  if (target.kind === 'qualitative' && sameWords(target.text, actual.text)) {
    return {
      status: 'author-judged',
      authorVerdict: 'met',
      reason: '完成值与目标值表述一致，按填报人的表述视为达成',
    };
  }
  if (target.kind === 'qualitative') {
    return { status: 'author-judged', reason: '定性指标，是否达成由填报人判断' };
  }
  return {
    status: 'author-judged',
    reason: `目标值“${target.text}”与完成值“${actual.text}”无法直接比较，是否达成由填报人判断`,
  };
}

function isBlank(value: IndicatorValue): boolean {
  return value.text.trim() === '';
}

function wordVerdict(text: string): Attainment['authorVerdict'] {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  if (NOT_MET_WORDS.test(compact)) return 'not-met';
  if (PARTLY_MET_WORDS.test(compact)) return 'partly-met';
  if (MET_WORDS.test(compact)) return 'met';
  return undefined;
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s。.;；,，、!！]+/g, '');
  return norm(a) !== '' && norm(a) === norm(b);
}

const SYMBOL: Readonly<Record<Comparator, string>> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

function show(value: string, unit: string): string {
  return `${value}${unit}`;
}

function compareQuantities(target: QuantityValue, actual: QuantityValue): Attainment {
  const targetValue = new Big(target.value);
  let actualValue = new Big(actual.value);
  let unit = target.unit;
  let unitAssumed = false;

  if (target.unit !== actual.unit) {
    const targetMoney = MONEY[target.unit];
    const actualMoney = MONEY[actual.unit];
    if (target.unit === '' || actual.unit === '') {
      unitAssumed = true;
      unit = target.unit || actual.unit;
    } else if (targetMoney !== undefined && actualMoney !== undefined) {
      // Compare in the target's unit: actual × (actual unit / target unit).
      actualValue = actualValue.times(actualMoney).div(targetMoney);
    } else if (!SAME_UNIT.some((set) => set.has(target.unit) && set.has(actual.unit))) {
      return {
        status: 'author-judged',
        unitMismatch: { target: target.unit, actual: actual.unit },
        reason: `目标值单位为“${target.unit}”，完成值单位为“${actual.unit}”，单位不一致，无法判断是否达成`,
      };
    }
  }

  let comparator = target.comparator;
  if (target.comparatorImplied && comparator === '=') {
    comparator = MONEY[target.unit] !== undefined ? '<=' : '>=';
  }
  const c = actualValue.cmp(targetValue);
  const met =
    comparator === '>='
      ? c >= 0
      : comparator === '>'
        ? c > 0
        : comparator === '<='
          ? c <= 0
          : comparator === '<'
            ? c < 0
            : c === 0;

  const targetShown = `${target.comparatorImplied ? '' : SYMBOL[target.comparator]}${show(target.value, target.unit)}`;
  const actualShown = show(actualValue.toFixed(), unit);
  const difference = actualValue.minus(targetValue).toFixed();
  const comparison = {
    comparator,
    target: targetValue.toFixed(),
    actual: actualValue.toFixed(),
    unit,
    difference,
    unitAssumed,
  };
  const assumed = unitAssumed
    ? `（${target.unit === '' ? '目标值' : '完成值'}未写单位，按“${unit}”比较）`
    : '';

  if (met) {
    const exceeded = target.comparatorImplied && target.comparator === '=' && c !== 0;
    return {
      status: 'met',
      reason: `完成值${actualShown}${exceeded ? '超过' : '达到'}目标值${targetShown}${assumed}`,
      comparison,
    };
  }
  const how =
    comparator === '>=' || comparator === '>'
      ? c === 0
        ? '等于而未超过'
        : '低于'
      : comparator === '<=' || comparator === '<'
        ? c === 0
          ? '等于而未低于'
          : '超过'
        : '不等于';
  return {
    status: 'not-met',
    reason: `完成值${actualShown}${how}目标值${targetShown}，未达成${assumed}`,
    comparison,
  };
}

/** Year, month, day of the last day a date value covers (a month without a day means its end). */
function endOf(value: DateValue, year: number): [number, number, number] {
  const lastDay = new Date(Date.UTC(year, value.month, 0)).getUTCDate();
  return [year, value.month, value.day ?? lastDay];
}

function showDate(value: DateValue): string {
  if (value.yearOnly) return `${value.year}年`;
  return `${value.year === undefined ? '' : `${value.year}年`}${value.month}月${value.day === undefined ? '' : `${value.day}日`}`;
}

function compareDates(target: DateValue, actual: DateValue): Attainment {
  // A side without a year is taken to be in the other side's year (both without: the same year).
  const year = target.year ?? actual.year ?? 2000;
  const t = endOf(target, target.year ?? year);
  const a = endOf(actual, actual.year ?? year);
  const later = a[0] !== t[0] ? a[0] > t[0] : a[1] !== t[1] ? a[1] > t[1] : a[2] > t[2];
  if (later) {
    return {
      status: 'not-met',
      reason: `完成时间${showDate(actual)}晚于目标时间${showDate(target)}，未按时完成`,
    };
  }
  return { status: 'met', reason: `完成时间${showDate(actual)}不晚于目标时间${showDate(target)}` };
}
