import type { YAMLMap } from 'yaml';
import type { Sourced } from './cell-values.js';

/**
 * What the sheets of one workbook give, before it is written as files: the unit's facts and the lists of
 * the content model (projects, tasks, goals, indicators) as YAML nodes with their source comments.
 */
export interface ImportParts {
  /** unit: fields in order, each with the value it holds (to compare two sheets that both name it). */
  unit: Map<string, { node: unknown; value: string; from?: Sourced }>;
  projects: YAMLMap[];
  tasks: YAMLMap[];
  goals: YAMLMap[];
  indicators: YAMLMap[];
  /** The year the sheet's title names. */
  year?: number;
  /** One line per recognised table, for the command's report: `Sheet1：部门预算项目绩效自评表，14 个项目`. */
  tables: string[];
}

export function emptyParts(): ImportParts {
  return { unit: new Map(), projects: [], tasks: [], goals: [], indicators: [], tables: [] };
}

/**
 * Sets a unit fact from a cell. The same fact from another sheet or workbook must agree: two workbooks
 * of different units are not merged into one folder.
 */
export function setUnitFact(
  parts: ImportParts,
  key: string,
  value: Sourced,
  node: unknown,
  disagree: (earlier: Sourced | undefined, earlierValue: string) => void,
): void {
  const had = parts.unit.get(key);
  if (!had) parts.unit.set(key, { node, value: value.value, from: value });
  else if (had.value !== value.value) disagree(had.from, had.value);
}
