/**
 * Merged group cells (`<table merge-columns="0 1">`): a template writes one cell per row, and the cells of a
 * merge column that continue the group above become one row-spanning cell here, as the intermediate
 * document is built, so both back-ends receive ordinary row spans.
 */
import { runsText, type TableCell, type TableRow } from '../document/types.js';

interface Slot {
  cell: TableCell;
  /** The column the cell starts in. */
  col: number;
  /** Whether the cell may merge: written with no rowspan or colspan, not blank, below the header. */
  mergeable: boolean;
}

function sameCell(a: TableCell, b: TableCell): boolean {
  return (
    a.align === b.align &&
    a.valign === b.valign &&
    (a.bold ?? false) === (b.bold ?? false) &&
    JSON.stringify(a.runs) === JSON.stringify(b.runs) &&
    JSON.stringify(a.figure) === JSON.stringify(b.figure)
  );
}

/**
 * Merges, in each of `columns`, a body cell into the cell above it when both were written as single
 * cells (no rowspan, no colspan), neither is blank, they read the same in the same format, and in every
 * merge column to the left the two rows already lie in one cell (so a 二级 name repeated under another 一级
 * starts a cell of its own). The header rows never merge. Rows lose the cells merged away, as a written
 * rowspan would; the grid must be valid (parseTable checks it first).
 */
export function mergeDown(rows: TableRow[], columns: readonly number[], headerRows: number): void {
  if (columns.length === 0) return;
  const order = [...columns].sort((a, b) => a - b);
  // owner[r][c]: the slot covering row r, column c (updated as cells merge).
  const owner: Slot[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (owner[r]![c]) c++;
      const slot: Slot = {
        cell,
        col: c,
        mergeable:
          r >= headerRows && cell.rowSpan === 1 && cell.colSpan === 1 && runsText(cell.runs).trim() !== '',
      };
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) owner[r + dr]![c + dc] = slot;
      c += cell.colSpan;
    }
  });
  for (let r = headerRows + 1; r < rows.length; r++) {
    const merged = new Set<TableCell>();
    order.forEach((k, i) => {
      const here = owner[r]![k];
      const above = owner[r - 1]![k];
      if (!here?.mergeable || here.col !== k || !above?.mergeable || above.col !== k) return;
      if (!sameCell(here.cell, above.cell)) return;
      if (order.slice(0, i).some((j) => owner[r]![j] !== owner[r - 1]![j])) return;
      above.cell.rowSpan++;
      owner[r]![k] = above;
      merged.add(here.cell);
    });
    if (merged.size) rows[r]!.cells = rows[r]!.cells.filter((c) => !merged.has(c));
  }
}
