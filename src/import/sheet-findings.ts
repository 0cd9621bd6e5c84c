import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import { cellRef, rangeRef, type Sheet } from './workbook.js';

/**
 * Findings about a workbook's cells: the position is the file with the cell's row and column, and the
 * message starts with the cell as Excel names it (`Sheet1!D7：…`), which is what the clerk looks for.
 */
export class SheetFindings {
  constructor(
    readonly findings: Findings,
    readonly file: string,
  ) {}

  at(row: number, col: number): SourcePosition {
    return { file: this.file, line: row, col };
  }

  error(code: string, sheet: Sheet, row: number, col: number, message: string, found?: string): void {
    this.findings.error(code, `${cellRef(sheet.name, row, col)}：${message}`, this.at(row, col), {
      ...(found !== undefined ? { found } : {}),
    });
  }

  warning(code: string, sheet: Sheet, row: number, col: number, message: string, found?: string): void {
    this.findings.warning(code, `${cellRef(sheet.name, row, col)}：${message}`, this.at(row, col), {
      ...(found !== undefined ? { found } : {}),
    });
  }

  /** A problem of the whole file (not a workbook, encrypted): at its first line. */
  fileError(code: string, message: string): void {
    this.findings.error(code, message, { file: this.file, line: 1, col: 1 });
  }

  range(sheet: Sheet, from: { row: number; col: number }, to: { row: number; col: number }): string {
    return rangeRef(sheet.name, from, to);
  }
}
