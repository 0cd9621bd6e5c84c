import type { FundingLine, FundingOverview } from '../model/funding.js';
import {
  type Decimal,
  dec,
  decOrZero,
  fixed,
  parsePercent,
  sharesSummingTo100,
  sum,
} from '../money/decimal.js';
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
  /** 占比 at 1 decimal, e.g. "99.2%" (Hubei county form); the lines of one block add to exactly 100.0%. */
  share1: string | undefined;
  /** The printed 占比 as ratios (0.9921 for "99.21%"), for a workbook that stores the percentage. */
  shareRatio: Decimal | undefined;
  share1Ratio: Decimal | undefined;
  /** Amounts of the two prior years, keyed by year; missing years and years written `-` are absent. */
  history: Map<number, Decimal>;
  /** The same amounts as typed, keyed by year; a year written `-` is here as "-". */
  historyText: Map<number, string>;
}

export interface ComputedFundingBlock {
  lines: ComputedFundingLine[];
  total: Decimal;
  historyTotals: Map<number, Decimal>;
  /** 合计 占比 as a ratio: the sum of the printed 1-decimal shares (exactly 1); undefined when the total is 0. */
  shareTotal: Decimal | undefined;
}

export interface ComputedFunding {
  /** The two years before the report year, earlier first (近两年收支情况). */
  priorYears: [number, number];
  income: ComputedFundingBlock;
  expenditure: ComputedFundingBlock;
  /** The most decimals typed in any amount of the overview: a form printing amounts as typed prints totals so. */
  typedDecimals: number;
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
  // The Hubei county form prints 占比 at 1 decimal: rounded to 100.0% on its own, not from the 2-decimal shares.
  const shares1 = sharesSummingTo100(budgets, 1);
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
    const share = blank ? undefined : shares?.[i];
    const share1 = blank ? undefined : shares1?.[i];
    return {
      name: line.name,
      budget: budgets[i]!,
      budgetText: line.budget,
      blank,
      share,
      share1,
      shareRatio: share === undefined ? undefined : parsePercent(share),
      share1Ratio: share1 === undefined ? undefined : parsePercent(share1),
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
  const shareTotal = shares1 ? sum(shares1.map(parsePercent)) : undefined;
  return { lines: computed, total: sum(budgets), historyTotals, shareTotal };
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
  return { priorYears, income, expenditure, typedDecimals: typedDecimals(funding) };
}

/** Decimals of the amount typed with the most ("1234.5670" has 4); 0 when none has any. */
function typedDecimals(funding: FundingOverview): number {
  const texts = [...funding.income, ...funding.expenditure].flatMap((l) => [
    l.budget,
    ...Object.values(l.history ?? {}),
  ]);
  return Math.max(0, ...texts.map((t) => /\.(\d+)$/.exec(t)?.[1]?.length ?? 0));
}
