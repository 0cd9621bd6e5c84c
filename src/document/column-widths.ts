/**
 * Column widths that follow a table's content, computed once in the document stage so the DOCX and the
 * PDF share them.
 *
 * A template's `widths` are the form's design. When text would wrap in them, the widths are moved
 * towards what makes the table shortest: a column whose cells hold long text gets the room, a column of
 * short figures keeps little more than its longest figure, and every column keeps at least half of its
 * designed share and two characters (a form stays recognisable, an empty column does not vanish), and
 * a column whose every line fits its designed width keeps them on one line. Nothing moves in a table
 * whose cells all fit their lines.
 *
 * The measure is typographic, not a font's: a CJK character is 1 em, ASCII ½ em, at the table's size;
 * a table's length is the sum over rows of the lines its tallest cell needs. Plain arithmetic and
 * square roots (exact in IEEE arithmetic), so the same table gives the same widths on every machine.
 */
import { PT_PER_MM } from './grid.js';
import { isBreak, type Run, type Table } from './types.js';

/** A column is not made narrower than two characters unless its design is. */
const MIN_LINE_EM = 2;
/** Every column keeps at least this share of its designed width. */
const KEEP_SHARE = 0.5;
/** A cell's padding and rule across, in points (both back-ends use about this much). */
const CELL_SIDES_PT = 4.5;
/** Room kept beside a column's widest piece: the measure is an estimate of the face's widths. */
const PIECE_MARGIN_EM = 0.25;
/** Widths are written in tenths of a millimetre. */
const ROUND = 10;

/** Width in em of text: ASCII ½ em (capitals 0.7), a space ¼ em, everything else (CJK, full-width) 1 em. */
function emWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += ch === ' ' ? 0.25 : ch >= 'A' && ch <= 'Z' ? 0.7 : ch <= '\x7e' ? 0.5 : 1;
  return em;
}

/** Punctuation a line may not begin with (it stays with what precedes it), or end with. */
const CLOSING = new Set('、。，．：；？！）》」』】〕〉’”…—,.:;?!)]}%');
const OPENING = new Set('（《「『【〔〈‘“([{');
/** Quotation marks: no line breaks before one (Unicode line breaking, LB19). */
const QUOTES = new Set('“”‘’"\'');

/**
 * The widest piece a line may not be broken in: an ASCII word or figure, or one CJK character, with
 * the punctuation that may not be parted from it (日、“7.28” is one piece). A column narrower than that
 * would have a line run past its border.
 */
export function unbreakableEm(text: string): number {
  let widest = 0;
  let piece = '';
  let previous = '';
  for (const ch of text) {
    const ascii = ch > ' ' && ch <= '\x7e';
    const previousAscii = previous > ' ' && previous <= '\x7e';
    const glued =
      piece !== '' &&
      (CLOSING.has(ch) || QUOTES.has(ch) || OPENING.has(previous) || (ascii && previousAscii));
    if (ch === ' ') {
      piece = '';
    } else if (glued) piece += ch;
    else piece = ch;
    widest = Math.max(widest, emWidth(piece));
    previous = ch;
  }
  return widest;
}

/** A cell's text as its lines (breaks written in the data). */
export function cellTextLines(runs: Run[]): string[] {
  const lines = [''];
  for (const r of runs) {
    if (isBreak(r)) lines.push('');
    else lines[lines.length - 1] += r.text;
  }
  return lines;
}

interface Cell {
  first: number;
  span: number;
  /** Lengths in em of its lines. */
  lines: number[];
  rowSpan: number;
}

function gridCells(table: Table): Cell[][] {
  const taken = new Set<string>();
  return table.rows.map((row, r) => {
    let c = 0;
    const out: Cell[] = [];
    for (const cell of row.cells) {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      out.push({
        first: c,
        span: cell.colSpan,
        lines: cellTextLines(cell.runs).map(emWidth),
        rowSpan: cell.rowSpan,
      });
      c += cell.colSpan;
    }
    return out;
  });
}

/** Per column, the longest line (em) of its own cells (a spanning cell belongs to no one column). */
function longestLine(rows: Cell[][], n: number): number[] {
  const out = Array.from({ length: n }, () => 0);
  for (const cells of rows)
    for (const cell of cells)
      if (cell.span === 1) out[cell.first] = Math.max(out[cell.first]!, ...cell.lines);
  return out;
}

/**
 * Per column, how much room its body cells want: the root of the sum of squares of their text
 * lengths (em), so a long cell counts for more than several short ones of the same total.
 */
function demandOf(rows: Cell[][], n: number, from: number): number[] {
  const squares = Array.from({ length: n }, () => 0);
  rows.forEach((cells, r) => {
    if (r < from) return;
    for (const cell of cells) {
      if (cell.span !== 1) continue;
      const len = cell.lines.reduce((a, b) => a + b, 0);
      squares[cell.first]! += len * len;
    }
  });
  return squares.map(Math.sqrt);
}

/** Lines the table needs in widths `w` (mm): per row, its tallest cell's (row spans shared out). */
function tableLines(rows: Cell[][], innerEm: (c: Cell, w: number[]) => number, w: number[]): number {
  let total = 0;
  for (const cells of rows) {
    let row = 1;
    for (const cell of cells) {
      const width = innerEm(cell, w);
      let lines = 0;
      for (const len of cell.lines) lines += Math.max(1, Math.ceil(len / width - 1e-9));
      row = Math.max(row, lines / cell.rowSpan);
    }
    total += row;
  }
  return total;
}

/**
 * The column widths in millimetres for a table set `widthMm` wide: the design (`table.columns`, scaled)
 * when every cell fits its lines, otherwise widths that follow the content.
 *
 * Each column wants room in proportion to its body cells' text (see demandOf), so that the columns
 * need about as many lines; a column never gets more than its longest line needs (header included),
 * nor less than its floor (below). The factor is found by bisection. The result is kept only when the table then needs
 * fewer lines than in the design.
 */
export function fitColumns(table: Table, widthMm: number): number[] {
  const n = table.columns.length;
  const designTotal = table.columns.reduce((a, b) => a + b, 0);
  const design = table.columns.map((c) => (c * widthMm) / designTotal);
  if (n < 2 || designTotal <= 0) return design;
  const rows = gridCells(table);
  const emPerMm = PT_PER_MM / table.fontSize;
  const sidesEm = CELL_SIDES_PT / table.fontSize;
  const innerEm = (cell: Cell, w: number[]) => {
    let mm = 0;
    for (let c = cell.first; c < cell.first + cell.span; c++) mm += w[c]!;
    return Math.max(mm * emPerMm - sidesEm * cell.span, 0.5);
  };
  const toMm = (em: number) => (em + sidesEm) / emPerMm;
  const fits = rows.every((cells) => cells.every((c) => c.lines.every((len) => len <= innerEm(c, design))));
  if (fits) return design;

  const widest = design.map(() => 0);
  table.rows.forEach((row, r) => {
    row.cells.forEach((cell, i) => {
      const g = rows[r]![i]!;
      if (g.span === 1) widest[g.first] = Math.max(widest[g.first]!, unbreakableEm(runsPlain(cell.runs)));
    });
  });
  const line = longestLine(rows, n).map(toMm);
  // Floors: half the design (less when no line needs that much); a column whose lines all fit the
  // design on one line each keeps them so (a label, a figure, a header word); two characters where the design had room for two (a
  // header word breaks no finer); the widest figure or word unbroken.
  const piece = widest.map((em) => toMm(em + PIECE_MARGIN_EM));
  const floor = design.map((d, c) =>
    Math.max(
      Math.min(KEEP_SHARE * d, line[c]!),
      line[c]! <= d ? line[c]! : 0,
      Math.min(d, toMm(MIN_LINE_EM)),
      piece[c]!,
    ),
  );
  const floorTotal = floor.reduce((a, b) => a + b, 0);
  // Pieces that cannot all fit the width: the design, as the template wrote it.
  if (floorTotal >= widthMm) return design;
  const demand = demandOf(rows, n, table.headerRows);
  const cap = line.map((mm, c) => Math.max(floor[c]!, mm));
  const widths = (k: number) => demand.map((d, c) => Math.min(cap[c]!, Math.max(floor[c]!, k * d)));
  const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);
  let w: number[];
  if (sum(cap) <= widthMm) {
    // Every line fits on one line: what is left over is shared as the design shares it.
    const spare = widthMm - sum(cap);
    w = cap.map((x, c) => x + (spare * design[c]!) / widthMm);
  } else {
    let lo = 0;
    let hi = widthMm / Math.max(1e-9, Math.min(...demand.filter((d) => d > 0)));
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (sum(widths(mid)) > widthMm) hi = mid;
      else lo = mid;
    }
    w = widths(lo);
    // Bisection leaves a sliver unshared; it goes to the columns that still want room.
    const rest = widthMm - sum(w);
    const open = w.map((x, c) => (x < cap[c]! ? demand[c]! : 0));
    const openTotal = sum(open);
    if (openTotal > 0) w = w.map((x, c) => x + (rest * open[c]!) / openTotal);
  }
  const rounded = w.map((x) => Math.round(x * ROUND) / ROUND);
  // The design is kept when it is no shorter, widened where a piece would run past a column's border.
  const kept = holdingPieces(design, piece, floor);
  if (!kept) return rounded;
  const keptRounded = kept === design ? design : kept.map((x) => Math.round(x * ROUND) / ROUND);
  return tableLines(rows, innerEm, rounded) < tableLines(rows, innerEm, keptRounded) ? rounded : keptRounded;
}

/**
 * The design with every column at least as wide as its widest piece, the room taken from the others in
 * proportion to what they have above their floors; the design itself when it holds them; undefined
 * when the others cannot give enough.
 */
function holdingPieces(design: number[], piece: number[], floor: number[]): number[] | undefined {
  const need = design.reduce((s, d, c) => s + Math.max(0, piece[c]! - d), 0);
  if (need === 0) return design;
  const slack = design.map((d, c) => (d >= piece[c]! ? d - floor[c]! : 0));
  const total = slack.reduce((a, b) => a + b, 0);
  if (total < need) return undefined;
  return design.map((d, c) => (d < piece[c]! ? piece[c]! : d - (need * slack[c]!) / total));
}

/** Lines a table needs in column widths `widthsMm`, by the measure `fitColumns` uses. */
export function estimatedLines(table: Table, widthsMm: number[]): number {
  const emPerMm = PT_PER_MM / table.fontSize;
  const sidesEm = CELL_SIDES_PT / table.fontSize;
  return tableLines(
    gridCells(table),
    (cell, w) => {
      let mm = 0;
      for (let c = cell.first; c < cell.first + cell.span; c++) mm += w[c]!;
      return Math.max(mm * emPerMm - sidesEm * cell.span, 0.5);
    },
    widthsMm,
  );
}

function runsPlain(runs: Run[]): string {
  return runs.map((r) => (isBreak(r) ? ' ' : r.text)).join('');
}
