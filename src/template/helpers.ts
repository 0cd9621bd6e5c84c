/**
 * Template helpers. Handlebars does not check helper parameters, so each helper checks its own and
 * throws a TemplateHelperError that carries the helper call's position in the template.
 * Money arrives as decimal strings ("86.275"), never floats; rounding is half-up.
 */
import Big from 'big.js';
import type { HelperOptions } from 'handlebars';
import { chineseNumeral } from '../document/numbering.js';

export class TemplateHelperError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(message);
    this.name = 'TemplateHelperError';
  }
}

function fail(options: HelperOptions | undefined, message: string): never {
  const loc = (options as unknown as { loc?: { start: { line: number; column: number } } })?.loc;
  throw new TemplateHelperError(message, loc?.start.line, loc ? loc.start.column + 1 : undefined);
}

/** Splits Handlebars' trailing options object off the positional arguments. */
function split(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  const options = args.at(-1) as HelperOptions;
  return { params: args.slice(0, -1), options };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Values that stand for "nothing" and are printed as the data gives them. */
const MARKERS = new Set(['-', '—', '不适用', '']);

function toBig(value: unknown, what: string, options: HelperOptions): Big {
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return new Big(value.trim());
  if (typeof value === 'number' && Number.isSafeInteger(value)) return new Big(value);
  if (typeof value === 'number') {
    fail(options, `${what}须是十进制数字字符串（如 "86.275"），不能是浮点数 ${value}`);
  }
  if (value === undefined || value === null) fail(options, `${what}缺少数值`);
  fail(options, `${what}须是十进制数字，却是“${String(value)}”`);
}

function decimalsParam(value: unknown, fallback: number, helper: string, options: HelperOptions): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 6) {
    fail(options, `${helper} 的小数位数须是 0 到 6 的整数，却是“${String(value)}”`);
  }
  return value;
}

function arity(helper: string, params: unknown[], min: number, max: number, options: HelperOptions): void {
  if (params.length < min || params.length > max) {
    const want = min === max ? `${min}` : `${min} 到 ${max}`;
    fail(options, `${helper} 需要 ${want} 个参数，却给了 ${params.length} 个`);
  }
}

/** {{money value [decimals]}}: 86.275 → "86.28"; "-" and "不适用" are printed as given. */
export function money(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('money', params, 1, 2, options);
  const [value, decimals] = params;
  if (typeof value === 'string' && MARKERS.has(value.trim())) return value.trim();
  const dp = decimalsParam(decimals, 2, 'money', options);
  return toBig(value, 'money 的金额', options).toFixed(dp, Big.roundHalfUp);
}

/** {{percent ratio [decimals]}}: a ratio as a percentage, "0.9999" → "100.0%"; default 1 decimal. */
export function percent(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('percent', params, 1, 2, options);
  const [value, decimals] = params;
  if (typeof value === 'string' && MARKERS.has(value.trim())) return value.trim();
  const dp = decimalsParam(decimals, 1, 'percent', options);
  return `${toBig(value, 'percent 的比率', options).times(100).toFixed(dp, Big.roundHalfUp)}%`;
}

/** {{number value [decimals]}}: a plain decimal, rounded half-up when decimals are given. */
export function number(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('number', params, 1, 2, options);
  const [value, decimals] = params;
  if (typeof value === 'string' && MARKERS.has(value.trim())) return value.trim();
  const b = toBig(value, 'number 的数值', options);
  return decimals === undefined
    ? b.toString()
    : b.toFixed(decimalsParam(decimals, 0, 'number', options), Big.roundHalfUp);
}

/** {{date "2022-01-14"}} → "2022 年 1 月 14 日"; {{date "2022-01-14" "compact"}} → "2022年1月14日". */
export function date(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('date', params, 1, 2, options);
  const [value, style] = params;
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) fail(options, `date 须是“2022-01-14”形式的日期，却是“${String(value)}”`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) fail(options, `日期“${value}”不存在`);
  if (style !== undefined && style !== 'compact')
    fail(options, `date 的样式只能是 "compact"，却是“${String(style)}”`);
  return style === 'compact' ? `${y}年${mo}月${d}日` : `${y} 年 ${mo} 月 ${d} 日`;
}

function integerParam(value: unknown, helper: string, options: HelperOptions): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 9999) {
    fail(options, `${helper} 须是 0 到 9999 的整数，却是“${String(value)}”`);
  }
  return n;
}

/** {{cnum 12}} → "十二". */
export function cnum(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('cnum', params, 1, 1, options);
  return chineseNumeral(integerParam(params[0], 'cnum', options));
}

/** {{ordinal 3}} → "第三"; {{ordinal 3 "shi"}} → "三是" (一是、二是 …). */
export function ordinal(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('ordinal', params, 1, 2, options);
  const n = chineseNumeral(integerParam(params[0], 'ordinal', options));
  const style = params[1];
  if (style === undefined) return `第${n}`;
  if (style === 'shi') return `${n}是`;
  fail(options, `ordinal 的样式只能是 "shi"，却是“${String(style)}”`);
}

/** {{seq @index}} → @index + 1, for 序号 columns. */
export function seq(...args: unknown[]): string {
  const { params, options } = split(args);
  arity('seq', params, 1, 1, options);
  return String(integerParam(params[0], 'seq', options) + 1);
}

/** {{#if (eq a b)}}: strict equality of two strings or numbers. */
export function eq(...args: unknown[]): boolean {
  const { params, options } = split(args);
  arity('eq', params, 2, 2, options);
  return params[0] === params[1];
}

export const HELPERS = { money, percent, number, date, cnum, ordinal, seq, eq } as const;
