import type { ComputedFundingBlock } from '../compute/funding.js';
import type { ComputedUnit } from '../compute/unit.js';
import { GOAL_DECLARATION_NAME } from '../model/unit.js';
import { indicatorRows } from './indicator-rows.js';
import type { DocumentKind } from './kind.js';

/**
 * 部门整体支出绩效目标申报表 (Wuhan style, seed 004): header block, 部门总体资金情况 with computed totals,
 * shares and the two prior years, 部门职能概述, 年度工作任务, 整体绩效目标 (长期/年度), then one indicator
 * table per annual goal with 近两年指标值, 预期当年实现值 and 绩效标准. Empty groups keep their rows.
 */

export const GOAL_DECLARATION_TITLE = GOAL_DECLARATION_NAME;

/** Money on this form prints with a fixed number of decimals (layout.md: 2 by default). */
export const GOAL_DECLARATION_MONEY_DECIMALS = 2;

function fundingBlock(block: ComputedFundingBlock, label: string, years: readonly number[]) {
  return {
    label,
    // The block label spans its lines and the 合计 row.
    rows: block.lines.length + 1,
    lines: block.lines.map((line) => ({
      name: line.name,
      budget: line.budget.toFixed(),
      share: line.share ?? '',
      history: years.map((y) => ({ amount: line.history.get(y)?.toFixed() ?? '-' })),
    })),
    total: block.total.toFixed(),
    historyTotals: years.map((y) => ({ amount: block.historyTotals.get(y)?.toFixed() ?? '-' })),
  };
}

export function goalDeclarationContext(unit: ComputedUnit): Record<string, unknown> {
  const facts = unit.content.unit;
  const years = [unit.year - 2, unit.year - 1];
  const funding = unit.funding;
  const goalText = (title: string | undefined, text: string) => (title ? `${title}：${text}` : text);
  const annual = unit.goals.map((goal) => {
    const rows = indicatorRows(goal.indicators).map((row) => ({
      level1: row.level1,
      level2: row.level2,
      name: row.item?.name ?? '',
      history: years.map((y) => ({ value: row.item?.history?.[String(y)] ?? '' })),
      target: row.item?.target ?? '',
      standard: row.item?.standard ?? '',
    }));
    return { text: goalText(goal.source.title, goal.source.text), rows };
  });
  const attachment = facts.attachments?.[GOAL_DECLARATION_TITLE];
  return {
    year: String(unit.year),
    title: GOAL_DECLARATION_TITLE,
    attachment: attachment ?? '',
    filedDate: facts.date ?? '',
    unitName: facts.name,
    preparer: facts.preparer ?? '',
    phone: facts.phone ?? '',
    decimals: GOAL_DECLARATION_MONEY_DECIMALS,
    years: years.map((y) => ({ label: `${y}年` })),
    hasFunding: funding !== undefined,
    blocks: funding
      ? [
          fundingBlock(funding.income, '收入构成', years),
          fundingBlock(funding.expenditure, '支出构成', years),
        ]
      : [],
    functions: facts.functions ?? [],
    workTasks: facts.work_tasks ?? [],
    longTerm: unit.content.goals?.long_term ?? [],
    annualTexts: annual.map((g) => g.text),
    annual,
  };
}

export const goalDeclarationKind: DocumentKind = {
  id: 'goal-declaration',
  title: GOAL_DECLARATION_TITLE,
  template: 'goal-declaration/main',
  documentsFor(unit) {
    if (unit.funding === undefined) return [];
    return [
      {
        fileName: `${unit.year}年${unit.content.unit.name}${GOAL_DECLARATION_TITLE}`,
        view: () => goalDeclarationContext(unit),
      },
    ];
  },
};
