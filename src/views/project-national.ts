import type { ComputedProject } from '../compute/projects.js';
import type { ComputedUnit } from '../compute/unit.js';
import type { GradedProject, ProjectIndicatorScore } from '../scoring/index.js';
import type { DocumentKind, DocumentRequest, ViewInput } from './kind.js';

/**
 * 项目支出绩效自评表 in the national layout (documents.md §5): one page per project with the 项目资金 block,
 * 年度总体目标 and the indicator rows, scored by the scoring stage under the unit's rule set (rules/*.yaml).
 * The view only arranges: scores come from the scoring stage, money and rates leave as exact decimal strings.
 */

const TITLE = '项目支出绩效自评表';

export interface FundRow {
  label: string;
  /** 年初预算数, 全年预算数 (after adjustments), 全年执行数: decimal strings; "" where the model has no figure. */
  initial: string;
  adjusted: string;
  spent: string;
}

export interface NationalIndicatorRow {
  /** 一级/二级指标 on every row; the template merges them down their groups (merge-columns). */
  level1: string;
  level2: string;
  /** 三级指标 when the author named the indicator; otherwise the target spans 三级指标 and 年度指标值. */
  name: string | undefined;
  target: string;
  actual: string;
  /**
   * 分值 and 得分 as decimal strings rounded to the rule set's decimals ("12.5"; the template prints a column
   * at one precision), "-" for an indicator marked 不适用 (dropped, not scored), "" for a pending one.
   */
  weight: string;
  score: string;
  /** 偏差原因分析及改进措施, with the 评分说明 of an author's 得分 on its own line. */
  deviation: string;
}

export interface NationalProjectPage {
  name: string;
  supervisor: string;
  implementer: string;
  funds: { total: FundRow; sources: FundRow[] };
  execution: { weight: string; rate: string; rateDecimals: number; score: string };
  goal: string;
  completion: string;
  indicators: NationalIndicatorRow[];
  /** 总分: the rule set's total and the sum of the scores ("" while an indicator is pending). */
  total: { weight: string; score: string; grade: string; graded: boolean };
  /** Decimals 分值 and 得分 print at (the rule set's score_decimals). */
  scoreDecimals: number;
}

export interface NationalContext {
  year: number;
  title: string;
  projects: NationalProjectPage[];
}

const NONE = '-';

function fundRows(p: ComputedProject): { total: FundRow; sources: FundRow[] } {
  const spent = (key: 'general_budget' | 'government_fund' | 'non_fiscal', value: { toFixed(): string }) =>
    p.source.spending[key] === NONE ? NONE : value.toFixed();
  // The model keeps budgets for the project as a whole and spending per source: the source rows print what
  // was spent from each and leave the budget cells blank.
  return {
    total: {
      label: '年度资金总额',
      initial: p.initialBudget.toFixed(),
      adjusted: p.adjustedBudget.toFixed(),
      spent: p.actualTotal.toFixed(),
    },
    sources: [
      {
        label: '其中：一般公共预算',
        initial: '',
        adjusted: '',
        spent: spent('general_budget', p.spending.generalBudget),
      },
      {
        label: '政府性基金',
        initial: '',
        adjusted: '',
        spent: spent('government_fund', p.spending.governmentFund),
      },
      { label: '非财政资金', initial: '', adjusted: '', spent: spent('non_fiscal', p.spending.nonFiscal) },
    ],
  };
}

/**
 * 偏差原因分析及改进措施: the author's text, then the 评分说明 of a score the author set (an override keeps
 * its reason beside the score it explains), on a line of its own.
 */
function deviationCell(it: ProjectIndicatorScore): string {
  const reason = it.override?.reason;
  return [it.deviationReason, reason ? `评分说明：${reason}` : undefined].filter(Boolean).join('\n');
}

function indicatorRows(graded: GradedProject): NationalIndicatorRow[] {
  return graded.indicators.map((it) => ({
    level1: it.level1,
    level2: it.level2,
    name: it.name,
    target: it.target,
    actual: it.actual ?? '',
    weight: it.applicable ? (it.weightText ?? '') : NONE,
    score: it.applicable ? (it.scoreText ?? '') : NONE,
    deviation: deviationCell(it),
  }));
}

function supervisorOf(unit: ComputedUnit, input: ViewInput): string {
  const own = unit.content.unit.supervisor;
  if (own) return own;
  const parent = input.units.find((u) => u.id === unit.parentId);
  return parent ? parent.content.unit.name : unit.content.unit.name;
}

export function nationalView(unit: ComputedUnit, input: ViewInput): NationalContext {
  const scores = input.projectScores.get(unit.id) ?? [];
  const supervisor = supervisorOf(unit, input);
  const implementer = unit.content.unit.name;
  const projects = unit.projects.map((p, i): NationalProjectPage => {
    const graded = scores[i];
    const indicators = graded ? indicatorRows(graded) : [];
    return {
      name: p.source.name,
      supervisor,
      implementer,
      funds: fundRows(p),
      execution: {
        weight: graded?.execution.weightText ?? '',
        rate: p.executionRate?.toFixed() ?? NONE,
        rateDecimals: graded?.execution.rateDecimals ?? unit.rateDecimals,
        score: graded?.execution.scoreText ?? '',
      },
      goal: p.source.goal ?? '',
      completion: p.source.completion ?? '',
      indicators,
      total: {
        weight: graded?.totalPointsText ?? '',
        score: graded?.totalText ?? '',
        grade: graded?.grade ?? '',
        graded: graded?.graded ?? true,
      },
      scoreDecimals: graded?.scoreDecimals ?? 2,
    };
  });
  return { year: unit.year, title: TITLE, projects };
}

export const projectNationalKind: DocumentKind = {
  id: 'project-national',
  title: TITLE,
  template: 'project-national/main',
  documentsFor(unit, input): DocumentRequest[] {
    if (unit.projects.length === 0) return [];
    return [
      {
        fileName: `${unit.year}年${unit.content.unit.name}${TITLE}`,
        view: () => ({ ...nationalView(unit, input) }),
      },
    ];
  },
};
