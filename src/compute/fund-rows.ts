import { FUND_SOURCE_FAMILIES, type FundFamily, type FundRow, type FundSource } from '../model/projects.js';
import { type Decimal, dec, moneyText, sum, ZERO } from '../money/decimal.js';
import type { CheckContext } from './context.js';
import { checkUnique } from './duplicates.js';

/** An amount the author typed: its exact value and its text as typed ("12.3400"), for forms that print it so. */
export interface TypedAmount {
  value: Decimal;
  text: string;
}

/** One row of a project's 项目资金 table. An amount left out is undefined: the form prints the cell blank. */
export interface ComputedFundRow {
  source: FundSource;
  /** False for a source of the family the author did not list: the form still prints its row, blank. */
  listed: boolean;
  /** 年初预算数. */
  budget: TypedAmount | undefined;
  /** 调整后（全年）预算数. */
  adjustedBudget: TypedAmount | undefined;
  /** 执行数. */
  spending: TypedAmount | undefined;
  /** 执行率 = 执行数 ÷ 调整后预算数; 0 when that budget is 0 (printed 0.00 %); undefined when either is blank. */
  executionRate: Decimal | undefined;
}

/** 年度资金总额 (总额): each column is the sum of the rows that have it, undefined when every row left it blank. */
export interface FundTotal {
  budget: Decimal | undefined;
  adjustedBudget: Decimal | undefined;
  spending: Decimal | undefined;
  executionRate: Decimal | undefined;
}

export interface ComputedFundRows {
  /** The form family the listed sources belong to (national when only 其他资金 is listed). */
  family: FundFamily;
  /** Every source of the family, in the form's order; sources not listed are blank rows. */
  rows: ComputedFundRow[];
  total: FundTotal;
}

type Column = 'budget' | 'adjusted_budget' | 'spending';

/** 执行数 ÷ 调整后预算数, with a zero budget giving 0 (the Sichuan form prints 0.00 %, never an error). */
function rate(spending: Decimal | undefined, budget: Decimal | undefined): Decimal | undefined {
  if (spending === undefined || budget === undefined) return undefined;
  return budget.eq(0) ? ZERO : spending.div(budget);
}

function typed(text: string | undefined): TypedAmount | undefined {
  return text === undefined ? undefined : { value: dec(text), text };
}

/** The family of the first source that belongs to one family only; national when there is none. */
function familyOf(rows: readonly FundRow[]): FundFamily {
  const families = Object.keys(FUND_SOURCE_FAMILIES) as FundFamily[];
  for (const row of rows) {
    const owners = families.filter((f) =>
      (FUND_SOURCE_FAMILIES[f] as readonly string[]).includes(row.source),
    );
    if (owners.length === 1) return owners[0]!;
  }
  return 'national';
}

const FAMILY_NAME: Record<FundFamily, string> = {
  national: '全国表（财预〔2020〕10号）',
  sichuan: '四川省表（510000_0013zp）',
};

/** What each column of the rows must add up to on the project, in Chinese, with the project's figure. */
export interface ProjectFigures {
  initialBudget: Decimal;
  adjustedBudget: Decimal;
  actualTotal: Decimal;
}

/**
 * A project's fund rows: one family's sources, each once; the total computed, never typed; each column's
 * total equal to the project's own 年初预算 / 调整后预算 / 实际支出合计, which the scores are computed from.
 */
export function computeFundRows(
  rows: readonly FundRow[],
  project: { name: string; index: number },
  figures: ProjectFigures,
  ctx: CheckContext,
): ComputedFundRows {
  const path = ['projects', project.index, 'funds'] as const;
  checkUnique(
    rows.map((row, i) => ({ name: row.source, path: [...path, i, 'source'] })),
    'fund-source-duplicate',
    {
      noun: '资金来源',
      field: '资金来源',
      within: `项目“${project.name}”`,
      effect: '在年度资金总额中重复计算',
    },
    ctx,
  );
  const family = familyOf(rows);
  const sources: readonly FundSource[] = FUND_SOURCE_FAMILIES[family];
  rows.forEach((row, i) => {
    if (sources.includes(row.source)) return;
    ctx.findings.error(
      'fund-source-family',
      `项目“${project.name}”的资金来源“${row.source}”不在${FAMILY_NAME[family]}的资金来源（${sources.join('、')}）中；同一项目的资金来源应取自同一种表格`,
      ctx.at([...path, i, 'source']),
      { field: '资金来源', expected: sources.join('、'), found: row.source },
    );
  });
  const computedRow = (source: FundSource): ComputedFundRow => {
    const row = rows.find((r) => r.source === source);
    const budget = typed(row?.budget);
    const adjustedBudget = typed(row?.adjusted_budget);
    const spending = typed(row?.spending);
    return {
      source,
      listed: row !== undefined,
      budget,
      adjustedBudget,
      spending,
      executionRate: rate(spending?.value, adjustedBudget?.value),
    };
  };
  const columnTotal = (column: Column): Decimal | undefined => {
    const typedValues = rows.flatMap((r) => (r[column] === undefined ? [] : [dec(r[column])]));
    return typedValues.length === 0 ? undefined : sum(typedValues);
  };
  const total: FundTotal = {
    budget: columnTotal('budget'),
    adjustedBudget: columnTotal('adjusted_budget'),
    spending: columnTotal('spending'),
    executionRate: undefined,
  };
  total.executionRate = rate(total.spending, total.adjustedBudget);

  const checks: Array<[Column, string, Decimal | undefined, string, Decimal]> = [
    ['budget', '年初预算数', total.budget, '项目年度预算金额', figures.initialBudget],
    ['adjusted_budget', '调整后预算数', total.adjustedBudget, '调整后预算', figures.adjustedBudget],
    ['spending', '执行数', total.spending, '实际支出合计', figures.actualTotal],
  ];
  for (const [column, title, rowsTotal, projectTitle, projectFigure] of checks) {
    if (rowsTotal === undefined || rowsTotal.eq(projectFigure)) continue;
    const parts = rows.filter((r) => r[column] !== undefined).map((r) => `${r.source} ${r[column]}`);
    const first = rows.findIndex((r) => r[column] !== undefined);
    ctx.findings.error(
      'fund-rows-mismatch',
      `项目“${project.name}”各资金来源的${title}合计 ${moneyText(rowsTotal)}（${parts.join(' + ')}）与本项目的${projectTitle} ${moneyText(projectFigure)} 不相等，相差 ${moneyText(rowsTotal.minus(projectFigure).abs())}`,
      ctx.at([...path, first, column]),
      { field: title, expected: moneyText(projectFigure), found: moneyText(rowsTotal) },
    );
  }
  return { family, rows: sources.map(computedRow), total };
}
