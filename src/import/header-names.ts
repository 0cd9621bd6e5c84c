/**
 * Header text as a name to match: real files write 其中：财政拨款, 项目资金（万元）, 项目年度\n预算金额,
 * 实际支出金额 with full-width spaces, *指标值 (Hunan's required mark). All of these name the same column.
 */
export function headerName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+/, '')
    .replace(/^其中[:：]?/, '')
    .replace(/\((万元|元|%|分)\)$/, '')
    .replace(/[:：]$/, '');
}

/** Labels written in a name cell that mark a row of totals rather than a project or a task. */
export const TOTAL_LABELS = new Set(['合计', '总计', '金额合计', '合计金额']);
export const SUBTOTAL_LABELS = new Set(['小计']);
