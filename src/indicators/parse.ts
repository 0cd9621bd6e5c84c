/**
 * Parsing of indicator values (指标值 / 完成值) as finance staff write them in the filed forms:
 * `≥95%`, `≥ 800 人`, `不低于90%`, `95%以上`, `=8个`, `≤90万元`, `100%`, `10次`, `2024 年 12 月完成`,
 * `11月底前`, `显著`, `应保尽保、应救尽救`, `不适用`, full-width forms (`＞`, `﹦`, `９５％`) and a descriptive
 * prefix (`社区居民满意度≥98%`).
 *
 * Decisions (a finance officer's reading of the forms):
 * - 以上 / 以下 / 以内 are inclusive, as in Chinese administrative and legal usage (《民法典》第1259条:
 *   “以上、以下、以内、届满”包括本数): `95%以上` is `>= 95%`, `5%以下` is `<= 5%`.
 *   Strict comparisons come only from 超过 / 高于 / 大于 / 多于 (`>`) and 低于 / 少于 / 小于 (`<`), or the
 *   symbols `>` / `<`.
 * - A bare percentage with no comparator (`100%`, `服务对象满意度100%`, `宣传册派发覆盖率: 90%`) is a rate to
 *   reach: `>=`. A plain rate target is read as "at least" by everyone who fills these forms in.
 * - A bare count or amount with no comparator (`26 个`, `10次`, `卡口防控人员补贴12人`) is `=`, with
 *   `comparatorImplied: true`, so printing and assessment can tell it from an explicit `=8个`
 *   (see assessAttainment for how an implied `=` is judged).
 * - The value part must end the text; the prefix before it is a description (指标名称) and must not contain
 *   digits, so `1. …不少于12场; 2. …不少于2场` or `年报1156家, 申报率87%` stay qualitative rather than being
 *   misread from their last number.
 * - Numbers stay exact decimal strings as written (thousands separators removed); never a float.
 */

export type Comparator = '>=' | '<=' | '=' | '>' | '<';

export interface QuantityValue {
  kind: 'quantity';
  comparator: Comparator;
  /** Exact decimal string as written, e.g. "95", "86.275", "12.3400". */
  value: string;
  /** Normalised unit: '%', '个', '人次', '万元', … or '' when none is written. */
  unit: string;
  /** True when the unit is '%'. */
  percent: boolean;
  /** True when no comparator was written and it was inferred (bare `100%` → '>=', bare `26 个` → '='). */
  comparatorImplied: boolean;
  /** The descriptive text before the value (`社区居民满意度`), NFKC-normalised with whitespace removed; '' when none. */
  label: string;
  /** The author's original text, untouched. */
  text: string;
}

export interface DateValue {
  kind: 'date';
  year?: number;
  month: number;
  day?: number;
  /** Only a year was written (`2019年`): the month is its end, and messages show the year alone. */
  yearOnly?: boolean;
  /** A date indicator means "completed by then". */
  comparator: '<=';
  text: string;
}

export interface QualitativeValue {
  kind: 'qualitative';
  text: string;
}

export interface NotApplicableValue {
  kind: 'not-applicable';
  text: string;
}

export type IndicatorValue = QuantityValue | DateValue | QualitativeValue | NotApplicableValue;

/** Texts meaning "this indicator does not apply" (after normalisation, whitespace removed). */
const NOT_APPLICABLE = new Set([
  '不适用',
  '不涉及',
  '无',
  '-',
  '--',
  '—',
  '——',
  '―',
  '/',
  '\\',
  'n/a',
  'na',
  '不适用。',
]);

/** Comparator words and symbols written before the number, longest first within each reading. */
const PREFIX_COMPARATORS: ReadonlyArray<readonly [string, Comparator]> = (
  [
    ['>=', '>='],
    ['=>', '>='],
    ['≥', '>='],
    ['≧', '>='],
    ['⩾', '>='],
    ['≮', '>='],
    ['大于或等于', '>='],
    ['大于等于', '>='],
    ['高于或等于', '>='],
    ['不得低于', '>='],
    ['不应低于', '>='],
    ['不得少于', '>='],
    ['不低于', '>='],
    ['不少于', '>='],
    ['不小于', '>='],
    ['至少', '>='],
    ['最低', '>='],
    ['达到', '>='],
    ['达', '>='],
    ['<=', '<='],
    ['=<', '<='],
    ['≤', '<='],
    ['≦', '<='],
    ['⩽', '<='],
    ['≯', '<='],
    ['小于或等于', '<='],
    ['小于等于', '<='],
    ['低于或等于', '<='],
    ['不得高于', '<='],
    ['不得超过', '<='],
    ['不高于', '<='],
    ['不超过', '<='],
    ['不多于', '<='],
    ['不大于', '<='],
    ['控制在', '<='],
    ['至多', '<='],
    ['最多', '<='],
    ['最高', '<='],
    ['==', '='],
    ['=', '='],
    ['等于', '='],
    ['>', '>'],
    ['大于', '>'],
    ['高于', '>'],
    ['超过', '>'],
    ['多于', '>'],
    ['<', '<'],
    ['小于', '<'],
    ['低于', '<'],
    ['少于', '<'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/** Comparator words written after the value; 以上/以下/以内 are inclusive (see the module comment). */
const SUFFIX_COMPARATORS: ReadonlyArray<readonly [string, Comparator]> = (
  [
    ['(含)以上', '>='],
    ['以上(含)', '>='],
    ['及以上', '>='],
    ['或以上', '>='],
    ['以上', '>='],
    ['(含)以下', '<='],
    ['以下(含)', '<='],
    ['及以下', '<='],
    ['或以下', '<='],
    ['以下', '<='],
    ['以内', '<='],
    ['之内', '<='],
    ['内', '<='],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

/**
 * Units recognised after a number. Anything else after the number makes the value qualitative.
 * Keys are the written form (after NFKC), values the normalised unit.
 */
const UNITS: ReadonlyMap<string, string> = new Map<string, string>([
  ['%', '%'],
  ['‰', '‰'],
  ['个百分点', '个百分点'],
  ['百分点', '个百分点'],
  ['亿元', '亿元'],
  ['万元', '万元'],
  ['千元', '千元'],
  ['元', '元'],
  ['万人次', '万人次'],
  ['人次', '人次'],
  ['人/次', '人次'],
  ['人·次', '人次'],
  ['人・次', '人次'],
  ['万人', '万人'],
  ['人', '人'],
  ['名', '名'],
  ['位', '位'],
  ['户次', '户次'],
  ['户', '户'],
  ['个', '个'],
  ['次', '次'],
  ['场次', '场次'],
  ['场', '场'],
  ['台套', '台套'],
  ['台', '台'],
  ['套', '套'],
  ['家', '家'],
  ['处', '处'],
  ['件', '件'],
  ['项', '项'],
  ['个工作日', '个工作日'],
  ['工作日', '个工作日'],
  ['天', '天'],
  ['日', '日'],
  ['个月', '个月'],
  ['周', '周'],
  ['小时', '小时'],
  ['分钟', '分钟'],
  ['张', '张'],
  ['本', '本'],
  ['册', '册'],
  ['份', '份'],
  ['宗', '宗'],
  ['条', '条'],
  ['对', '对'],
  ['篇', '篇'],
  ['期', '期'],
  ['批次', '批次'],
  ['批', '批'],
  ['所', '所'],
  ['座', '座'],
  ['辆', '辆'],
  ['间', '间'],
  ['张床位', '张床位'],
  ['床位', '张床位'],
  ['床', '床'],
  ['班', '班'],
  ['节', '节'],
  ['课时', '课时'],
  ['学时', '学时'],
  ['页', '页'],
  ['幅', '幅'],
  ['块', '块'],
  ['部', '部'],
  ['支', '支'],
  ['例', '例'],
  ['起', '起'],
  ['倍', '倍'],
  ['岁', '岁'],
  ['分', '分'],
  ['平方公里', '平方公里'],
  ['平方米', '平方米'],
  ['公里', '公里'],
  ['千米', '公里'],
  ['米', '米'],
  ['公顷', '公顷'],
  ['亩', '亩'],
  ['吨', '吨'],
  ['公斤', '千克'],
  ['千克', '千克'],
]);

const NUMBER = /(\d+(?:,\d{3})*(?:\.\d+)?)$/;

/**
 * NFKC-normalise (full-width digits, ％, ＞, ﹦, ＝, ideographic space), map the comparison symbols NFKC leaves
 * alone, and drop all whitespace so `≥ 800 人` and `95% 以上` read like `≥800人` and `95%以上`.
 */
export function normaliseIndicatorText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2265\u2267\u2a7e]/g, '≥')
    .replace(/[\u2264\u2266\u2a7d]/g, '≤')
    .replace(/[\uff1d\ufe66\u2550]/g, '=')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[：]/g, ':')
    .replace(/\s+/g, '');
}

/** Punctuation an author may leave at the end of a value. */
const TRAILING = /[。.;；,，、!！]+$/;

/** Parse one 指标值 or 完成值 as the author wrote it. Never throws; unknown forms are qualitative. */
export function parseIndicatorValue(text: string): IndicatorValue {
  const compact = normaliseIndicatorText(text).replace(TRAILING, '');
  if (compact === '') return { kind: 'qualitative', text };
  if (NOT_APPLICABLE.has(compact.toLowerCase())) return { kind: 'not-applicable', text };
  return parseDate(compact, text) ?? parseQuantity(compact, text) ?? { kind: 'qualitative', text };
}

function parseQuantity(compact: string, text: string): QuantityValue | undefined {
  let rest = compact;

  // A comparator word after the value: `95%以上`, `5天内`.
  let suffix: Comparator | undefined;
  for (const [word, comparator] of SUFFIX_COMPARATORS) {
    if (rest.endsWith(word)) {
      suffix = comparator;
      rest = rest.slice(0, -word.length);
      break;
    }
  }

  // The unit glued to the end: `≥50个`, `≤90万元`, `95%`.
  let unit = '';
  for (let len = Math.min(5, rest.length); len >= 1; len--) {
    const written = rest.slice(-len);
    const normalised = UNITS.get(written);
    if (normalised !== undefined && /\d$/.test(rest.slice(0, -len))) {
      unit = normalised;
      rest = rest.slice(0, -len);
      break;
    }
  }

  const number = NUMBER.exec(rest);
  if (!number || number[1] === undefined) return undefined;
  const value = number[1].replace(/,/g, '');
  rest = rest.slice(0, -number[1].length);

  // A comparator word or symbol right before the number: `≥`, `不低于`, `达到`.
  let prefix: Comparator | undefined;
  for (const [word, comparator] of PREFIX_COMPARATORS) {
    if (rest.endsWith(word)) {
      prefix = comparator;
      rest = rest.slice(0, -word.length);
      break;
    }
  }

  // What is left is the description (指标名称). Digits in it mean the text holds more than one figure.
  if (/\d/.test(rest)) return undefined;
  // `1.` style leftovers or a dangling minus would also make the reading doubtful.
  if (/[-+.]$/.test(rest)) return undefined;

  if (prefix !== undefined && suffix !== undefined && prefix !== suffix) {
    // `≥95%以上` agrees; `大于95%以上` only repeats the direction (the written prefix wins, `>`);
    // `不超过5%以上` points both ways and is left to the author (qualitative).
    const agree = (prefix === '>' && suffix === '>=') || (prefix === '<' && suffix === '<=');
    if (!agree) return undefined;
  }

  const percent = unit === '%';
  const written = prefix ?? suffix;
  const comparator: Comparator = written ?? (percent ? '>=' : '=');
  const label = rest.replace(/[:)\]】]+$/, '').trim();
  return {
    kind: 'quantity',
    comparator,
    value,
    unit,
    percent,
    comparatorImplied: written === undefined,
    label,
    text,
  };
}

/**
 * Dates: `2024 年 12 月完成`, `2024年12月底前`, `11月底前`, `2024年12月31日前`, `2023年底完成`, `2019年`,
 * `10月底前已全部购买完成。`, `8月底前完成社区建成区面积测量…`, an optional digit-free prefix
 * (`各项业务工作2024年12月完成`). A text naming two dates (`9月底前完成…; 12月底前完成…`) is qualitative.
 */
function parseDate(compact: string, text: string): DateValue | undefined {
  const full =
    /^(\D*?)(?:(\d{4})年(?:度)?)?(\d{1,2})月(?:份)?(?:(\d{1,2})[日号])?(底|末|中旬|上旬|下旬)?(之前|以前|前)?(.*)$/u.exec(
      compact,
    );
  if (full) {
    const [, , y, m, d, , before, rest = ''] = full;
    const month = Number(m);
    const day = d === undefined ? undefined : Number(d);
    if (month < 1 || month > 12) return undefined;
    if (day !== undefined && (day < 1 || day > 31)) return undefined;
    if (!dateTailOk(rest, before !== undefined)) return undefined;
    const value: DateValue = { kind: 'date', month, comparator: '<=', text };
    if (y !== undefined) value.year = Number(y);
    if (day !== undefined) value.day = day;
    return value;
  }
  // A year alone (`2019年`, `2019年度`, `2019年完成`) is a deadline too: the end of that year.
  const yearEnd = /^(\D*?)(\d{4})年(?:度)?(底|末|内|度内)?(之前|以前|前)?(.*)$/u.exec(compact);
  if (yearEnd) {
    const [, , y, end, before, rest = ''] = yearEnd;
    if (!dateTailOk(rest, before !== undefined)) return undefined;
    const value: DateValue = { kind: 'date', year: Number(y), month: 12, comparator: '<=', text };
    if (end === undefined) value.yearOnly = true;
    return value;
  }
  return undefined;
}

/**
 * What may follow a date: nothing, a completion word (`完成`, `前完成`, `全部完成`), or — when the date is a
 * deadline (`…月底前`) — a description of what is done by then, as long as it names no second date.
 */
function dateTailOk(rest: string, deadline: boolean): boolean {
  if (rest === '') return true;
  if (/\d+月|\d{4}年/.test(rest)) return false;
  if (/^(?:之?前|内)?(?:已?全部|已|均已)?完成/.test(rest) && (deadline || !/\d/.test(rest))) return true;
  return deadline && !/\d/.test(rest);
}
