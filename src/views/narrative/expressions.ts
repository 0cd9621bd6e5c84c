import type { HelperOptions } from 'handlebars';
import type { Findings, SourcePosition } from '../../diagnostics/finding.js';
import { type Decimal, percentText } from '../../money/decimal.js';
import { cnum, date, money, number, ordinal, percent, TemplateHelperError } from '../../template/helpers.js';
import { closest } from '../../validate/suggest.js';

/**
 * Figures in narrative prose are expressions over the unit's figures: `{{部门预算}}` prints a figure,
 * `{{money 部门预算 0}}` prints it through a format. Every figure comes from the data, so a corrected
 * figure changes every sentence that prints it.
 *
 * The expressions are a closed set, parsed here rather than by Handlebars (which resolves any path, so
 * `{{constructor}}` or `{{this}}` would print, and runs its built-in helpers such as `lookup` and `log`):
 * a data name, or a format from FORMATS followed by data names, numbers and "quoted text". Anything else,
 * and braces that make no expression (`{{` left open, `}}}`, full-width `｛｛`), is a finding at its line
 * and column.
 */
const FORMATS = { money, percent, number, date, cnum, ordinal } as const;

/**
 * A rate: formats get the ratio (`{{percent 预算执行率 1}}` → 99.8%), written bare it prints as `text`
 * (its usual decimals, or as the author typed it).
 */
export interface Rate {
  ratio: string;
  text: string;
}

export type Figures = Record<string, string | Rate>;

/** A rate from its ratio, printed bare at `decimals`. */
export function rate(ratio: Decimal, decimals: number): Rate {
  return { ratio: ratio.toFixed(), text: percentText(ratio, decimals) };
}

/** Part of a line: as the author typed it (`source`, escapes still in), or a figure's printed value. */
export interface Chunk {
  text: string;
  source: boolean;
}

type Arg = { kind: 'name'; text: string } | { kind: 'literal'; value: string | number };

const TOKEN = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/y;
const NUMBER = /^-?\d+(\.\d+)?$/;
const OPEN = new Set(['{', '｛']);
const CLOSE = new Set(['}', '｝']);

/**
 * Fills in the figures of one line of text, whose character `i` is written at `at(i)`. Each `{{…}}` is
 * evaluated on its own, so every mistake in a line is reported at its own column. Values come back as
 * chunks of their own, so the caller never reads a value as markup; the result goes to the template as
 * data and is escaped there. A backslash keeps the next brace as text.
 */
export function evaluateFigures(
  text: string,
  figures: Figures,
  at: (offset: number) => SourcePosition,
  findings: Findings,
): Chunk[] {
  if (!/[{}｛｝]/.test(text)) return [{ text, source: true }];
  const chunks: Chunk[] = [];
  let out = '';
  const value = (printed: string) => {
    if (out) chunks.push({ text: out, source: true });
    chunks.push({ text: printed, source: false });
    out = '';
  };
  const fail = (offset: number, message: string) =>
    findings.error('narrative-expression', message, at(offset));
  const pairAt = (i: number, set: Set<string>) => set.has(text[i]!) && set.has(text[i + 1]!);
  const fullWidth = (i: number) => text[i] !== text[i + 1] || text[i]! > '\u007f';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\' && i + 1 < text.length) {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (pairAt(i, CLOSE)) {
      const run = closingRun(text, i);
      fail(
        i,
        fullWidth(i)
          ? `正文中的“${text.slice(i, i + 2)}”是全角括号；数据应写成半角的 {{数据名}}`
          : `多余的“${'}'.repeat(run)}”：前面没有对应的“{{”；正文中要写括号本身时在前面加 \\，如 \\}`,
      );
      out += text.slice(i, i + run);
      i += run;
      continue;
    }
    if (!pairAt(i, OPEN)) {
      out += text[i];
      i++;
      continue;
    }
    const start = i;
    // The end of this expression: the first closing pair, unless another opening comes first.
    let end = i + 2;
    while (end < text.length && !pairAt(end, CLOSE) && !pairAt(end, OPEN)) end++;
    const closed = end < text.length && pairAt(end, CLOSE);
    if (fullWidth(start) || (closed && fullWidth(end))) {
      const wide = fullWidth(start) ? start : end;
      fail(wide, `正文中的“${text.slice(wide, wide + 2)}”是全角括号；数据应写成半角的 {{数据名}}`);
      const stop = closed ? end + 2 : start + 2;
      out += text.slice(start, stop);
      i = stop;
      continue;
    }
    if (!closed) {
      fail(start, '“{{”没有对应的“}}”：数据应写成 {{数据名}}，写在同一行内');
      out += text.slice(start, start + 2);
      i = start + 2;
      continue;
    }
    const run = closingRun(text, end);
    const body = text.slice(start + 2, end);
    const expression = text.slice(start, end + 2);
    i = end + run;
    if (body.startsWith('{') || run > 2) {
      // `{{{x}}}` (unescaped output) or a stray brace after the expression (`{{x}}}`).
      fail(
        body.startsWith('{') ? start : end + 2,
        body.startsWith('{')
          ? `正文中只能写 {{数据名}} 或 {{格式 数据名 …}}，不支持“${text.slice(start, i)}”`
          : `多余的“${'}'.repeat(run - 2)}”：“${expression}”后面多了括号`,
      );
      out += text.slice(start, i);
      continue;
    }
    const printed = evaluate(body, expression, figures, (message) => fail(start, message));
    if (printed === undefined) out += expression;
    else value(printed);
  }
  if (out || chunks.length === 0) chunks.push({ text: out, source: true });
  return chunks;
}

/** How many closing braces (of either width) follow from `i`. */
function closingRun(text: string, i: number): number {
  let n = 0;
  while (CLOSE.has(text[i + n]!)) n++;
  return n;
}

/** The printed value of one expression's body, or undefined after reporting what is wrong with it. */
function evaluate(
  body: string,
  expression: string,
  figures: Figures,
  fail: (message: string) => void,
): string | undefined {
  const unsupported = `正文中只能写 {{数据名}} 或 {{格式 数据名 …}}，不支持“${expression}”`;
  const args = tokens(body);
  if (!args || args.length === 0 || /^\s*[#/^>!&~]|~\s*$/.test(body)) {
    fail(unsupported);
    return undefined;
  }
  const [head, ...rest] = args;
  // A rate is its ratio to a format and its usual text when printed bare.
  const figure = (name: string, bare = false): string | undefined => {
    if (Object.hasOwn(figures, name)) {
      const f = figures[name]!;
      return typeof f === 'string' ? f : bare ? f.text : f.ratio;
    }
    const guess = closest(
      name,
      Object.keys(figures).map((key) => ({ key })),
    );
    fail(
      `正文引用的数据“${name}”不存在${guess ? `。是否应为“${guess.key}”？` : ''}（可用的数据见 README“报告正文中的数据”）`,
    );
    return undefined;
  };
  if (head!.kind === 'name' && Object.hasOwn(FORMATS, head!.text)) {
    const values: Array<string | number> = [];
    for (const arg of rest) {
      const value = arg.kind === 'name' ? figure(arg.text) : arg.value;
      if (value === undefined) return undefined;
      values.push(value);
    }
    try {
      const format = FORMATS[head!.text as keyof typeof FORMATS] as (...a: unknown[]) => string;
      // The formats are the template helpers; they take Handlebars' options last (unused here).
      return format(...values, {} as HelperOptions);
    } catch (error) {
      if (!(error instanceof TemplateHelperError)) throw error;
      fail(`正文中的格式有误：${error.message}`);
      return undefined;
    }
  }
  if (head!.kind !== 'name') {
    fail(unsupported);
    return undefined;
  }
  if (rest.length > 0) {
    fail(
      Object.hasOwn(figures, head!.text)
        ? unsupported
        : `正文使用了未知的格式“${head!.text}”；可用的有：${Object.keys(FORMATS).join('、')}`,
    );
    return undefined;
  }
  return figure(head!.text, true);
}

/** The words of an expression's body; undefined when a quote is left open. */
function tokens(body: string): Arg[] | undefined {
  const out: Arg[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    if (/^\s*$/.test(body.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(body);
    if (!m) return undefined;
    const quoted = m[1] ?? m[2];
    const word = m[3];
    if (quoted !== undefined) out.push({ kind: 'literal', value: quoted });
    else if (NUMBER.test(word!)) out.push({ kind: 'literal', value: Number(word) });
    else out.push({ kind: 'name', text: word! });
  }
  return out;
}
