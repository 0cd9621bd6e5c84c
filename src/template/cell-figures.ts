/**
 * Figures in table cells (`<td value="86.275">86.28</td>`, `<td value="2458.7" sum="all">…</td>`): the exact
 * value behind a printed figure, and which cells a total adds up, for back-ends that keep numbers (XLSX).
 * The printed text stays what the DOCX and PDF show; it is checked to be the value as printed, and a
 * total to be the exact sum of its cells, so a spreadsheet that recalculates shows the printed figure.
 */
import Big from 'big.js';
import { type CellFigure, type CellRef, runsText, type TableCell, type TableRow } from '../document/types.js';

/**
 * What a `sum` adds up. In its own column: `block` the figures above back to the previous total, `all`
 * every figure above that is not itself a total, `below` the figures right under it (a total printed
 * above its parts: 年度资金总额 over 其中：财政拨款 …), blank cells passed over, up to the first text or
 * total. Any other word names a group: the cells written `add-to` that word, in any column and row (a
 * 总分 of scores printed in two columns).
 */
export type SumMode = 'block' | 'all' | 'below' | { group: string };

export const SUM_MODES = ['block', 'all', 'below'] as const;

/** A `sum` attribute's mode: one of SUM_MODES, or a group's name. */
export function sumMode(text: string): SumMode {
  const word = text.trim();
  return (SUM_MODES as readonly string[]).includes(word) ? (word as SumMode) : { group: word };
}

const modeText = (mode: SumMode) => (typeof mode === 'string' ? mode : mode.group);

const DECIMAL = /^-?\d+(\.\d+)?$/;
const PRINTED_NUMBER = /^-?\d+(?:\.(\d+))?$/;
const PRINTED_PERCENT = /^(-?\d+(?:\.(\d+))?)%$/;

export class CellFigureError extends Error {}

/**
 * The figure a cell prints, from its `value` attribute: a decimal printed as the cell's text says (its
 * decimals; a trailing % for a ratio printed as a percentage). A value that is not a number ("-", "不适用")
 * must be the cell's text itself: the cell is text.
 */
export function cellFigure(value: string, cell: TableCell): CellFigure | undefined {
  const text = runsText(cell.runs).trim();
  if (!DECIMAL.test(value)) {
    if (value === text) return undefined;
    throw new CellFigureError(`<td> 的 value="${value}" 不是数字，也不是单元格的文字“${text}”`);
  }
  const percent = PRINTED_PERCENT.exec(text);
  const number = percent ? undefined : PRINTED_NUMBER.exec(text);
  const decimals = (percent?.[2] ?? number?.[1] ?? '').length;
  const printed = percent
    ? new Big(value).times(100).toFixed(decimals, Big.roundHalfUp)
    : new Big(value).toFixed(decimals, Big.roundHalfUp);
  if ((!percent && !number) || printed !== (percent ? percent[1] : text)) {
    throw new CellFigureError(
      `<td> 的 value="${value}" 与单元格的文字“${text}”不符：按它印出应是“${printed}${percent ? '%' : ''}”`,
    );
  }
  return { value, kind: percent ? 'percent' : 'number', decimals };
}

/** The column each cell starts in, row by row (covered slots skipped), as parseTable lays out the grid. */
function startColumns(rows: readonly TableRow[]): Map<TableCell, CellRef> {
  const taken: Set<number>[] = rows.map(() => new Set());
  const at = new Map<TableCell, CellRef>();
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken[r]!.has(c)) c++;
      at.set(cell, { row: r, col: c });
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) taken[r + dr]?.add(c + dc);
      c += cell.colSpan;
    }
  });
  return at;
}

/**
 * Fills in `sumOf` for each total (`sums`: the cells written with `sum`, once merged cells are final) and
 * checks its value is their exact sum. Throws CellFigureError naming the total's cell.
 */
export function resolveSums(
  rows: readonly TableRow[],
  sums: ReadonlyMap<TableCell, SumMode>,
  groups: ReadonlyMap<TableCell, string> = new Map(),
): void {
  // A part whose total is blank (a score still to come) has no total to check: add-to alone is no error.
  if (sums.size === 0) return;
  const at = startColumns(rows);
  const figures = [...at].filter(([cell]) => cell.figure);
  // Which cell covers each slot of the grid ("row,col"), spans included.
  const covering = new Map<string, TableCell>();
  for (const [c, ref] of at)
    for (let dr = 0; dr < c.rowSpan; dr++)
      for (let dc = 0; dc < c.colSpan; dc++) covering.set(`${ref.row + dr},${ref.col + dc}`, c);
  for (const [cell, mode] of sums) {
    const figure = cell.figure;
    if (!figure) continue;
    const here = { ...at.get(cell)!, cellRowSpan: cell.rowSpan };
    let parts: Array<[TableCell, CellRef]>;
    if (typeof mode !== 'string') {
      if (groups.get(cell) === mode.group)
        throw new CellFigureError(
          `第 ${here.row + 1} 行第 ${here.col + 1} 列的合计不能既写 sum="${mode.group}" 又写 add-to="${mode.group}"：它不能加上自己`,
        );
      parts = figures
        .filter(([c]) => groups.get(c) === mode.group)
        .sort(([, a], [, b]) => a.row - b.row || a.col - b.col);
    } else if (mode === 'below') {
      // Row by row down the total's column, whatever cell covers it there (one reaching in from the left,
      // or spanning rows, too): a figure of that column is a part, an empty cell is passed over, any
      // other cell (text, a figure spanning columns, a total) ends the parts.
      parts = [];
      for (let r = here.row + here.cellRowSpan; r < rows.length; r++) {
        const c = covering.get(`${r},${here.col}`);
        if (!c) continue;
        const ref = at.get(c)!;
        if (!c.figure && runsText(c.runs).trim() === '') continue;
        if (c.figure && !sums.has(c) && ref.row === r && ref.col === here.col && c.colSpan === 1)
          parts.push([c, ref]);
        else break;
      }
    } else {
      const above = figures
        .filter(([, ref]) => ref.col === here.col && ref.row < here.row)
        .sort(([, a], [, b]) => a.row - b.row);
      parts = above.filter(([c]) => !sums.has(c));
      if (mode === 'block') {
        const previous = above.findLastIndex(([c]) => sums.has(c));
        parts = above.slice(previous + 1);
      }
    }
    const where = `第 ${here.row + 1} 行第 ${here.col + 1} 列的合计`;
    // A zero total over parts that are all blank (nothing spent, nothing scored yet) is a plain 0.
    if (parts.length === 0 && mode !== 'block' && mode !== 'all' && new Big(figure.value).eq(0)) continue;
    if (parts.length === 0) {
      const place =
        typeof mode !== 'string'
          ? `没有 add-to="${mode.group}" 的数字（sum 写 ${SUM_MODES.join('、')}，或与各项 add-to 相同的组名）`
          : mode === 'below'
            ? '下方同一列没有可相加的数字'
            : '上方同一列没有可相加的数字';
      throw new CellFigureError(`${where}（sum="${modeText(mode)}"）${place}`);
    }
    const total = parts.reduce((s, [c]) => s.plus(c.figure!.value), new Big(0));
    if (!total.eq(figure.value)) {
      throw new CellFigureError(
        `${where} value="${figure.value}" 不等于它所加的 ${parts.length} 个数之和 ${total.toFixed()}`,
      );
    }
    figure.sumOf = parts.map(([, ref]) => ref);
  }
}
