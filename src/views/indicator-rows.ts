import type { ComputedIndicatorGroup } from '../compute/indicators.js';
import type { Indicator } from '../model/indicators.js';

/** A merged label: present only on the first row of its group, with the number of rows it spans. */
export interface SpanLabel {
  name: string;
  rows: number;
}

/** One row of an indicator table; `level1`/`level2` only on the first row of their groups. */
export interface IndicatorRow {
  level1: SpanLabel | undefined;
  level2: SpanLabel | undefined;
  /** The indicator, or undefined for an empty group that keeps its row. */
  item: Indicator | undefined;
}

/**
 * Rows of an indicator table with 一级/二级 labels merged down their groups. Consecutive groups with the
 * same 一级指标 share one 一级 cell; a group without indicators keeps one empty row so the form shows it.
 */
export function indicatorRows(groups: readonly ComputedIndicatorGroup[]): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  let level1Row: IndicatorRow | undefined;
  for (const group of groups) {
    const items: (Indicator | undefined)[] = group.items.length
      ? group.items.map((i) => i.source)
      : [undefined];
    items.forEach((item, k) => {
      const row: IndicatorRow = { level1: undefined, level2: undefined, item };
      if (k === 0) row.level2 = { name: group.level2, rows: items.length };
      if (level1Row?.level1 && level1Row.level1.name === group.level1) {
        level1Row.level1.rows++;
      } else {
        row.level1 = { name: group.level1, rows: 1 };
        level1Row = row;
      }
      rows.push(row);
    });
  }
  return rows;
}
