import type { ComputedTask } from '../compute/tasks.js';
import type { ComputedUnit } from '../compute/unit.js';
import { dec } from '../money/decimal.js';
import { indicatorRows } from './indicator-rows.js';
import type { DocumentKind } from './kind.js';

/**
 * 部门整体支出绩效目标表 (Shenzhen style, seed 003): 部门名称/主管部门, 年度主要任务 with amounts computed
 * from their items and 金额合计, 年度总体目标 numbered （一）…, and the department-wide indicator table.
 */

/** Money on this form prints with a fixed number of decimals (layout.md: 2 by default). */
export const GOAL_TABLE_MONEY_DECIMALS = 2;

/**
 * 主要内容 of a task: the author's description, or the list of the items that make up the amount,
 * `劳务派遣费 319.86 万元；办公设备采购 5.64 万元；…。`. Item amounts are printed as the author typed them
 * (86.275 stays 86.275): they are the author's figures, and the task's 总额 is where rounding happens.
 */
export function taskContent(task: ComputedTask): string {
  if (task.source.description) return task.source.description;
  if (task.items.length === 0) return '';
  const parts = task.items.map((item) => {
    const source = item.fund === '其他资金' ? '（其他资金）' : '';
    return `${item.name} ${dec(item.amount).toFixed()} 万元${source}`;
  });
  return `${parts.join('；')}。`;
}

export function goalTableContext(unit: ComputedUnit): Record<string, unknown> {
  const facts = unit.content.unit;
  const tasks = unit.tasks;
  const taskList = (tasks?.tasks ?? []).map((t) => ({
    name: t.source.name,
    content: taskContent(t),
    total: t.total.toFixed(),
    fiscal: t.fiscal.toFixed(),
    other: t.other.toFixed(),
  }));
  const goals = unit.goals.map((g) => ({ title: g.source.title ?? '', text: g.source.text }));
  const indicators = indicatorRows(unit.indicators).map((row) => ({
    level1: row.level1,
    level2: row.level2,
    name: row.item?.name ?? '',
    target: row.item?.target ?? '',
  }));
  return {
    year: String(unit.year),
    unitName: facts.name,
    supervisor: facts.supervisor ?? '',
    decimals: GOAL_TABLE_MONEY_DECIMALS,
    hasTasks: tasks !== undefined,
    tasks: taskList,
    total: tasks?.total.toFixed() ?? '0',
    fiscal: tasks?.fiscal.toFixed() ?? '0',
    other: tasks?.other.toFixed() ?? '0',
    goals,
    indicators,
  };
}

export const goalTableKind: DocumentKind = {
  id: 'goal-table',
  title: '部门整体支出绩效目标表',
  template: 'goal-table/main',
  documentsFor(unit) {
    if (unit.tasks === undefined && unit.indicators.length === 0) return [];
    return [
      {
        fileName: `${unit.year}年${unit.content.unit.name}部门整体支出绩效目标表`,
        view: () => goalTableContext(unit),
      },
    ];
  },
};
