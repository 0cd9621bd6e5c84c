/**
 * The narrative authors write: a small Markdown that suits long Chinese prose.
 *   # 一级标题 / ## 二级 / ### 三级 / #### 四级   (numbers 一、（一）1.（1） are generated, never typed)
 *   a paragraph: lines up to a blank line, joined without spaces (Chinese has none between lines)
 *   1. numbered items            | a | b |  simple tables (first row is the header when a |---| row follows)
 *   **bold**                     <!-- comments are dropped -->      \. escapes a character
 * Each block keeps its line so figure expressions in it can be reported at file:line.
 */

export interface InlineRun {
  text: string;
  bold: boolean;
}

export type NarrativeBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string; line: number }
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'list'; items: Array<{ text: string; line: number }>; line: number }
  | { kind: 'table'; header: boolean; rows: Array<{ cells: string[]; line: number }>; line: number };

const HEADING = /^(#{1,4})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,3}\d+[.．]\s+(.*)$/;
const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Removes `<!-- … -->`, keeping line breaks so line numbers stay right. */
export function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
}

/** Joins wrapped lines: nothing between CJK characters, a space between two Latin words. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!out) out = line;
    else if (/[A-Za-z0-9,.;:]$/.test(out) && /^[A-Za-z0-9]/.test(line)) out += ` ${line}`;
    else out += line;
  }
  return out;
}

function splitCells(row: string): string[] {
  const inner = TABLE_ROW.exec(row)?.[1] ?? row;
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

export function parseNarrative(source: string): NarrativeBlock[] {
  const lines = stripComments(source.replace(/\r\n?/g, '\n')).split('\n');
  const blocks: NarrativeBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({
        kind: 'heading',
        level: heading[1]!.length as 1 | 2 | 3 | 4,
        text: heading[2]!,
        line: lineNo,
      });
      i++;
      continue;
    }
    if (TABLE_ROW.test(line)) {
      const rows: Array<{ cells: string[]; line: number }> = [];
      let header = false;
      while (i < lines.length && TABLE_ROW.test(lines[i]!)) {
        if (TABLE_RULE.test(lines[i]!)) {
          if (rows.length === 1) header = true;
        } else rows.push({ cells: splitCells(lines[i]!), line: i + 1 });
        i++;
      }
      blocks.push({ kind: 'table', header, rows, line: lineNo });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const items: Array<{ text: string; line: number }> = [];
      while (i < lines.length && LIST_ITEM.test(lines[i]!)) {
        const itemLine = i + 1;
        const parts = [LIST_ITEM.exec(lines[i]!)![1]!];
        i++;
        // Continuation lines of an item: indented, not blank, not a new item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]!) && !LIST_ITEM.test(lines[i]!))
          parts.push(lines[i++]!);
        items.push({ text: joinLines(parts), line: itemLine });
      }
      blocks.push({ kind: 'list', items, line: lineNo });
      continue;
    }
    const parts: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !HEADING.test(lines[i]!) &&
      !TABLE_ROW.test(lines[i]!) &&
      !LIST_ITEM.test(lines[i]!)
    ) {
      parts.push(lines[i++]!);
    }
    blocks.push({ kind: 'paragraph', text: joinLines(parts), line: lineNo });
  }
  return blocks;
}

/** Splits `**bold**` spans and removes backslash escapes (`1\.` → `1.`). */
export function parseInline(text: string): InlineRun[] {
  const runs: InlineRun[] = [];
  const parts = text.split(/(?<!\\)\*\*/);
  parts.forEach((part, i) => {
    const clean = part.replace(/\\([\\`*_#|.\-[\]()!{}])/g, '$1');
    if (clean) runs.push({ text: clean, bold: i % 2 === 1 });
  });
  return runs;
}
