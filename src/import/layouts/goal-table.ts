/**
 * The 部门整体支出绩效目标表 (documents.md §2, seed 003, jixiao's goal-table; also a bare indicator table
 * such as Hunan's 整体绩效目标表): 部门名称 | 主管部门; 年度主要任务 under 任务名称 | 主要内容 | 预算金额（总额 |
 * 财政拨款 | 其他资金）closed by 金额合计; 年度总体目标 items; the indicator table. 财政拨款 of a task and the
 * 金额合计 row are computed by jixiao, and compared with the sheet's figures.
 */
import type { YAMLMap } from 'yaml';
import { readAmount, readText, type Sourced } from '../cell-values.js';
import { headerName, TOTAL_LABELS } from '../header-names.js';
import { type ColumnSpec, findHeader } from '../headers.js';
import type { ImportParts } from '../parts.js';
import type { SheetFindings } from '../sheet-findings.js';
import type { Sheet } from '../workbook.js';
import { map, YamlOut } from '../yaml-out.js';
import { compact, findLabel, ownCells, valueRightOf } from './form-text.js';
import { findIndicatorHeader, readIndicators } from './indicator-table.js';
import { compareTotal } from './totals.js';

export const GOAL_TABLE = '部门整体支出绩效目标表';

type Money = 'total' | 'fiscal' | 'other';
const TASK_SPECS: ColumnSpec[] = [
  { key: 'name', path: ['任务名称'] },
  { key: 'description', path: ['主要内容'] },
  { key: 'total', path: ['预算金额', '总额|合计'] },
  { key: 'fiscal', path: ['预算金额', '财政拨款'] },
  { key: 'other', path: ['预算金额', '其他资金'] },
];
const MONEY_TITLES: Record<Money, string> = { total: '预算金额总额', fiscal: '财政拨款', other: '其他资金' };
const BLOCK_LABELS = new Set(['年度主要任务', '年度总体目标', '年度绩效指标']);

export function importGoalTable(sheet: Sheet, parts: ImportParts, out: SheetFindings): boolean {
  const taskHeader = findHeader(sheet, TASK_SPECS, ['任务名称', '主要内容']);
  const indicatorHeader = findIndicatorHeader(sheet, taskHeader ? taskHeader.lastRow + 1 : 1);
  if (!taskHeader && !indicatorHeader) return false;
  const yaml = new YamlOut(sheet.name);
  const firstRow = taskHeader?.row ?? indicatorHeader!.row;
  for (const [key, names] of [
    ['name', ['部门名称', '部门(单位)名称', '单位名称']],
    ['supervisor', ['主管部门']],
  ] as const) {
    const label = findLabel(sheet, [...names], 1, firstRow);
    const value = label ? valueRightOf(sheet, label.row, label.col) : undefined;
    if (value && !parts.unit.has(key)) {
      const s = { value: value.text.trim(), row: value.row, col: value.col };
      parts.unit.set(key, { node: yaml.text(s), value: s.value, from: s });
    }
  }
  for (const cell of ownCells(sheet, 1, firstRow)) {
    const year = /^\((\d{4})年度?\)$|^(\d{4})年度?.*(目标表|绩效目标)/.exec(compact(cell.text));
    if (year) parts.year ??= Number(year[1] ?? year[2]);
  }

  let next = taskHeader ? taskHeader.lastRow + 1 : 1;
  let tasks = 0;
  let goalCount = 0;
  if (taskHeader) {
    const read = readTasks(sheet, taskHeader.columns, next, yaml, out);
    parts.tasks.push(...read.tasks);
    tasks = read.tasks.length;
    next = read.endRow;
    const goals = readGoals(sheet, next, indicatorHeader?.row ?? sheet.rowCount + 1, yaml);
    parts.goals.push(...goals);
    goalCount = goals.length;
  }
  let indicators = 0;
  if (indicatorHeader) {
    const read = readIndicators(sheet, indicatorHeader, yaml, out);
    parts.indicators.push(...read.groups);
    indicators = read.groups.length;
  }
  parts.tables.push(
    `${sheet.name}：${GOAL_TABLE}，${tasks} 项任务，${goalCount} 项年度总体目标，${indicators} 组绩效指标`,
  );
  return true;
}

function readTasks(
  sheet: Sheet,
  columns: Map<string, number>,
  from: number,
  yaml: YamlOut,
  out: SheetFindings,
): { tasks: YAMLMap[]; endRow: number } {
  const col = (k: string) => columns.get(k);
  const tasks: YAMLMap[] = [];
  const rows: Array<Partial<Record<Money, Sourced>>> = [];
  let first = 0;
  let last = 0;
  for (let r = from; r <= sheet.rowCount; r++) {
    const name = readText(sheet, r, col('name'));
    const money: Partial<Record<Money, Sourced>> = {};
    for (const k of Object.keys(MONEY_TITLES) as Money[]) {
      const v = readAmount(sheet, r, col(k), { title: MONEY_TITLES[k] }, out);
      if (v && v !== 'bad') money[k] = v;
    }
    if (name && TOTAL_LABELS.has(headerName(name.value))) {
      if (rows.length > 0)
        for (const k of Object.keys(MONEY_TITLES) as Money[]) {
          const cell = money[k];
          if (!cell) continue;
          const items = rows.flatMap((m) => (m[k] ? [m[k]!] : []));
          compareTotal(sheet, out, cell, items, `金额合计的${MONEY_TITLES[k]}`, {
            from: { row: first, col: cell.col },
            to: { row: last, col: cell.col },
          });
        }
      return { tasks, endRow: r + 1 };
    }
    if (!name) {
      const description = readText(sheet, r, col('description'));
      if (description || money.total)
        out.warning(
          'import-unplaced-row',
          sheet,
          r,
          col('name') ?? 1,
          '这一行没有任务名称，没有导入；请在任务名称格中填写',
        );
      // Past the tasks: the 年度总体目标 block starts.
      if (!description && !money.total && blockLabel(sheet, r) !== '年度主要任务')
        return { tasks, endRow: r };
      continue;
    }
    if (!money.total) {
      out.error(
        'import-missing-amount',
        sheet,
        r,
        col('total') ?? name.col,
        `任务“${name.value}”缺少预算金额总额`,
      );
      continue;
    }
    if (money.fiscal) {
      const fiscal = money.fiscal;
      compareTotal(sheet, out, money.total, money.other ? [fiscal, money.other] : [fiscal], '预算金额总额');
    }
    if (rows.length === 0) first = r;
    last = r;
    rows.push(money);
    const description = readText(sheet, r, col('description'));
    tasks.push(
      map(
        [
          ['name', yaml.text(name)],
          ['description', description ? yaml.text(description) : undefined],
          ['amount', yaml.amount(money.total)],
          [
            'other_funds',
            money.other && !/^0(\.0+)?$/.test(money.other.value) ? yaml.amount(money.other) : undefined,
          ],
        ],
        ` ${out.file} 的工作表“${sheet.name}”第 ${r} 行`,
      ),
    );
  }
  return { tasks, endRow: sheet.rowCount + 1 };
}

/** The block label in the first column (年度主要任务, 年度总体目标), if the row has one. */
function blockLabel(sheet: Sheet, row: number): string | undefined {
  const name = headerName(sheet.at(row, 1).text);
  return BLOCK_LABELS.has(name) ? name : undefined;
}

const NUMBERING = /^[(（][一二三四五六七八九十百]+[)）]\s*|^[一二三四五六七八九十]+、\s*/;

/** 年度总体目标 rows: each item's text right of the block label; a first line set apart is its title. */
function readGoals(sheet: Sheet, from: number, to: number, yaml: YamlOut): YAMLMap[] {
  const goals: YAMLMap[] = [];
  for (let r = from; r < to; r++) {
    if (blockLabel(sheet, r) !== '年度总体目标') continue;
    const label = sheet.at(r, 1);
    const value = valueRightOf(sheet, r, label.master?.col ?? 1);
    if (!value) continue;
    const text = value.text.replace(/\r\n?/g, '\n').trim().replace(NUMBERING, '');
    const lines = text.split('\n');
    const at = { row: value.row, col: value.col };
    const title = lines.length > 1 ? lines[0]!.trim() : undefined;
    const body = (lines.length > 1 ? lines.slice(1).join('\n') : text).trim();
    goals.push(
      map([
        ['title', title ? yaml.text({ ...at, value: title }) : undefined],
        ['text', yaml.text({ ...at, value: body })],
      ]),
    );
  }
  return goals;
}
