import { PROJECT_TABLE_CLASSES } from '../model/indicators.js';
import { ADJUSTMENT_SIGN, type Adjustment, type Project } from '../model/projects.js';
import {
  type Decimal,
  dec,
  decOrZero,
  fixed,
  moneyText,
  percentText,
  ratio,
  sum,
  ZERO,
} from '../money/decimal.js';
import { closest } from '../validate/suggest.js';
import type { CheckContext } from './context.js';
import { type ComputedFundRows, computeFundRows } from './fund-rows.js';
import { type ComputedIndicatorGroup, computeIndicatorSet } from './indicators.js';

export interface SpendingBySource {
  generalBudget: Decimal;
  governmentFund: Decimal;
  nonFiscal: Decimal;
}

export interface ComputedProject {
  source: Project;
  index: number;
  initialBudget: Decimal;
  adjustments: Adjustment[];
  /** Initial budget with every adjustment applied (调整后预算/全年预算数). */
  adjustedBudget: Decimal;
  spending: SpendingBySource;
  /** 实际支出 合计 = 一般公共预算 + 政府性基金 + 非财政资金. */
  actualTotal: Decimal;
  /** 预算支出执行率 against the adjusted budget; undefined when that budget is 0. */
  executionRate: Decimal | undefined;
  /** 项目资金 by fund source with 年度资金总额, when the author listed `funds`. */
  funds: ComputedFundRows | undefined;
  indicators: ComputedIndicatorGroup[];
}

export interface ProjectTotals {
  initialBudget: Decimal;
  adjustedBudget: Decimal;
  spending: SpendingBySource;
  actualTotal: Decimal;
  executionRate: Decimal | undefined;
}

export function computeProject(
  project: Project,
  index: number,
  rateDecimals: number,
  ctx: CheckContext,
): ComputedProject {
  const initialBudget = dec(project.budget);
  const adjustedBudget = project.adjustments.reduce(
    (acc, adj) => acc.plus(dec(adj.amount).times(ADJUSTMENT_SIGN[adj.kind])),
    initialBudget,
  );
  const spending: SpendingBySource = {
    generalBudget: decOrZero(project.spending.general_budget),
    governmentFund: decOrZero(project.spending.government_fund),
    nonFiscal: decOrZero(project.spending.non_fiscal),
  };
  const actualTotal = sum([spending.generalBudget, spending.governmentFund, spending.nonFiscal]);
  const path = ['projects', index] as const;
  const name = project.name;

  if (adjustedBudget.lt(0)) {
    ctx.findings.error(
      'adjusted-budget-negative',
      `项目“${name}”调整后预算为 ${moneyText(adjustedBudget)}，小于 0：调出和收回的金额合计超过了年初预算 ${project.budget}`,
      ctx.at([...path, 'adjustments']),
      { field: '预算调整', found: moneyText(adjustedBudget) },
    );
  }
  warnClassesOffTheForm(project, index, ctx);
  const executionRate = ratio(actualTotal, adjustedBudget);
  if (executionRate === undefined) {
    ctx.findings.error(
      'rate-undefined',
      `项目“${name}”的预算支出执行率无法计算：调整后预算为 0`,
      ctx.at([...path, 'budget']),
      {
        field: '预算支出执行率',
      },
    );
  } else if (executionRate.gt(1)) {
    ctx.findings.warning(
      'spending-over-budget',
      `项目“${name}”实际支出 ${fixed(actualTotal, 2)} 超过调整后预算 ${fixed(adjustedBudget, 2)}（执行率 ${percentText(executionRate, rateDecimals)}）；请核对支出或预算调整`,
      ctx.at([...path, 'spending']),
      { field: '实际支出金额', expected: `≤ ${fixed(adjustedBudget, 2)}`, found: fixed(actualTotal, 2) },
    );
  }
  if (project.filed_rate && executionRate !== undefined) {
    const decimals = (project.filed_rate.split('.')[1] ?? '').replace('%', '').length;
    const computed = percentText(executionRate, decimals);
    if (computed !== project.filed_rate) {
      ctx.findings.warning(
        'filed-rate-differs',
        `项目“${name}”预算支出执行率计算为 ${computed}（${fixed(actualTotal, 2)} ÷ 调整后预算 ${fixed(adjustedBudget, 2)}），填报表印为 ${project.filed_rate}`,
        ctx.at([...path, 'filed_rate']),
        { field: '填报执行率', expected: computed, found: project.filed_rate },
      );
    }
  }
  return {
    source: project,
    index,
    initialBudget,
    adjustments: project.adjustments,
    adjustedBudget,
    spending,
    actualTotal,
    executionRate,
    funds: project.funds
      ? computeFundRows(project.funds, { name, index }, { initialBudget, adjustedBudget, actualTotal }, ctx)
      : undefined,
    indicators: computeIndicatorSet(project.indicators ?? [], [...path, 'indicators'], `项目“${name}”`, ctx),
  };
}

/** A project indicator of a class the 部门预算项目绩效自评表 has no column for is left off that form. */
function warnClassesOffTheForm(project: Project, index: number, ctx: CheckContext): void {
  const columns: readonly string[] = PROJECT_TABLE_CLASSES;
  (project.indicators ?? []).forEach((group, g) => {
    if (columns.includes(group.level2) || group.items.length === 0) return;
    ctx.findings.warning(
      'project-table-class-omitted',
      `项目“${project.name}”的${group.level2}在部门预算项目绩效自评表中没有对应的列，不会打印在该表上（该表只列 ${PROJECT_TABLE_CLASSES.join('、')}）`,
      ctx.at(['projects', index, 'indicators', g, 'level2']),
      { field: '二级指标', found: group.level2 },
    );
  });
}

export function totalProjects(projects: readonly ComputedProject[]): ProjectTotals {
  const adjustedBudget = sum(projects.map((p) => p.adjustedBudget));
  const actualTotal = sum(projects.map((p) => p.actualTotal));
  return {
    initialBudget: sum(projects.map((p) => p.initialBudget)),
    adjustedBudget,
    spending: {
      generalBudget: sum(projects.map((p) => p.spending.generalBudget)),
      governmentFund: sum(projects.map((p) => p.spending.governmentFund)),
      nonFiscal: sum(projects.map((p) => p.spending.nonFiscal)),
    },
    actualTotal,
    executionRate: ratio(actualTotal, adjustedBudget),
  };
}

/**
 * A 调剂 names its counterpart; the counterpart must book the same amount the other way. Transfers are
 * matched per pair of projects (A→B out against B←A in), so two transfers between the same pair are fine.
 */
export function checkTransfers(projects: readonly ComputedProject[], ctx: CheckContext): void {
  const byName = new Map(projects.map((p) => [p.source.name, p]));
  type Side = { total: Decimal; first?: { project: ComputedProject; index: number } };
  const outs = new Map<string, Side>();
  const ins = new Map<string, Side>();
  const key = (from: string, to: string) => `${from}\u0000${to}`;

  for (const p of projects) {
    p.adjustments.forEach((adj, i) => {
      if (adj.kind !== '调剂调出' && adj.kind !== '调剂调入') return;
      const other = adj.counterpart ?? '';
      if (!byName.has(other) || other === p.source.name) {
        const guess = closest(
          other,
          [...byName.keys()].map((k) => ({ key: k })),
        );
        ctx.findings.error(
          'transfer-unknown-project',
          other === p.source.name
            ? `项目“${p.source.name}”的${adj.kind}不能以自己为对方项目`
            : `项目“${p.source.name}”的${adj.kind}对方项目“${other}”在本单位中不存在${guess ? `。是否应为“${guess.key}”？` : ''}`,
          ctx.at(['projects', p.index, 'adjustments', i, 'counterpart']),
          { field: '对方项目', found: other },
        );
        return;
      }
      const map = adj.kind === '调剂调出' ? outs : ins;
      const k = adj.kind === '调剂调出' ? key(p.source.name, other) : key(other, p.source.name);
      const side = map.get(k) ?? { total: ZERO };
      side.total = side.total.plus(dec(adj.amount));
      side.first ??= { project: p, index: i };
      map.set(k, side);
    });
  }
  for (const k of new Set([...outs.keys(), ...ins.keys()])) {
    const [from, to] = k.split('\u0000') as [string, string];
    const out = outs.get(k)?.total ?? ZERO;
    const inn = ins.get(k)?.total ?? ZERO;
    if (out.eq(inn)) continue;
    const where = (outs.get(k) ?? ins.get(k))!.first!;
    ctx.findings.error(
      'transfer-mismatch',
      `调剂不一致：“${from}”调剂调出到“${to}”共 ${moneyText(out)} 万元，而“${to}”从“${from}”调剂调入共 ${moneyText(inn)} 万元；两边金额应相同`,
      ctx.at(['projects', where.project.index, 'adjustments', where.index, 'amount']),
      { field: '调整金额', expected: moneyText(out), found: moneyText(inn) },
    );
  }
}
