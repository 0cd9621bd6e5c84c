import Handlebars from 'handlebars';
import type { Findings } from '../../diagnostics/finding.js';
import { HELPERS, TemplateHelperError } from '../../template/helpers.js';
import { closest } from '../../validate/suggest.js';

/**
 * Figures in narrative prose are Handlebars expressions over the unit's figures: `{{部门预算}}`,
 * `{{money 部门预算 0}}`. Every figure comes from the data, so a corrected figure changes every sentence
 * that prints it. Expressions are strict: an unknown figure is a finding at the file, line and column.
 */
const hb = Handlebars.create();
for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
const KNOWN = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));

export type Figures = Record<string, string>;

/**
 * Fills in the figures of one source line. Each `{{…}}` is evaluated on its own, so every mistake in a
 * line is reported at its own column. The result goes to the template as data and is escaped there, so
 * nothing a figure holds can change the document's structure.
 */
export function evaluateFigures(
  text: string,
  figures: Figures,
  where: { file: string; line: number },
  findings: Findings,
): string {
  if (!text.includes('{{')) return text;
  return text.replace(/\{\{([\s\S]*?)\}\}/g, (expression, body: string, offset: number) => {
    const at = { file: where.file, line: where.line, col: offset + 1 };
    if (/^\s*[#/^>!&{]/.test(body)) {
      findings.error(
        'narrative-expression',
        `正文中只能写 {{数据名}} 或 {{格式 数据名 …}}，不支持“${expression}”`,
        at,
      );
      return expression;
    }
    try {
      return hb.compile(expression, {
        strict: true,
        knownHelpersOnly: true,
        knownHelpers: KNOWN,
        noEscape: true,
      })(figures);
    } catch (error) {
      const raw = String((error as { message?: string }).message ?? error);
      const missing = /^"([^"]+)" not defined in/.exec(raw);
      const helper = /unknown helper (\S+)/.exec(raw);
      const guess = missing
        ? closest(
            missing[1]!,
            Object.keys(figures).map((key) => ({ key })),
          )
        : undefined;
      const message = missing
        ? `正文引用的数据“${missing[1]}”不存在${guess ? `。是否应为“${guess.key}”？` : ''}（可用的数据见 README“报告正文中的数据”）`
        : helper
          ? `正文使用了未知的格式“${helper[1]}”；可用的有：${Object.keys(HELPERS).join('、')}`
          : error instanceof TemplateHelperError
            ? `正文中的格式有误：${error.message}`
            : `正文中的“${expression}”写法有误`;
      findings.error('narrative-expression', message, at);
      return expression;
    }
  });
}
