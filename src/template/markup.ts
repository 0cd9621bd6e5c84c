/**
 * The document markup templates emit, and its one parser into the intermediate document.
 *
 * The markup is a small XML-like language (documented for bureau staff in docs/templates.md):
 *
 *   <document title="…" date="2022-01-14">
 *     <section paper="A4" orientation="portrait" grid="gongwen" page-numbers="gongwen">
 *       <title>…</title> <h1>…</h1> … <h4>…</h4> <p>…<b>…</b><span role="heading1">…</span><br/></p>
 *       <list style="decimal"><item>…</item></list> <blank/> <pagebreak/> <attachment number="1"/>
 *       <table widths="1 2 3" columns="content" header-rows="1" font-size="9" group-columns="0" merge-columns="1">
 *         <tr keep-with-next="true"><td rowspan="2" colspan="1" align="center" valign="center" bold="true">…</td></tr>
 *         <tr keep-with-previous="true"><td value="86.275">86.28</td><td value="0.9876">98.8%</td><td value="172.55" sum="block">…</td></tr>
 *       </table>
 *     </section>
 *   </document>
 *
 * Text rules: entities (&lt; &amp; &#10; …) decode to the character; a newline written in the template
 * and the indentation around it disappear (Chinese text has no spaces between lines); a newline that
 * came from the data (see DATA_NEWLINE) is a line break. Text between blocks must be whitespace.
 */
import { fitColumns } from '../document/column-widths.js';
import { HeadingCounter, listLabel } from '../document/numbering.js';
import {
  type Align,
  type Block,
  FONT_ROLES,
  type FontRole,
  GONGWEN_MARGINS,
  type IntermediateDocument,
  type List,
  type ListStyle,
  type Margins,
  type PageNumberStyle,
  type Paragraph,
  type ParagraphStyle,
  pageSizeMm,
  type Run,
  type Section,
  type Table,
  type TableCell,
  type TableRow,
  type VAlign,
} from '../document/types.js';
import {
  CellFigureError,
  cellFigure,
  resolveSums,
  SUM_MODES,
  type SumMode,
  sumMode,
} from './cell-figures.js';
import { mergeDown } from './merge-columns.js';

/**
 * A newline inside a data value; the template layer maps data `\n` to it before Handlebars sees it.
 * A noncharacter, which the loader removes from content: a private-use character such as U+E000 is a
 * real character (造字, a rare character in a person's or place's name) and must print as itself.
 */
export const DATA_NEWLINE = '\uFFFF';

export class MarkupError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
    /** The text at fault as the markup has it, to find where a template writes it. */
    readonly snippet?: string,
  ) {
    super(message);
    this.name = 'MarkupError';
  }
}

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  line: number;
  col: number;
}

interface TextNode {
  text: string;
  line: number;
  col: number;
}

type Node = Element | TextNode;

function isElement(n: Node): n is Element {
  return 'name' in n;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The character a numeric entity names, or undefined when it names none (past U+10FFFF, a surrogate, NUL). */
function codePoint(digits: string, radix: number): string | undefined {
  const n = Number.parseInt(digits, radix);
  if (!Number.isSafeInteger(n) || n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

function decodeEntities(s: string, line: number, col: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);?/g, (whole, body: string) => {
    if (!whole.endsWith(';'))
      throw new MarkupError(`“&”后应是实体（如 &amp;），却是“${whole}”`, line, col, whole);
    if (body.startsWith('#')) {
      const c = body.startsWith('#x') ? codePoint(body.slice(2), 16) : codePoint(body.slice(1), 10);
      if (c === undefined)
        throw new MarkupError(
          `实体“${whole}”不是有效的字符（应在 &#x1; 到 &#x10FFFF; 之间）`,
          line,
          col,
          whole,
        );
      return c;
    }
    const v = ENTITIES[body];
    if (v === undefined) throw new MarkupError(`未知的实体“${whole}”`, line, col, whole);
    return v;
  });
}

/** Parses the markup into a tree; tag syntax only, no meaning yet. */
export function parseTree(src: string): Element {
  const root: Element = { name: '#root', attrs: {}, children: [], line: 1, col: 1 };
  const stack: Element[] = [root];
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (src[i] === '\n') {
        line++;
        col = 1;
      } else col++;
    }
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const end = lt < 0 ? src.length : lt;
    if (end > i) {
      const raw = src.slice(i, end);
      stack.at(-1)!.children.push({ text: decodeEntities(raw, line, col), line, col });
      advance(end);
      continue;
    }
    // A tag at i.
    if (src.startsWith('<!--', i)) {
      const close = src.indexOf('-->', i);
      if (close < 0) throw new MarkupError('注释没有结束（缺少 -->）', line, col);
      advance(close + 3);
      continue;
    }
    const gt = src.indexOf('>', i);
    if (gt < 0) throw new MarkupError('标签没有结束（缺少 >）', line, col);
    const tag = src.slice(i + 1, gt);
    const tagLine = line;
    const tagCol = col;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open === root) throw new MarkupError(`多余的结束标签 </${name}>`, tagLine, tagCol);
      if (open.name !== name) {
        throw new MarkupError(
          `结束标签 </${name}> 与第 ${open.line} 行第 ${open.col} 列的 <${open.name}> 不匹配`,
          tagLine,
          tagCol,
        );
      }
      advance(gt + 1);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([a-z][a-z0-9-]*)\s*(.*)$/s.exec(body);
    if (!m) throw new MarkupError(`无法识别的标签 <${tag}>`, tagLine, tagCol);
    const attrs: Record<string, string> = {};
    const attrSrc = m[2]!.trim();
    const attrRe = /([a-z][a-z0-9-]*)="([^"]*)"\s*/gy;
    let consumed = 0;
    for (let a = attrRe.exec(attrSrc); a; a = attrRe.exec(attrSrc)) {
      if (a[1]! in attrs) throw new MarkupError(`<${m[1]}> 的属性 ${a[1]} 重复`, tagLine, tagCol);
      attrs[a[1]!] = decodeEntities(a[2]!, tagLine, tagCol).replaceAll(DATA_NEWLINE, '\n');
      consumed = attrRe.lastIndex;
    }
    if (consumed !== attrSrc.length) {
      throw new MarkupError(`<${m[1]}> 的属性写法有误：“${attrSrc.slice(consumed)}”`, tagLine, tagCol);
    }
    const el: Element = { name: m[1]!, attrs, children: [], line: tagLine, col: tagCol };
    stack.at(-1)!.children.push(el);
    if (!selfClosing) stack.push(el);
    advance(gt + 1);
  }
  if (stack.length > 1) {
    const open = stack.at(-1)!;
    throw new MarkupError(`<${open.name}> 没有结束标签`, open.line, open.col);
  }
  return root;
}

const BLOCK_NAMES = 'title, subtitle, h1–h4, p, blank, list, table, pagebreak, attachment';

function attr<T extends string>(el: Element, name: string, allowed: readonly T[], fallback: T): T {
  const v = el.attrs[name];
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new MarkupError(
      `<${el.name}> 的 ${name}="${v}" 无效，应为 ${allowed.join('、')} 之一`,
      el.line,
      el.col,
      `${name}="${v}"`,
    );
  }
  return v as T;
}

function numAttr(el: Element, name: string, fallback: number, min = 0): number {
  const v = el.attrs[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || n < min) {
    throw new MarkupError(
      `<${el.name}> 的 ${name}="${v}" 应为不小于 ${min} 的数`,
      el.line,
      el.col,
      `${name}="${v}"`,
    );
  }
  return n;
}

/** A whole-number attribute (a row or column count, a list's start): "1.5" is refused. */
function intAttr(el: Element, name: string, fallback: number, min = 0): number {
  const v = el.attrs[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || !Number.isSafeInteger(n)) {
    throw new MarkupError(
      `<${el.name}> 的 ${name}="${v}" 应为不小于 ${min} 的整数`,
      el.line,
      el.col,
      `${name}="${v}"`,
    );
  }
  return n;
}

function numListAttr(el: Element, name: string): number[] | undefined {
  const v = el.attrs[name];
  if (v === undefined) return undefined;
  const parts = v
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) {
    throw new MarkupError(
      `<${el.name}> 的 ${name}="${v}" 应为以空格分隔的数`,
      el.line,
      el.col,
      `${name}="${v}"`,
    );
  }
  return parts.map(Number);
}

/** A list of the table's column numbers (0-based); a number written twice counts once. */
function columnListAttr(el: Element, name: string, width: number): number[] {
  const columns = numListAttr(el, name) ?? [];
  for (const c of columns) {
    if (!Number.isInteger(c) || c >= width)
      throw new MarkupError(
        `<table> 的 ${name} 中 ${c} 不是表格的列号（0 到 ${width - 1}）`,
        el.line,
        el.col,
        `${name}="${el.attrs[name]}"`,
      );
  }
  return [...new Set(columns)];
}

function checkAttrs(el: Element, allowed: string[]): void {
  for (const k of Object.keys(el.attrs)) {
    if (!allowed.includes(k)) {
      const hint = allowed.length ? `，可用的属性：${allowed.join('、')}` : '，它没有属性';
      throw new MarkupError(`<${el.name}> 没有属性 ${k}${hint}`, el.line, el.col);
    }
  }
}

/** Text as written in the markup: template newlines and their indentation go, data newlines stay. */
function cleanText(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t\r\n]*/g, '');
}

interface InlineStyle {
  role?: FontRole;
  size?: number;
  bold?: boolean;
}

function inlineRuns(el: Element, style: InlineStyle = {}): Run[] {
  const runs: Run[] = [];
  for (const child of el.children) {
    if (!isElement(child)) {
      const text = cleanText(child.text);
      const parts = text.split(DATA_NEWLINE);
      parts.forEach((part, idx) => {
        if (idx > 0) runs.push({ break: true });
        if (part) runs.push({ text: part, ...style });
      });
      continue;
    }
    switch (child.name) {
      case 'br':
        checkAttrs(child, []);
        runs.push({ break: true });
        break;
      case 'b':
        checkAttrs(child, []);
        runs.push(...inlineRuns(child, { ...style, bold: true }));
        break;
      case 'span': {
        checkAttrs(child, ['role', 'size', 'bold']);
        const next: InlineStyle = { ...style };
        if (child.attrs['role'] !== undefined) next.role = attr(child, 'role', FONT_ROLES, 'body');
        if (child.attrs['size'] !== undefined) next.size = numAttr(child, 'size', 16, 5);
        if (child.attrs['bold'] !== undefined)
          next.bold = attr(child, 'bold', ['true', 'false'], 'false') === 'true';
        runs.push(...inlineRuns(child, next));
        break;
      }
      default:
        throw new MarkupError(
          `<${el.name}> 里不能有 <${child.name}>；文字里可用 <b>、<span>、<br/>`,
          child.line,
          child.col,
        );
    }
  }
  return mergeRuns(runs);
}

function sameStyle(a: Run, b: Run): boolean {
  if ('break' in a || 'break' in b) return false;
  return a.role === b.role && a.size === b.size && a.bold === b.bold;
}

function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && sameStyle(last, r) && !('break' in last) && !('break' in r)) {
      out[out.length - 1] = { ...last, text: last.text + r.text };
    } else out.push(r);
  }
  return out;
}

function blockChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (const c of el.children) {
    if (isElement(c)) out.push(c);
    else if (c.text.trim() !== '') {
      throw new MarkupError(
        `<${el.name}> 里的文字“${c.text.trim().slice(0, 20)}”须放在 <p> 等元素中`,
        c.line,
        c.col,
      );
    }
  }
  return out;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right', 'justify'];
const VALIGNS: readonly VAlign[] = ['top', 'center', 'bottom'];

/** `widthMm`: the type area's width, which the columns share (see fitColumns). */
function parseTable(el: Element, widthMm: number): Table {
  checkAttrs(el, ['widths', 'columns', 'header-rows', 'font-size', 'group-columns', 'merge-columns']);
  const rows: TableRow[] = [];
  const sums = new Map<TableCell, SumMode>();
  const groups = new Map<TableCell, string>();
  const figureError = (error: unknown, at: Element): never => {
    if (error instanceof CellFigureError) throw new MarkupError(error.message, at.line, at.col);
    throw error;
  };
  for (const tr of blockChildren(el)) {
    if (tr.name !== 'tr') throw new MarkupError(`<table> 里只能有 <tr>，却有 <${tr.name}>`, tr.line, tr.col);
    checkAttrs(tr, ['keep-with-next', 'keep-with-previous']);
    const cells: TableCell[] = [];
    for (const td of blockChildren(tr)) {
      if (td.name !== 'td') throw new MarkupError(`<tr> 里只能有 <td>，却有 <${td.name}>`, td.line, td.col);
      checkAttrs(td, ['rowspan', 'colspan', 'align', 'valign', 'bold', 'value', 'sum', 'add-to']);
      const cell: TableCell = {
        runs: inlineRuns(td),
        rowSpan: intAttr(td, 'rowspan', 1, 1),
        colSpan: intAttr(td, 'colspan', 1, 1),
        align: attr(td, 'align', ALIGNS, 'left'),
        valign: attr(td, 'valign', VALIGNS, 'center'),
      };
      if (td.attrs['bold'] === 'true') cell.bold = true;
      else attr(td, 'bold', ['true', 'false'], 'false');
      const value = td.attrs['value'];
      if (value !== undefined) {
        try {
          const figure = cellFigure(value.trim(), cell);
          if (figure) cell.figure = figure;
        } catch (error) {
          figureError(error, td);
        }
      }
      const sum = td.attrs['sum'];
      if (sum !== undefined) {
        if (value === undefined) throw new MarkupError('<td> 的 sum 须与 value 同用', td.line, td.col);
        if (sum.trim() === '')
          throw new MarkupError(
            `<td> 的 sum 不能为空：写 ${SUM_MODES.join('、')} 或一个组名（与 add-to 相同）`,
            td.line,
            td.col,
          );
        sums.set(cell, sumMode(sum));
      }
      const addTo = td.attrs['add-to'];
      if (addTo !== undefined) {
        if (value === undefined) throw new MarkupError('<td> 的 add-to 须与 value 同用', td.line, td.col);
        if (addTo.trim() === '' || (SUM_MODES as readonly string[]).includes(addTo.trim()))
          throw new MarkupError(
            `<td> 的 add-to="${addTo}" 须是一个组名（不能为空，也不能是 ${SUM_MODES.join('、')}）`,
            td.line,
            td.col,
          );
        groups.set(cell, addTo.trim());
      }
      cells.push(cell);
    }
    const row: TableRow = { cells };
    if (attr(tr, 'keep-with-next', ['true', 'false'], 'false') === 'true') row.keepWithNext = true;
    if (attr(tr, 'keep-with-previous', ['true', 'false'], 'false') === 'true') {
      const previous = rows.at(-1);
      if (!previous)
        throw new MarkupError('表格第 1 行不能写 keep-with-previous：它前面没有行', tr.line, tr.col);
      previous.keepWithNext = true;
    }
    rows.push(row);
  }
  // Check the grid: every row covers the same number of columns once spans are counted.
  const occupied: number[][] = rows.map(() => []);
  let width = -1;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (occupied[r]!.includes(c)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        if (r + dr >= rows.length) {
          throw new MarkupError(
            `表格第 ${r + 1} 行的单元格跨 ${cell.rowSpan} 行，超出了表格`,
            el.line,
            el.col,
          );
        }
        for (let dc = 0; dc < cell.colSpan; dc++) occupied[r + dr]!.push(c + dc);
      }
      c += cell.colSpan;
    }
    const n = occupied[r]!.length;
    if (width < 0) width = n;
    else if (n !== width) {
      throw new MarkupError(`表格第 ${r + 1} 行有 ${n} 列，第 1 行有 ${width} 列`, el.line, el.col);
    }
  });
  const widths = numListAttr(el, 'widths') ?? Array.from({ length: Math.max(width, 0) }, () => 1);
  if (rows.length && widths.length !== width) {
    throw new MarkupError(
      `<table> 的 widths 有 ${widths.length} 个数，表格却有 ${width} 列`,
      el.line,
      el.col,
    );
  }
  const headerRows = intAttr(el, 'header-rows', 0);
  if (headerRows > rows.length) {
    throw new MarkupError(
      `<table> 的 header-rows=${headerRows} 多于表格的行数 ${rows.length}`,
      el.line,
      el.col,
    );
  }
  const groupColumns = columnListAttr(el, 'group-columns', widths.length);
  const mergeColumns = columnListAttr(el, 'merge-columns', widths.length);
  mergeDown(rows, mergeColumns, headerRows);
  try {
    resolveSums(rows, sums, groups);
  } catch (error) {
    figureError(error, el);
  }
  const table: Table = {
    kind: 'table',
    columns: widths,
    headerRows,
    fontSize: numAttr(el, 'font-size', 10.5, 5),
    // A merged cell is a group label too: it is repeated on the next page when its group runs on.
    groupColumns: [...groupColumns, ...mergeColumns.filter((c) => !groupColumns.includes(c))],
    rows,
  };
  // columns="content" (the default): the widths follow the content; "fixed": exactly as written.
  if (attr(el, 'columns', ['content', 'fixed'], 'content') === 'content')
    table.columns = fitColumns(table, widthMm);
  return table;
}

const LIST_STYLES: readonly ListStyle[] = ['decimal', 'chinese', 'paren-decimal'];
const P_STYLES: readonly ParagraphStyle[] = ['body', 'caption', 'note', 'signature', 'table'];

function parseBlock(el: Element, headings: HeadingCounter, widthMm: number): Block {
  switch (el.name) {
    case 'title':
    case 'subtitle': {
      checkAttrs(el, []);
      return { kind: 'paragraph', style: el.name, runs: inlineRuns(el) };
    }
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4': {
      checkAttrs(el, ['number']);
      const level = Number(el.name.slice(1)) as 1 | 2 | 3 | 4;
      const numbered = attr(el, 'number', ['auto', 'none'], 'auto') === 'auto';
      return { kind: 'heading', level, number: numbered ? headings.next(level) : '', runs: inlineRuns(el) };
    }
    case 'p': {
      checkAttrs(el, ['style', 'align', 'indent']);
      const p: Paragraph = {
        kind: 'paragraph',
        style: attr(el, 'style', P_STYLES, 'body'),
        runs: inlineRuns(el),
      };
      if (el.attrs['align'] !== undefined) p.align = attr(el, 'align', ALIGNS, 'justify');
      if (el.attrs['indent'] !== undefined) p.indent = numAttr(el, 'indent', 0);
      return p;
    }
    case 'blank':
      checkAttrs(el, []);
      if (el.children.length) throw new MarkupError('<blank/> 是空行，不能有内容', el.line, el.col);
      return { kind: 'paragraph', style: 'body', indent: 0, runs: [] };
    case 'list': {
      checkAttrs(el, ['style', 'start']);
      const style = attr(el, 'style', LIST_STYLES, 'decimal');
      const start = intAttr(el, 'start', 1, 0);
      const items = blockChildren(el).map((item, idx) => {
        if (item.name !== 'item')
          throw new MarkupError(`<list> 里只能有 <item>，却有 <${item.name}>`, item.line, item.col);
        checkAttrs(item, []);
        return { label: listLabel(style, start + idx), runs: inlineRuns(item) };
      });
      const list: List = { kind: 'list', style, items };
      return list;
    }
    case 'table':
      return parseTable(el, widthMm);
    case 'pagebreak':
      checkAttrs(el, []);
      return { kind: 'pageBreak' };
    case 'attachment': {
      checkAttrs(el, ['number']);
      headings.reset();
      const n = el.attrs['number'];
      return { kind: 'attachment', label: n === undefined ? '附件' : `附件${intAttr(el, 'number', 1, 1)}` };
    }
    default:
      throw new MarkupError(`<${el.name}> 不能用在这里；可用的块元素：${BLOCK_NAMES}`, el.line, el.col);
  }
}

const PAPERS = ['A4', 'A3'] as const;
const ORIENTATIONS = ['portrait', 'landscape'] as const;
const PAGE_NUMBERS: readonly PageNumberStyle[] = ['gongwen', 'center', 'none'];

function parseSection(el: Element, headings: HeadingCounter): Section {
  checkAttrs(el, ['paper', 'orientation', 'grid', 'page-numbers', 'margins']);
  const grid = attr(el, 'grid', ['gongwen', 'none'], 'none') === 'gongwen';
  const orientation = attr(el, 'orientation', ORIENTATIONS, 'portrait');
  const paper = attr(el, 'paper', PAPERS, 'A4');
  if (grid && (paper !== 'A4' || orientation !== 'portrait')) {
    throw new MarkupError('公文版心（grid="gongwen"）只用于 A4 纵向', el.line, el.col);
  }
  let margins: Margins = grid ? { ...GONGWEN_MARGINS } : { top: 20, right: 15, bottom: 20, left: 15 };
  const m = numListAttr(el, 'margins');
  if (m) {
    if (m.length !== 4 || grid) {
      throw new MarkupError(
        'margins 须是“上 右 下 左”四个毫米数，且不能与 grid="gongwen" 同用',
        el.line,
        el.col,
      );
    }
    margins = { top: m[0]!, right: m[1]!, bottom: m[2]!, left: m[3]! };
  }
  const widthMm = pageSizeMm({ paper, orientation }).width - margins.left - margins.right;
  return {
    paper,
    orientation,
    margins,
    pageNumbers: attr(el, 'page-numbers', PAGE_NUMBERS, 'gongwen'),
    grid,
    blocks: blockChildren(el).map((b) => parseBlock(b, headings, widthMm)),
  };
}

/** Parses the markup a template produced into the intermediate document. Throws MarkupError. */
export function parseMarkup(src: string): IntermediateDocument {
  const root = parseTree(src);
  const top = blockChildren(root);
  if (top.length !== 1 || top[0]!.name !== 'document') {
    throw new MarkupError('标记须只有一个根元素 <document>', top[0]?.line ?? 1, top[0]?.col ?? 1);
  }
  const doc = top[0]!;
  checkAttrs(doc, ['title', 'date']);
  const title = doc.attrs['title'];
  if (!title) throw new MarkupError('<document> 须有 title 属性', doc.line, doc.col);
  const date = doc.attrs['date'];
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new MarkupError(`<document> 的 date="${date}" 应写成 2022-01-14`, doc.line, doc.col);
  }
  const headings = new HeadingCounter();
  const sections = blockChildren(doc).map((s) => {
    if (s.name !== 'section')
      throw new MarkupError(`<document> 里只能有 <section>，却有 <${s.name}>`, s.line, s.col);
    return parseSection(s, headings);
  });
  if (sections.length === 0) throw new MarkupError('<document> 里至少要有一个 <section>', doc.line, doc.col);
  return { meta: date ? { title, date } : { title }, sections };
}
