import type { FundingLine, FundingOverview } from '../model/funding.js';
import { type Decimal, dec, decOrZero, fixed, sharesSummingTo100, sum } from '../money/decimal.js';
import type { CheckContext } from './context.js';

export interface ComputedFundingLine {
  name: string;
  /** 当年预算; 0 for a line left blank (`-`), so totals and shares add up. */
  budget: Decimal;
  /** 当年预算 exactly as typed ("12.3400", or "-" for a line left blank), for forms that print amounts as typed. */
  budgetText: string;
  /** True when the author wrote `-`: the form prints the line blank, not 0.00. */
  blank: boolean;
  /** 占比 as printed, e.g. "99.21%"; the lines of one block add to exactly 100.00%; undefined on a blank line. */
  share: string | undefined;
  /** Amounts of the two prior years, keyed by year; missing years and years written `-` are absent. */
  history: Map<number, Decimal>;
  /** The same amounts as typed, keyed by year; a year written `-` is here as "-". */
  historyText: Map<number, string>;
}

export interface ComputedFundingBlock {
  lines: ComputedFundingLine[];
  total: Decimal;
  historyTotals: Map<number, Decimal>;
}

export interface ComputedFunding {
  /** The two years before the report year, earlier first (近两年收支情况). */
  priorYears: [number, number];
  income: ComputedFundingBlock;
  expenditure: ComputedFundingBlock;
}

const SHARE_DECIMALS = 2;

function computeBlock(
  lines: FundingLine[],
  block: 'income' | 'expenditure',
  priorYears: [number, number],
  ctx: CheckContext,
): ComputedFundingBlock {
  const budgets = lines.map((l) => decOrZero(l.budget));
  const shares = sharesSummingTo100(budgets, SHARE_DECIMALS);
  const computed = lines.map((line, i) => {
    const history = new Map<number, Decimal>();
    const historyText = new Map<number, string>();
    for (const [yearText, amount] of Object.entries(line.history ?? {})) {
      const year = Number(yearText);
      if (!priorYears.includes(year)) {
        ctx.findings.error(
          'funding-history-year',
          `近两年收支情况的年份应为 ${priorYears[0]} 或 ${priorYears[1]}，这里是 ${year}`,
          ctx.at(['funding', block, i, 'history', yearText]),
          { field: '近两年收支情况', expected: priorYears.join('、'), found: yearText },
        );
        continue;
      }
      historyText.set(year, amount);
      if (amount !== '-') history.set(year, dec(amount));
    }
    const blank = line.budget === '-';
    return {
      name: line.name,
      budget: budgets[i]!,
      budgetText: line.budget,
      blank,
      share: blank ? undefined : shares?.[i],
      history,
      historyText,
    };
  });
  const historyTotals = new Map<number, Decimal>();
  for (const year of priorYears) {
    if (computed.some((l) => l.history.has(year))) {
      historyTotals.set(year, sum(computed.map((l) => l.history.get(year) ?? dec(0))));
    }
  }
  return { lines: computed, total: sum(budgets), historyTotals };
}

/** 部门总体资金情况: totals, shares that add to 100.00%, and income equal to expenditure every year. */
export function computeFunding(funding: FundingOverview, year: number, ctx: CheckContext): ComputedFunding {
  const priorYears: [number, number] = [year - 2, year - 1];
  const income = computeBlock(funding.income, 'income', priorYears, ctx);
  const expenditure = computeBlock(funding.expenditure, 'expenditure', priorYears, ctx);
  if (!income.total.eq(expenditure.total)) {
    ctx.findings.error(
      'funding-unbalanced',
      `${year} 年收入合计 ${fixed(income.total, 2)} 与支出合计 ${fixed(expenditure.total, 2)} 不相等（相差 ${fixed(income.total.minus(expenditure.total).abs(), 2)}）`,
      ctx.at(['funding', 'expenditure']),
      { field: '部门总体资金情况', expected: fixed(income.total, 2), found: fixed(expenditure.total, 2) },
    );
  }
  for (const y of priorYears) {
    const a = income.historyTotals.get(y);
    const b = expenditure.historyTotals.get(y);
    if (a && b && !a.eq(b)) {
      ctx.findings.error(
        'funding-unbalanced',
        `${y} 年收入合计 ${fixed(a, 2)} 与支出合计 ${fixed(b, 2)} 不相等（相差 ${fixed(a.minus(b).abs(), 2)}）`,
        ctx.at(['funding', 'expenditure']),
        { field: '近两年收支情况', expected: fixed(a, 2), found: fixed(b, 2) },
      );
    }
  }
  return { priorYears, income, expenditure };
}
