import {
  type Block,
  type IntermediateDocument,
  type Run,
  runsText,
  type Table,
  type TableCell,
} from '../document/types.js';

/**
 * The figures a reader sees on a rendered document, read from the intermediate document (after the
 * templates have rounded and formatted them), each labelled the way a reader would name it: the row's
 * name (project, task, indicator, line) and the column's header. Reading the document rather than the
 * view context means a figure is compared exactly as printed ("91.6%", not the exact ratio) and every
 * document kind is covered without knowing its view.
 */
export interface PrintedFigure {
  /** Stable identity within the document: table context, row labels and column path. */
  key: string;
  /** Row label candidates, the row's own name first, then its groups (unit, 一级/二级指标 …). */
  rowLabels: string[];
  /** What the table is about (the value of its first row, e.g. a project's name on its own page). */
  tableContext: string;
  /** The table is one of several alike (one per project): its context is part of every label. */
  repeated: boolean;
  /** The column's header, shortened the way a reader names it (e.g. 实际支出金额合计). */
  column: string;
  /** The cell's text as printed; a line break as " / ". */
  value: string;
}

export interface PrintedDocument {
  figures: PrintedFigure[];
  /** Sentences of the prose (paragraphs, headings, list items) that print a digit. */
  sentences: string[];
}

/** A cell that is a figure by itself: money, a rate, a share, a score, a count, or the "none" marker. */
const FIGURE = /^[-+−]?\d[\d,]*(\.\d+)?%?$/;
const MARKERS = new Set(['-', '—', '－']);
/** Column headers that name their row: 项目名称, 任务名称, 指标名称, 名称, 三级指标 … */
const NAME_HEADER = /名称$|^[一二三]级指标$|^指标$|^项目$|^任务$/;

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' / ').trim();

function isFigureText(text: string): boolean {
  return FIGURE.test(text) || MARKERS.has(text);
}

interface Slot {
  cell: TableCell;
  /** Row and column where the cell starts. */
  row: number;
  col: number;
  text: string;
}

/** The table as a full grid: every position points at the cell covering it (spans expanded). */
function grid(table: Table): Array<Array<Slot | undefined>> {
  const rows: Array<Array<Slot | undefined>> = table.rows.map(() => []);
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (rows[r]![c] !== undefined) c++;
      const slot: Slot = { cell, row: r, col: c, text: runsText(cell.runs).trim() };
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++) {
        const target = rows[r + dr];
        if (!target) break;
        for (let dc = 0; dc < Math.max(1, cell.colSpan); dc++) target[c + dc] = slot;
      }
      c += Math.max(1, cell.colSpan);
    }
  });
  return rows;
}

/** A header row: every cell starting in it that has text is bold, and none is a figure. */
function headerRows(table: Table, cells: Array<Array<Slot | undefined>>): boolean[] {
  return table.rows.map((row, r) => {
    const own = (cells[r] ?? []).filter((s): s is Slot => s !== undefined && s.row === r && s.text !== '');
    const unique = [...new Set(own)];
    return (
      unique.length > 0 &&
      unique.every((s) => s.cell.bold === true && !isFigureText(s.text)) &&
      row.cells.length > 0
    );
  });
}

/** The header rows that head row r: the nearest block of header rows above it. */
function headerBlock(r: number, header: boolean[]): number[] {
  let i = r - 1;
  while (i >= 0 && !header[i]) i--;
  const block: number[] = [];
  while (i >= 0 && header[i]) block.unshift(i--);
  return block;
}

function columnPath(c: number, block: number[], cells: Array<Array<Slot | undefined>>): string[] {
  const path: string[] = [];
  const seen = new Set<Slot>();
  for (const r of block) {
    const slot = cells[r]?.[c];
    if (!slot || seen.has(slot) || slot.text === '') continue;
    seen.add(slot);
    if (path.at(-1) !== slot.text) path.push(slot.text);
  }
  return path;
}

/** How a reader names a column: its last two header levels, without 其中： and the unit note. */
function shortColumn(path: string[]): string {
  const parts = path
    .slice(-2)
    .map((p) =>
      oneLine(p)
        .replace(/^其中[：:]/, '')
        .replace(/（万元）$/, ''),
    )
    .filter(Boolean);
  if (parts.length === 2 && parts[1]!.includes(parts[0]!)) parts.shift();
  return parts.join('');
}

/** What makes tables alike: the same bold labels (one national form per project). */
function signature(table: Table): string {
  const labels = table.rows.flatMap((r) => r.cells.filter((c) => c.bold).map((c) => runsText(c.runs).trim()));
  return JSON.stringify(labels);
}

function tableFigures(table: Table, figures: PrintedFigure[]): void {
  const cells = grid(table);
  const header = headerRows(table, cells);
  const width = Math.max(0, ...cells.map((r) => r.length));
  // What the table is about: the value cell of its first row when that row is "label | value".
  const first = cells[0] ?? [];
  const firstValue = header[0] ? undefined : first.find((s) => s?.text && !s.cell.bold);
  const tableContext = firstValue ? oneLine(firstValue.text).slice(0, 24) : '';
  const groupColumns = new Set(table.groupColumns);

  for (let r = 0; r < cells.length; r++) {
    if (header[r]) continue;
    const row = cells[r]!;
    const block = headerBlock(r, header);
    const paths: string[][] = [];
    for (let c = 0; c < width; c++) paths.push(columnPath(c, block, cells));
    const nameColumns = new Set(
      paths.flatMap((p, c) => (p.length > 0 && NAME_HEADER.test(p.at(-1)!) ? [c] : [])),
    );
    const isLabel = (s: Slot | undefined): s is Slot =>
      s !== undefined && s.text !== '' && !isFigureText(s.text);
    const starts: Slot[] = [];
    for (let c = 0; c < width; c++) {
      const s = row[c];
      if (s && s.col === c && !starts.includes(s)) starts.push(s);
    }

    /** The row's name for the cell at column c: a name column's cell (nearest left, else right), else the nearest label to the left. */
    const rowLabel = (c: number): Slot | undefined => {
      // A row's own name (项目名称) before a group's name spanning several rows (单位名称).
      const all = [...nameColumns].map((n) => row[n]).filter(isLabel);
      const own = all.filter((s) => s.cell.rowSpan <= 1 && s.row === r && !groupColumns.has(s.col));
      const names = own.length > 0 ? own : all;
      const left = names.filter((s) => s.col < c).sort((a, b) => b.col - a.col);
      const right = names.filter((s) => s.col > c).sort((a, b) => a.col - b.col);
      const named = left[0] ?? right[0];
      if (named) return named;
      for (let i = c - 1; i >= 0; i--) if (isLabel(row[i]) && row[i] !== row[c]) return row[i];
      return undefined;
    };
    /** Groups the row belongs to: spanning or group-column labels left of column c, nearest first. */
    const groups = (c: number, own: Slot | undefined): Slot[] => {
      const out: Slot[] = [];
      for (let i = c - 1; i >= 0; i--) {
        const s = row[i];
        if (!isLabel(s) || s === own || out.includes(s)) continue;
        if (s.row < r || s.cell.rowSpan > 1 || groupColumns.has(s.col)) out.push(s);
      }
      return out;
    };

    const labelsUsed = new Set<Slot>();
    const targets: Array<{ slot: Slot; own: Slot | undefined; groups: Slot[] }> = [];
    for (const s of starts) {
      if (s.row !== r || !isFigureText(s.text)) continue;
      const own = rowLabel(s.col);
      const g = groups(s.col, own);
      if (own) labelsUsed.add(own);
      for (const x of g) labelsUsed.add(x);
      targets.push({ slot: s, own, groups: g });
    }
    // Text that prints a figure (an indicator's 完成值 "98%", a target "≥95%", a phone number).
    for (const s of starts) {
      if (s.row !== r || isFigureText(s.text) || s.text === '' || !/\d/.test(s.text)) continue;
      if (s.cell.bold || s.cell.rowSpan > 1 || groupColumns.has(s.col) || nameColumns.has(s.col)) continue;
      if (labelsUsed.has(s)) continue;
      const own = rowLabel(s.col);
      targets.push({ slot: s, own, groups: groups(s.col, own) });
    }
    for (const t of targets.sort((a, b) => a.slot.col - b.slot.col)) {
      const rowLabels = [t.own, ...t.groups]
        .filter((s): s is Slot => s !== undefined)
        .map((s) => oneLine(s.text));
      const path = paths[t.slot.col] ?? [];
      figures.push({
        key: JSON.stringify([tableContext, rowLabels, path]),
        rowLabels,
        tableContext,
        repeated: false,
        column: shortColumn(path),
        value: oneLine(t.slot.text),
      });
    }
  }
}

/** Splits prose into sentences at 。；！？ (the mark stays with its sentence). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。；！？!?;])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function proseSentences(runs: Run[], out: string[]): void {
  for (const s of sentencesOf(runsText(runs).replace(/\n/g, ''))) if (/\d/.test(s)) out.push(s);
}

function blockFigures(block: Block, doc: PrintedDocument, tables: Map<string, PrintedFigure[][]>): void {
  switch (block.kind) {
    case 'table': {
      const own: PrintedFigure[] = [];
      tableFigures(block, own);
      doc.figures.push(...own);
      const sig = signature(block);
      tables.set(sig, [...(tables.get(sig) ?? []), own]);
      return;
    }
    case 'paragraph':
      proseSentences(block.runs, doc.sentences);
      return;
    case 'heading':
      proseSentences(block.runs, doc.sentences);
      return;
    case 'list':
      for (const item of block.items) proseSentences(item.runs, doc.sentences);
      return;
    default:
      return;
  }
}

/** Every printed figure and every prose sentence with a figure in one rendered document. */
export function printedFigures(doc: IntermediateDocument): PrintedDocument {
  const out: PrintedDocument = { figures: [], sentences: [] };
  const tables = new Map<string, PrintedFigure[][]>();
  for (const section of doc.sections) for (const block of section.blocks) blockFigures(block, out, tables);
  for (const alike of tables.values())
    if (alike.length > 1) for (const f of alike.flat()) f.repeated = f.tableContext !== '';
  // The same row and column twice (two identical tables): number the repeats so each keeps its identity.
  const seen = new Map<string, number>();
  for (const f of out.figures) {
    const n = (seen.get(f.key) ?? 0) + 1;
    seen.set(f.key, n);
    if (n > 1) f.key = `${f.key}#${n}`;
  }
  return out;
}
