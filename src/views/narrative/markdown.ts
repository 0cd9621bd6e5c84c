import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Findings } from '../../diagnostics/finding.js';

/**
 * The narrative authors write: a small Markdown that suits long Chinese prose.
 *   # 一级标题 / ## 二级 / ### 三级 / #### 四级   (numbers 一、（一）1.（1） are generated, never typed)
 *   a paragraph: lines up to a blank line, joined without spaces (Chinese has none between lines)
 *   1. numbered items            | a | b |  simple tables (first row is the header when a |---| row follows)
 *   **bold**                     <!-- comments are dropped -->      \. escapes a character
 *
 * Headings, paragraphs and lists are parsed by micromark (mdast-util-from-markdown) with every construct
 * outside this dialect turned off, so a clerk's `<b>`, `[1]`, `_x_`, `- `, `&amp;` or indented line stays
 * the text it is. Tables, comments and `**` are the dialect's own and handled here. The result is source
 * text with the column of each character: figures are put in afterwards (narrative.ts), so nothing a
 * figure holds can make a heading, a bold run or a table cell.
 */

/** Text from the narrative file with the column of each character, to report a figure where it is written. */
export interface SourceText {
  text: string;
  line: number;
  cols: number[];
}

export type NarrativeBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; lines: SourceText[]; line: number }
  | { kind: 'paragraph'; lines: SourceText[]; line: number }
  | { kind: 'list'; items: Array<{ lines: SourceText[]; line: number }>; line: number }
  | { kind: 'table'; header: boolean; rows: Array<{ cells: SourceText[]; line: number }>; line: number };

const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const COMMENT = /<!--[\s\S]*?-->/g;

/** Constructs of CommonMark the dialect does not have: what they would match stays text. */
const DISABLED = [
  'attention', // `**` is split here, as it always was; `*x*` and `_x_` stay as written
  'autolink',
  'blockQuote',
  'characterReference',
  'codeFenced',
  'codeIndented',
  'codeText',
  'definition',
  'hardBreakEscape',
  'hardBreakTrailing',
  'htmlFlow',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
  'setextUnderline',
  'thematicBreak',
];

/** Removes `<!-- … -->`, keeping line breaks so line numbers stay right. */
export function stripComments(text: string): string {
  return text.replace(COMMENT, (c) => c.replace(/[^\n]/g, ''));
}

function slice(s: SourceText, start: number, end = s.text.length): SourceText {
  return { text: s.text.slice(start, end), line: s.line, cols: s.cols.slice(start, end) };
}

function trim(s: SourceText): SourceText {
  const start = s.text.length - s.text.trimStart().length;
  return slice(s, start, start + s.text.trim().length);
}

/** Each line of the file without its comments; columns still count the comments. */
function visibleLines(text: string): SourceText[] {
  const hidden = new Set<number>();
  for (const m of text.matchAll(COMMENT)) for (let k = 0; k < m[0].length; k++) hidden.add(m.index + k);
  const out: SourceText[] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    const kept: SourceText = { text: '', line: i + 1, cols: [] };
    for (let c = 0; c < line.length; c++) {
      if (hidden.has(offset + c)) continue;
      kept.text += line[c];
      kept.cols.push(c + 1);
    }
    out.push(kept);
    offset += line.length + 1;
  });
  return out;
}

/**
 * What micromark reads: the file with comments and table rows blanked out and list markers outside the
 * dialect (`- `, `* `, `+ `, `1) `) made plain text, every line as long as it was so positions agree.
 */
function parserInput(text: string, visible: SourceText[]): string {
  return text
    .split('\n')
    .map((line, i) => {
      const shown = visible[i]!;
      if (TABLE_ROW.test(shown.text)) return ' '.repeat(line.length);
      const chars = Array.from({ length: line.length }, () => ' ');
      shown.cols.forEach((col, k) => {
        chars[col - 1] = shown.text[k]!;
      });
      return (
        chars
          .join('')
          // A heading is `#` to `####` at the start of a line and a space (a full-width one too).
          .replace(/^(#{1,4})\u3000/, '$1 ')
          .replace(/^(\s+#|#{5})/, (m) => `${m.slice(0, -1)}x`)
          // Any numbered line starts an item, even right under a paragraph line (CommonMark lets only
          // `1.` do that; the numbers are generated anyway), and `1．` is a number too.
          .replace(
            /^(\s*)(\d{1,9})[.．](?=\s)/,
            (_m, indent: string, n: string) => `${indent}${' '.repeat(n.length - 1)}1.`,
          )
          .replace(/^(\s*\d{1,9})(?:\)|[.．](?=\s*$))/, '$1x')
          .replace(/^(\s*(?:1\.\s+)?)[-*+](?=\s|$)/, '$1x')
      );
    })
    .join('\n');
}

type Root = ReturnType<typeof fromMarkdown>;
type MdNode = Root['children'][number];
type ListNode = Extract<MdNode, { type: 'list' }>;

interface Range {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** The visible lines between two positions, each trimmed (wrapped lines join without their indentation). */
function linesOf(visible: SourceText[], range: Range): SourceText[] {
  const out: SourceText[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const s = visible[line - 1]!;
    const from = line === range.start.line ? range.start.column : 1;
    const to = line === range.end.line ? range.end.column : Number.POSITIVE_INFINITY;
    const kept = s.cols.map((c, k) => (c >= from && c < to ? k : -1)).filter((k) => k >= 0);
    if (kept.length === 0) continue;
    const piece = trim(slice(s, kept[0]!, kept.at(-1)! + 1));
    if (piece.text) out.push(piece);
  }
  return out;
}

/** The range of a node's inline content: from its first child to its last. */
function contentRange(node: { children: Array<{ position?: Range }> }): Range | undefined {
  const first = node.children[0]?.position;
  const last = node.children.at(-1)?.position;
  return first && last ? { start: first.start, end: last.end } : undefined;
}

function splitCells(row: SourceText): SourceText[] {
  const open = row.text.indexOf('|');
  const close = row.text.lastIndexOf('|');
  const inner = slice(row, open + 1, close);
  const cells: SourceText[] = [];
  let start = 0;
  for (let i = 0; i <= inner.text.length; i++) {
    if (i === inner.text.length || (inner.text[i] === '|' && inner.text[i - 1] !== '\\')) {
      cells.push(trim(slice(inner, start, i)));
      start = i + 1;
    }
  }
  return cells;
}

/** Parses a narrative into blocks; what cannot be laid out is a finding at its line. */
export function parseNarrative(source: { path: string; text: string }, findings: Findings): NarrativeBlock[] {
  const text = source.text.replace(/\r\n?/g, '\n');
  const visible = visibleLines(text);
  const tree = fromMarkdown(parserInput(text, visible), { extensions: [{ disable: { null: DISABLED } }] });
  const blocks: Array<{ at: number; block: NarrativeBlock }> = [];

  /**
   * A list's items. A numbered line indented under an item is the next item. An item is its first line and
   * the lines indented (by two spaces or more) right under it; a line that is not indented, or that follows
   * a blank line or a table, ends the list and starts a paragraph, as it always did (CommonMark would carry
   * it on as part of the item).
   */
  const listBlocks = (list: ListNode): void => {
    let current: Array<{ lines: SourceText[]; line: number }> = [];
    const close = () => {
      if (current.length)
        blocks.push({
          at: current[0]!.line,
          block: { kind: 'list', items: current, line: current[0]!.line },
        });
      current = [];
    };
    const walk = (l: ListNode) => {
      for (const item of l.children) {
        const start = item.position!.start.line;
        // A table between two items ends the list (micromark saw a blank line there).
        const previous = current.at(-1)?.line;
        if (previous !== undefined && visible.slice(previous, start - 1).some((v) => TABLE_ROW.test(v.text)))
          close();
        const lines: SourceText[] = [];
        let rest: SourceText[] | undefined;
        const nested: ListNode[] = [];
        item.children.forEach((child, k) => {
          if (child.type === 'list') {
            nested.push(child);
            return;
          }
          const range = 'children' in child ? contentRange(child) : child.position;
          for (const piece of range ? linesOf(visible, range) : []) {
            const lazy = piece.line !== start && /^\s?\S/.test(visible[piece.line - 1]!.text);
            if (!rest && (k > 0 || lazy)) rest = [];
            (rest ?? lines).push(piece);
          }
        });
        current.push({ lines, line: start });
        if (rest) {
          close();
          blocks.push({ at: rest[0]!.line, block: { kind: 'paragraph', lines: rest, line: rest[0]!.line } });
        }
        for (const n of nested) walk(n);
      }
    };
    walk(list);
    close();
  };

  for (const node of tree.children) {
    const line = node.position!.start.line;
    if (node.type === 'heading' && node.depth <= 4) {
      const range = contentRange(node);
      const level = node.depth as 1 | 2 | 3 | 4;
      blocks.push({
        at: line,
        block: { kind: 'heading', level, lines: range ? linesOf(visible, range) : [], line },
      });
    } else if (node.type === 'list') listBlocks(node);
    else {
      // Paragraphs, and `#####` (five levels or more), which stays text.
      const range = node.type === 'paragraph' ? contentRange(node) : node.position;
      if (range)
        blocks.push({ at: line, block: { kind: 'paragraph', lines: linesOf(visible, range), line } });
    }
  }

  // Tables: runs of lines that start and end with `|`.
  for (let i = 0; i < visible.length; i++) {
    if (!TABLE_ROW.test(visible[i]!.text)) continue;
    const rows: Array<{ cells: SourceText[]; line: number }> = [];
    let header = false;
    const line = i + 1;
    for (; i < visible.length && TABLE_ROW.test(visible[i]!.text); i++) {
      if (TABLE_RULE.test(visible[i]!.text)) {
        if (rows.length === 1) header = true;
      } else rows.push({ cells: splitCells(visible[i]!), line: i + 1 });
    }
    i--;
    const at = { file: source.path, line, col: 1 };
    if (rows.length === 0) {
      findings.error('narrative-table', '表格只有分隔行（|---|），没有内容', at);
      continue;
    }
    const width = rows[0]!.cells.length;
    for (const row of rows.slice(1)) {
      if (row.cells.length !== width)
        findings.error(
          'narrative-table',
          `表格这一行有 ${row.cells.length} 格，第一行有 ${width} 格；每行的格数须相同（格中要写“|”时写成 \\|）`,
          { file: source.path, line: row.line, col: 1 },
          { expected: String(width), found: String(row.cells.length) },
        );
    }
    blocks.push({ at: line, block: { kind: 'table', header, rows, line } });
  }
  return blocks.sort((a, b) => a.at - b.at).map((b) => b.block);
}
