import type { ComputedIndicatorGroup } from '../compute/indicators.js';
import type { Indicator } from '../model/indicators.js';

/**
 * One row of an indicator table, with its group's 一级/二级 names on every row: the template's table
 * merges them down their groups (`merge-columns`).
 */
export interface IndicatorRow {
  level1: string;
  level2: string;
  /** The indicator, or undefined for an empty group that keeps its row. */
  item: Indicator | undefined;
}

/** Rows of an indicator table in order; a group without indicators keeps one empty row so the form shows it. */
export function indicatorRows(groups: readonly ComputedIndicatorGroup[]): IndicatorRow[] {
  return groups.flatMap((group) =>
    (group.items.length ? group.items.map((i) => i.source) : [undefined]).map((item) => ({
      level1: group.level1,
      level2: group.level2,
      item,
    })),
  );
}
