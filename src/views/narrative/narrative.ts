import type { Findings } from '../../diagnostics/finding.js';
import { type Chunk, evaluateFigures, type Figures } from './expressions.js';
import { type NarrativeBlock, parseNarrative, type SourceText } from './markdown.js';

export interface InlineRun {
  text: string;
  bold: boolean;
}

/** A narrative block as the report prints it: every figure filled in. */
export type RenderedBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; runs: InlineRun[] }
  | { kind: 'paragraph'; runs: InlineRun[] }
  | { kind: 'list'; items: InlineRun[][] }
  | { kind: 'table'; header: boolean; rows: string[][] };

const BOLD = /(?<!\\)\*\*/g;

/** Removes backslash escapes (`1\.` → `1.`); only ever applied to what the author typed. */
function removeEscapes(text: string): string {
  return text.replace(/\\([\\`*_#|.\-[\]()!{}])/g, '$1');
}

/** Splits source text at each unescaped `**`. */
function splitBold(s: SourceText): SourceText[] {
  const out: SourceText[] = [];
  let start = 0;
  for (const m of s.text.matchAll(BOLD)) {
    out.push({ text: s.text.slice(start, m.index), line: s.line, cols: s.cols.slice(start, m.index) });
    start = m.index + 2;
  }
  out.push({ text: s.text.slice(start), line: s.line, cols: s.cols.slice(start) });
  return out;
}

/**
 * The printed text of chunks: what the author typed loses its escapes (and `**`, in a table cell), a
 * figure's value is taken as it is.
 */
function printed(chunks: Chunk[], dropBold = false): string {
  return chunks
    .map((c) => (c.source ? removeEscapes(dropBold ? c.text.replace(BOLD, '') : c.text) : c.text))
    .join('');
}

function raw(chunks: Chunk[]): string {
  return chunks.map((c) => c.text).join('');
}

/**
 * A narrative file as blocks with every figure filled in. The Markdown is parsed first and each figure is
 * then evaluated in the text it stands in, so every mistake is reported at its exact line and column, all
 * of them in one run, and a figure's value (a name with `**`, `|` or a line break) stays text.
 */
export function renderNarrative(
  source: { path: string; text: string },
  figures: Figures,
  findings: Findings,
): RenderedBlock[] {
  const evaluate = (s: SourceText): Chunk[] =>
    evaluateFigures(
      s.text,
      figures,
      (i) => ({ file: source.path, line: s.line, col: s.cols[i] ?? (s.cols.at(-1) ?? 0) + 1 }),
      findings,
    );

  /** Wrapped lines joined (nothing between CJK characters, a space between two Latin words), `**` as bold. */
  const runsOf = (lines: SourceText[]): InlineRun[] => {
    const runs: InlineRun[] = [];
    const push = (text: string, bold: boolean) => {
      if (!text) return;
      const last = runs.at(-1);
      if (last && last.bold === bold) last.text += text;
      else runs.push({ text, bold });
    };
    let bold = false;
    let joined = '';
    for (const line of lines) {
      const parts = splitBold(line).map(evaluate);
      const written = parts.map(raw).join('**');
      if (/[A-Za-z0-9,.;:]$/.test(joined) && /^[A-Za-z0-9]/.test(written)) push(' ', bold);
      joined += written;
      parts.forEach((part, i) => {
        if (i > 0) bold = !bold;
        push(printed(part), bold);
      });
    }
    return runs;
  };

  const render = (block: NarrativeBlock): RenderedBlock => {
    switch (block.kind) {
      case 'heading':
        return { kind: 'heading', level: block.level, runs: runsOf(block.lines) };
      case 'paragraph':
        return { kind: 'paragraph', runs: runsOf(block.lines) };
      case 'list':
        return { kind: 'list', items: block.items.map((item) => runsOf(item.lines)) };
      case 'table':
        return {
          kind: 'table',
          header: block.header,
          rows: block.rows.map((row) => row.cells.map((cell) => printed(evaluate(cell), true))),
        };
    }
  };
  return parseNarrative(source, findings).map(render);
}
