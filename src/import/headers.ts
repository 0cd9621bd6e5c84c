import { headerName } from './header-names.js';
import type { Sheet } from './workbook.js';

/**
 * Header rows recognised by their names. A column is named by the path of header texts above it, top
 * to bottom (a merged cell counts once): 实际支出金额 › 其中：财政拨款 › 一般公共预算. A spec names the path it
 * expects, each step with its alternatives (`项目年度预算金额|年度预算金额`); a column matches when its
 * last header is the spec's last step and the spec's other steps appear above it in order. Columns may
 * come in any order; a header the layout does not know is reported, its column not imported.
 */
export interface ColumnSpec<K extends string = string> {
  key: K;
  path: string[];
}

export interface HeaderBlock<K extends string> {
  /** First and last header row. */
  row: number;
  lastRow: number;
  columns: Map<K, number>;
  /** Columns with a header that no spec names: column and the header text as written. */
  unknown: Array<{ col: number; text: string }>;
}

const alternatives = (step: string) => step.split('|');

function stepMatches(step: string, name: string): boolean {
  return alternatives(step).includes(name);
}

/** Names a cell shows in its own right on this row (not a merge reaching down from a row above). */
function ownName(sheet: Sheet, row: number, col: number): string {
  const cell = sheet.at(row, col);
  if (cell.master && cell.master.row !== row) return '';
  return headerName(cell.text);
}

/**
 * The first header block at or below `fromRow` (up to `toRow`) whose first row names every anchor
 * (each anchor a `|` list of alternatives).
 */
export function findHeader<K extends string>(
  sheet: Sheet,
  specs: ColumnSpec<K>[],
  anchors: string[],
  fromRow = 1,
  toRow = sheet.rowCount,
): HeaderBlock<K> | undefined {
  const known = new Set(specs.flatMap((s) => s.path.flatMap(alternatives)));
  for (let row = fromRow; row <= toRow; row++) {
    const names = new Set<string>();
    for (let col = 1; col <= sheet.colCount; col++) names.add(ownName(sheet, row, col));
    if (!anchors.every((a) => alternatives(a).some((n) => names.has(n)))) continue;
    // A header cell merged down sets the block's height; a form's block label merged down beside the
    // table (项目资金, 年度主要任务) is not a header and does not.
    let lastRow = row;
    for (let col = 1; col <= sheet.colCount; col++) {
      const end = sheet.at(row, col).mergeEnd;
      if (end && end.row > lastRow && known.has(ownName(sheet, row, col))) lastRow = end.row;
    }
    // Header rows below without merges (a hand-made sheet): rows that still name known headers.
    while (lastRow < sheet.rowCount) {
      const next = lastRow + 1;
      let headerish = false;
      for (let col = 1; col <= sheet.colCount && !headerish; col++)
        headerish = known.has(ownName(sheet, next, col)) && !anchorOnly(anchors, ownName(sheet, next, col));
      if (!headerish) break;
      lastRow = next;
    }
    return matchColumns(sheet, specs, row, lastRow);
  }
  return undefined;
}

/** An anchor name on a later row starts a new block, it does not extend this one. */
function anchorOnly(anchors: string[], name: string): boolean {
  return anchors.some((a) => alternatives(a).includes(name));
}

function columnPath(sheet: Sheet, row: number, lastRow: number, col: number): string[] {
  const path: string[] = [];
  for (let r = row; r <= lastRow; r++) {
    const cell = sheet.at(r, col);
    const name = headerName(cell.text);
    if (name === '') continue;
    // A merge across rows or columns names the column once.
    if (path.length > 0 && path[path.length - 1] === name) continue;
    path.push(name);
  }
  return path;
}

function matchScore(spec: ColumnSpec, path: string[]): number {
  const leaf = path[path.length - 1];
  const specLeaf = spec.path[spec.path.length - 1]!;
  if (leaf === undefined || !stepMatches(specLeaf, leaf)) return 0;
  let i = 0;
  for (const step of spec.path.slice(0, -1)) {
    while (i < path.length - 1 && !stepMatches(step, path[i]!)) i++;
    if (i >= path.length - 1) return 0;
    i++;
  }
  return spec.path.length;
}

function matchColumns<K extends string>(
  sheet: Sheet,
  specs: ColumnSpec<K>[],
  row: number,
  lastRow: number,
): HeaderBlock<K> {
  const columns = new Map<K, number>();
  const unknown: Array<{ col: number; text: string }> = [];
  for (let col = 1; col <= sheet.colCount; col++) {
    const path = columnPath(sheet, row, lastRow, col);
    if (path.length === 0) continue;
    let best: ColumnSpec<K> | undefined;
    let bestScore = 0;
    for (const spec of specs) {
      const score = matchScore(spec, path);
      if (score > bestScore && !columns.has(spec.key)) {
        best = spec;
        bestScore = score;
      }
    }
    if (best) columns.set(best.key, col);
    else {
      const top = sheet.at(row, col);
      const own = top.master && top.master.col !== col ? '' : top.text;
      if (own.trim() !== '' || path.length > 0) unknown.push({ col, text: path.join(' › ') });
    }
  }
  return { row, lastRow, columns, unknown };
}
