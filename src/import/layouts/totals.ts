import Big from 'big.js';
import type { Sourced } from '../cell-values.js';
import type { SheetFindings } from '../sheet-findings.js';
import { cellName, type Sheet } from '../workbook.js';

/**
 * A total in the sheet is not imported: jixiao computes it from its items. When the sheet's figure
 * differs from the sum of the cells it totals, the finding names the total's cell and those cells.
 */
export function compareTotal(
  sheet: Sheet,
  out: SheetFindings,
  total: Sourced,
  items: Sourced[],
  title: string,
  range?: { from: { row: number; col: number }; to: { row: number; col: number } },
): boolean {
  const value = (s: Sourced) => (s.value === '-' ? new Big(0) : new Big(s.value));
  const sum = items.reduce((acc, s) => acc.plus(value(s)), new Big(0));
  const typed = value(total);
  // A total shown at fewer decimals than its items (449.852 shown as 449.85) is compared at its own.
  const decimals = /\.(\d+)$/.exec(total.value)?.[1]?.length ?? 0;
  const itemDecimals = Math.max(0, ...items.map((s) => /\.(\d+)$/.exec(s.value)?.[1]?.length ?? 0));
  if (typed.eq(decimals < itemDecimals ? sum.round(decimals, Big.roundHalfUp) : sum)) return true;
  const cells = range
    ? out.range(sheet, range.from, range.to)
    : items.map((s) => cellName(s.row, s.col)).join(' + ');
  out.warning(
    'import-total-mismatch',
    sheet,
    total.row,
    total.col,
    `${title}为 ${total.value}，而 ${cells} 之和为 ${sum.toFixed()}（相差 ${typed.minus(sum).abs().toFixed()}）；合计不导入，由 jixiao 按各项计算为 ${sum.toFixed()}，请核对表中的数字`,
    total.value,
  );
  return false;
}
