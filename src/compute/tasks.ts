import type { AnnualTask, TaskItem } from '../model/tasks.js';
import { type Decimal, dec, fixed, moneyText, sum, ZERO } from '../money/decimal.js';
import type { CheckContext } from './context.js';
import { checkUnique } from './duplicates.js';

export interface ComputedTask {
  source: AnnualTask;
  items: TaskItem[];
  /** 总额: the sum of the items, or the amount typed for a task without items. */
  total: Decimal;
  fiscal: Decimal;
  other: Decimal;
}

export interface ComputedTasks {
  tasks: ComputedTask[];
  total: Decimal;
  fiscal: Decimal;
  other: Decimal;
}

/** 年度主要任务: each amount is the sum of its items, checked against the 预算批复数 when one is given. */
export function computeTasks(tasks: AnnualTask[], ctx: CheckContext): ComputedTasks {
  const computed = tasks.map((task, i): ComputedTask => {
    const path = ['tasks', i] as const;
    if (!task.items) {
      const total = dec(task.amount ?? '0');
      const other = dec(task.other_funds ?? '0');
      if (other.gt(total)) {
        ctx.findings.error(
          'task-other-funds-exceed',
          `任务“${task.name}”的其他资金 ${moneyText(other)} 大于预算金额 ${moneyText(total)}`,
          ctx.at([...path, 'other_funds']),
          { field: '其他资金', expected: `≤ ${moneyText(total)}`, found: moneyText(other) },
        );
      }
      return { source: task, items: [], total, fiscal: total.minus(other), other };
    }
    const items = task.items;
    checkUnique(
      items.map((item, j) => ({ name: item.name, path: [...path, 'items', j, 'name'] })),
      'task-item-duplicate',
      { noun: '明细', field: '明细名称', within: `任务“${task.name}”`, effect: '在合计中重复计算' },
      ctx,
    );
    const total = sum(items.map((it) => dec(it.amount)));
    const other = sum(items.filter((it) => it.fund === '其他资金').map((it) => dec(it.amount)));
    // A control total is typed at the precision the form prints (449.85 for items summing to 449.852):
    // it matches when the exact sum rounds to it at that precision.
    const approvedDecimals = Math.max(2, (task.approved?.split('.')[1] ?? '').length);
    if (
      task.approved !== undefined &&
      fixed(total, approvedDecimals) !== fixed(dec(task.approved), approvedDecimals)
    ) {
      const list = items.map((it) => `${it.name} ${it.amount}`).join(' + ');
      ctx.findings.error(
        'task-total-mismatch',
        `任务“${task.name}”的明细合计 ${moneyText(total)}（${list}）与预算批复数 ${task.approved} 不相等，相差 ${moneyText(total.minus(dec(task.approved)).abs())}`,
        ctx.at([...path, 'approved']),
        { field: '预算批复数', expected: moneyText(total), found: task.approved },
      );
    }
    return { source: task, items, total, fiscal: total.minus(other), other };
  });
  checkUnique(
    tasks.map((task, i) => ({ name: task.name, path: ['tasks', i, 'name'] })),
    'task-duplicate',
    { noun: '任务', field: '任务名称', within: '本单位年度主要任务', effect: '在合计中重复计算' },
    ctx,
  );
  return {
    tasks: computed,
    total: sum(computed.map((t) => t.total)),
    fiscal: sum(computed.map((t) => t.fiscal)),
    other: computed.length ? sum(computed.map((t) => t.other)) : ZERO,
  };
}
