import { headerName } from '../header-names.js';
import type { Sheet } from '../workbook.js';

/**
 * Text cells of a form around its tables: titles (`2020年…部门预算项目绩效自评表`), label–value lines
 * (`部门名称（盖章）：…`) and label cells followed by their value cell (`项目名称 | 社区服务`).
 */
export function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Each non-empty cell of rows from..to that starts its own merge, in reading order. */
export function* ownCells(sheet: Sheet, from: number, to: number) {
  for (let row = from; row <= to; row++) {
    for (let col = 1; col <= sheet.colCount; col++) {
      const cell = sheet.at(row, col);
      if (cell.master && (cell.master.row !== row || cell.master.col !== col)) continue;
      if (cell.text.trim() !== '') yield cell;
    }
  }
}

/** The value cell right of a label cell (`项目名称` → the next cell with its own content on that row). */
export function valueRightOf(sheet: Sheet, row: number, col: number) {
  const label = sheet.at(row, col);
  const start = (label.mergeEnd?.col ?? col) + 1;
  for (let c = start; c <= sheet.colCount; c++) {
    const cell = sheet.at(row, c);
    if (cell.master && cell.master.col < start) continue;
    return cell.text.trim() === '' ? undefined : cell;
  }
  return undefined;
}

/** The first cell in rows from..to whose header name is one of `names`. */
export function findLabel(sheet: Sheet, names: string[], from = 1, to = sheet.rowCount) {
  for (const cell of ownCells(sheet, from, to)) if (names.includes(headerName(cell.text))) return cell;
  return undefined;
}
