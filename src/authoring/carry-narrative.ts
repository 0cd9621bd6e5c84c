/**
 * Carries a report narrative (report.md) to a new year: the headings stay, as the structure the report
 * form asks for; each section's prose becomes a `<!-- 待填写：… -->` comment that points at last year's
 * lines and names the figures last year's section used. Last year's prose is not copied: a sentence about
 * last year's work that nobody rewrote would print in this year's report, and no check can catch it.
 * Last year's own year in a heading becomes `{{年度}}`, so it prints the new year.
 */
import { stripComments } from '../views/narrative/markdown.js';
import { FILL } from './carry-yaml.js';

const HEADING = /^(#{1,4})\s+(.*)$/;
const FIGURE = /\{\{\s*([^{}]+?)\s*\}\}/g;

export interface NarrativeContext {
  fromYear: number;
  year: number;
  sourcePath: string;
}

export function carryNarrativeText(text: string, ctx: NarrativeContext): string {
  const lines = stripComments(text.replace(/\r\n?/g, '\n')).split('\n');
  const sections: { heading?: string; first: number; last: number; prose: number; figures: Set<string> }[] = [
    { first: 1, last: 0, prose: 0, figures: new Set() },
  ];
  lines.forEach((line, i) => {
    const heading = HEADING.exec(line);
    if (heading) {
      sections.push({ heading: line, first: i + 1, last: i + 1, prose: 0, figures: new Set() });
      return;
    }
    const current = sections[sections.length - 1]!;
    if (line.trim() === '') return;
    if (current.prose === 0) current.first = i + 1;
    current.prose++;
    current.last = i + 1;
    for (const m of line.matchAll(FIGURE)) current.figures.add(m[1]!.replace(/\s+/g, ' '));
  });

  const year = new RegExp(`(?<!\\d)${ctx.fromYear}(?!\\d)`, 'g');
  const out: string[] = [
    '<!--',
    `${ctx.year} 年度报告正文，由 jixiao init 根据 ${ctx.fromYear} 年度的 ${ctx.sourcePath} 生成。`,
    `保留了上年的标题（请按本年度核对修改），各节正文${FILL.replace('：', '')}；上年正文仍在上年的文件中，可以参考。`,
    '数字请写成 {{数据名}}（见 README 报告正文中的数据），不要手抄。',
    '-->',
    '',
  ];
  for (const s of sections) {
    if (s.heading !== undefined) {
      out.push(s.heading.replace(year, '{{年度}}'), '');
    }
    if (s.prose === 0) continue;
    const where = s.first === s.last ? `第 ${s.first} 行` : `第 ${s.first}–${s.last} 行`;
    const figures = s.figures.size
      ? `；上年引用的数据：${[...s.figures].map((f) => `{{${f}}}`).join('、')}`
      : '';
    out.push(`<!-- ${FILL}本节正文（上年见 ${ctx.sourcePath} ${where}${figures}） -->`, '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
