import type { Consolidation } from '../compute/consolidate.js';
import type { ComputedIndicator, ComputedIndicatorGroup } from '../compute/indicators.js';
import type { ComputedProject, ProjectTotals } from '../compute/projects.js';
import type { ComputedTask } from '../compute/tasks.js';
import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import { INDICATOR_CLASSES, LEVEL1_CLASSES, PROJECT_TABLE_CLASSES } from '../model/indicators.js';
import { type Decimal, dec } from '../money/decimal.js';
import { LEVEL_NAMES } from '../scoring/framework.js';
import type {
  FrameworkChoice,
  GradedProject,
  ProjectIndicatorScore,
  ScoredLeaf,
  ScoringRow,
  UnitScores,
} from '../scoring/index.js';
import { scoringDepth, scoringTableRows, unitIndicatorNamed } from '../scoring/index.js';
import { REPORT_FILE, reportFigures } from '../views/narrative/figures.js';
import { type InlineRun, type RenderedBlock, renderNarrative } from '../views/narrative/narrative.js';
import { build, type Field, list, object, value } from './dictionary.js';

/**
 * The one view model every declared form reads (issue 15): every figure the compute and scoring stages
 * produce for a unit, named as in docs/data-dictionary.md. Templates compute nothing: totals, rates and
 * scores are here; formatting is a helper.
 */

export interface ModelContext {
  unit: ComputedUnit;
  units: readonly ComputedUnit[];
  consolidation: Consolidation | undefined;
  projectScores: readonly GradedProject[];
  scores: UnitScores | undefined;
  ruleSet: { id: string; name: string } | undefined;
  framework: FrameworkChoice | undefined;
  /** report section: report.md rendered, for a form that prints it (see withReport). */
  narrative?: readonly RenderedBlock[];
  /** Any unit's graded projects (a department's 汇总 lists its sub-units' projects); none when absent. */
  projectScoresOf?: (unitId: string) => readonly GradedProject[];
}

type C = ModelContext;
const exact = (d: Decimal | undefined) => d?.toFixed();

interface IndicatorSource {
  group: ComputedIndicatorGroup;
  item: ComputedIndicator;
}
const indicatorRows = (groups: readonly ComputedIndicatorGroup[]): IndicatorSource[] =>
  groups.flatMap((group) => group.items.map((item) => ({ group, item })));

// ---- Hubei pack (forms.md B6, templates/hubei/): the county 申报表 prints 占比 at 1 decimal adding to
// exactly 100.0%, a 合计 占比, the prior years' 合计, and totals at the decimals the amounts were typed with.
const HUBEI_FUNDING_LINE: Record<string, Field> = {
  share1: value<FundingLine, C>(
    'text',
    '占比（一位小数）',
    (l) => l.share1,
    '已按一位小数印好，如 80.0%；同一栏合计恰为 100.0%；留空的行为空',
  ),
  share1Ratio: value<FundingLine, C>(
    'rate',
    '占比（一位小数）的比率',
    (l) => exact(l.share1Ratio),
    '与 share1 印出的相同，如 0.8 即 80.0%；XLSX 存为百分数；留空的行为空',
  ),
};
const HUBEI_FUNDING_BLOCK: Record<string, Field> = {
  shareTotal: value<FundingBlock, C>(
    'rate',
    '合计占比',
    (b) => exact(b.shareTotal),
    '各行一位小数占比之和（恰为 1，即 100%）；合计为 0 时为空',
  ),
  historyTotals: list<FundingBlock, C, [number, Decimal | undefined]>(
    '前两年合计',
    (b, c) =>
      (c.unit.funding?.priorYears ?? []).map(
        (y) => [y, b.historyTotals.get(y)] as [number, Decimal | undefined],
      ),
    {
      year: value<[number, Decimal | undefined], C>('text', '年度', (h) => String(h[0])),
      amount: value<[number, Decimal | undefined], C>(
        'money',
        '合计',
        (h) => exact(h[1]),
        '该年各行都没有填写时为空',
      ),
    },
  ),
};
const HUBEI_FUNDING: Record<string, Field> = {
  typedDecimals: value<Funding, C>(
    'count',
    '填写的最多小数位',
    (f) => f.typedDecimals,
    '各金额中小数位最多的位数，如 1234.5670 为 4；按填写原样印金额的表用它印合计',
  ),
};
const HUBEI_INDICATOR: Record<string, Field> = {
  history: list<IndicatorSource, C, [number, string | undefined]>(
    '近两年指标值',
    (s, c) => [c.unit.year - 2, c.unit.year - 1].map((y) => [y, s.item.source.history?.[String(y)]]),
    {
      year: value<[number, string | undefined], C>('text', '年度', (h) => String(h[0])),
      value: value<[number, string | undefined], C>(
        'text',
        '指标值',
        (h) => h[1],
        '按作者填写原样；没有填写时为空',
      ),
    },
    '前两个年度，早的在前',
  ),
};
// ---- end Hubei pack

const INDICATOR: Record<string, Field> = {
  level1: value<IndicatorSource, C>('text', '一级指标', (s) => s.group.level1),
  level2: value<IndicatorSource, C>('text', '二级指标', (s) => s.group.level2),
  name: value<IndicatorSource, C>('text', '三级指标（指标名称）', (s) => s.item.source.name),
  target: value<IndicatorSource, C>(
    'text',
    '指标值（年度目标值）',
    (s) => s.item.source.target,
    '按作者填写原样',
  ),
  actual: value<IndicatorSource, C>('text', '完成值', (s) => s.item.source.actual, '按作者填写原样'),
  standard: value<IndicatorSource, C>('text', '绩效标准 / 评（扣）分标准', (s) => s.item.source.standard),
  deviation: value<IndicatorSource, C>('text', '偏差原因分析及改进措施', (s) => s.item.source.deviation),
  initialTarget: value<IndicatorSource, C>(
    'text',
    '年初指标值',
    (s) => s.item.initialTarget,
    '没有另填时同指标值',
  ),
  targetAdjusted: value<IndicatorSource, C>('flag', '指标值年中调整过', (s) => s.item.targetAdjusted),
  nature: value<IndicatorSource, C>(
    'text',
    '指标性质',
    (s) => s.item.nature,
    '=、≥、≤、>、<、定性；没有填写时由指标值得出',
  ),
  valueType: value<IndicatorSource, C>('text', '指标值类型', (s) => s.item.valueType, '定量 或 定性'),
  measureUnit: value<IndicatorSource, C>(
    'text',
    '度量单位（计量单位）',
    (s) => s.item.unit,
    '没有填写时取指标值中的单位',
  ),
  targetValue: value<IndicatorSource, C>(
    'text',
    '指标值（不含符号和单位）',
    (s) => s.item.targetValue,
    '如 ≥95% 中的 95',
  ),
  explanation: value<IndicatorSource, C>('text', '指标解释', (s) => s.item.source.explanation),
  scoringStandard: value<IndicatorSource, C>('text', '评（扣）分标准', (s) => s.item.source.scoring_standard),
  remark: value<IndicatorSource, C>('text', '备注', (s) => s.item.source.note),
  core: value<IndicatorSource, C>('flag', '是否核心指标', (s) => s.item.core),
  coefficient: value<IndicatorSource, C>(
    'rate',
    '得分系数',
    (s) => exact(s.item.coefficient),
    '比率，如 0.95',
  ),
  status: value<IndicatorSource, C>(
    'text',
    '达成情况',
    (s) => STATUS_WORDS[s.item.attainment.status] ?? '',
    '达成、未达成、部分达成、不适用、待填写、按作者判断',
  ),
  ...HUBEI_INDICATOR,
};

const STATUS_WORDS: Record<string, string> = {
  met: '达成',
  'not-met': '未达成',
  'partly-met': '部分达成',
  'not-applicable': '不适用',
  pending: '待填写',
  'author-judged': '按作者判断',
};

// ---- Shenzhen pack (templates/shenzhen/, jixiao's default documents, seeds 000–004): the 部门预算项目绩效自评表
// prints spending by source with "-" for a source no project of the row has, the indicators of each of its
// seven class columns, a 汇总 of every member's projects with a 小计 each; the 目标表 prints a task's items
// as its 主要内容 and keeps an indicator group without indicators as a row; the 申报表 prints the prior
// years' amounts of every line, "-" where none was typed. Fields that print what the author typed (no
// fallback) are named so.
type SpendingKey = 'general_budget' | 'government_fund' | 'non_fiscal';
/** A source's spending, or undefined when every project of the group typed "-" (none of that source). */
function sourceSpent(
  projects: readonly ComputedProject[],
  key: SpendingKey,
  amount: Decimal,
): string | undefined {
  return projects.every((p) => p.source.spending[key] === '-') ? undefined : amount.toFixed();
}
interface SpendingGroup {
  projects: readonly ComputedProject[];
  spending: ComputedProject['spending'];
}
const SHENZHEN_SPENDING_BY_SOURCE: Record<string, Field> = {
  generalBudget: value<SpendingGroup, C>('money', '其中：一般公共预算', (g) =>
    sourceSpent(g.projects, 'general_budget', g.spending.generalBudget),
  ),
  governmentFund: value<SpendingGroup, C>('money', '其中：政府性基金', (g) =>
    sourceSpent(g.projects, 'government_fund', g.spending.governmentFund),
  ),
  nonFiscal: value<SpendingGroup, C>('money', '非财政资金', (g) =>
    sourceSpent(g.projects, 'non_fiscal', g.spending.nonFiscal),
  ),
};
const spendingBySource = <S>(get: (s: S) => SpendingGroup): Field =>
  object<S, C, SpendingGroup>(
    '实际支出（分来源）',
    get,
    SHENZHEN_SPENDING_BY_SOURCE,
    '填写为 -（没有这项资金）的来源为空；合计行只在每个项目都为 - 时为空',
  );

/** A group of projects' totals with the projects they add up (for the sources none of them has). */
type GroupTotals = ProjectTotals & { projects: readonly ComputedProject[] };
const groupTotals = (totals: ProjectTotals, projects: readonly ComputedProject[]): GroupTotals => ({
  ...totals,
  projects,
});
const SHENZHEN_TOTALS: Record<string, Field> = {
  spendingBySource: spendingBySource<GroupTotals>((t) => t),
};

/** The 部门预算项目绩效自评表's indicator columns: one per class, the class's indicators in order. */
interface TableColumn {
  level2: string;
  rows: IndicatorSource[];
}
const SHENZHEN_PROJECT: Record<string, Field> = {
  spendingBySource: spendingBySource<ProjectSource>((s) => ({
    projects: [s.project],
    spending: s.project.spending,
  })),
  tableColumns: list<ProjectSource, C, TableColumn>(
    '自评表各类指标列',
    (s) =>
      PROJECT_TABLE_CLASSES.map((level2) => ({
        level2,
        rows: indicatorRows(s.project.indicators.filter((g) => g.level2 === level2)),
      })),
    {
      level2: value<TableColumn, C>('text', '二级指标', (t) => t.level2),
      indicators: list<TableColumn, C, IndicatorSource>('该类指标', (t) => t.rows, INDICATOR),
    },
    `部门预算项目绩效自评表的 ${PROJECT_TABLE_CLASSES.length} 类指标（${PROJECT_TABLE_CLASSES.join('、')}），每类一项，依次排列`,
  ),
};

const SHENZHEN_UNIT: Record<string, Field> = {
  label: value<ComputedUnit, C>('text', '表中单位名称', (u) => unitLabel(u), '单位简称，没有时为单位名称'),
  rateDecimals: value<ComputedUnit, C>(
    'count',
    '执行率小数位数',
    (u) => u.rateDecimals,
    'unit.yaml 的 rate_decimals（1 或 2，默认 2）',
  ),
  projectTablePaper: value<ComputedUnit, C>(
    'text',
    '项目自评表纸张',
    (u) => u.content.unit.project_table_paper,
    'A3（默认）或 A4：部门预算项目绩效自评表的纸张',
  ),
  supervisorTyped: value<ComputedUnit, C>(
    'text',
    '主管部门（按填写）',
    (u) => u.content.unit.supervisor,
    '没有填写时为空（supervisor 则有默认值）',
  ),
  dateTyped: value<ComputedUnit, C>(
    'date',
    '填报日期（按填写）',
    (u) => u.content.unit.date,
    '没有填写时为空（date 则为当年 12 月 31 日）',
  ),
};
function unitLabel(unit: ComputedUnit): string {
  return unit.content.unit.short_name ?? unit.content.unit.name;
}

/** Functions, not constants: they name PROJECT and TABLE_ROW, defined below; MODEL calls them. */
const shenzhenConsolidationUnit = (): Record<string, Field> => ({
  label: value<ComputedUnit, C>('text', '表中单位名称', (u) => unitLabel(u), '单位简称，没有时为单位名称'),
  projects: list<ComputedUnit, C, ProjectSource>(
    '该单位的项目',
    (u, c) => {
      const scores = c.projectScoresOf?.(u.id) ?? [];
      return u.projects.map((project, i) => ({ project, graded: scores[i] }));
    },
    PROJECT,
    '同 projects 中的一项',
  ),
});

const SHENZHEN_TASK: Record<string, Field> = {
  content: value<ComputedTask, C>(
    'text',
    '主要内容（或明细）',
    (t) => taskContent(t),
    '填写了 description 时为它，否则列出各项明细，如“劳务派遣费 319.86 万元；办公设备采购 5.64 万元。”（明细金额按填写原样，其他资金注明）',
  ),
};
/**
 * 主要内容 of a task: the author's description, or its items. Item amounts print as typed (86.275 stays
 * 86.275): they are the author's figures, and the task's 总额 is where rounding happens.
 */
function taskContent(task: ComputedTask): string {
  if (task.source.description) return task.source.description;
  if (task.items.length === 0) return '';
  const parts = task.items.map(
    (item) =>
      `${item.name} ${dec(item.amount).toFixed()} 万元${item.fund === '其他资金' ? '（其他资金）' : ''}`,
  );
  return `${parts.join('；')}。`;
}

const SHENZHEN_FUNDING_LINE: Record<string, Field> = {
  historyByYear: list<FundingLine, C, [number, Decimal | undefined]>(
    '前两年金额（逐年）',
    (l, c) =>
      (c.unit.funding?.priorYears ?? []).map((y) => [y, l.history.get(y)] as [number, Decimal | undefined]),
    {
      year: value<[number, Decimal | undefined], C>('text', '年度', (h) => String(h[0])),
      amount: value<[number, Decimal | undefined], C>(
        'money',
        '金额',
        (h) => exact(h[1]),
        '该年没有填写或填写为 - 时为空',
      ),
    },
    '前两个年度各一项，早的在前（history 只列填写了的年度）',
  ),
};

const SHENZHEN_FUNDING_BLOCK: Record<string, Field> = {
  rowCount: value<FundingBlock, C>(
    'count',
    '本栏行数',
    (b) => String(b.lines.length + 1),
    '各行加合计行：申报表左侧的“收入构成”“支出构成”格跨这么多行（rowspan）',
  ),
};

/** Indicator rows with a group that has no indicators kept as a row (the form shows the group). */
function groupRows(groups: readonly ComputedIndicatorGroup[]): TableRow[] {
  return groups.flatMap((group): TableRow[] =>
    group.items.length
      ? group.items.map((item) => ({ level1: group.level1, level2: group.level2, source: { group, item } }))
      : [{ level1: group.level1, level2: group.level2, source: undefined }],
  );
}
const groupRowsField = <S>(title: string, get: (s: S) => readonly ComputedIndicatorGroup[]): Field =>
  list<S, C, TableRow>(
    title,
    (s) => groupRows(get(s)),
    TABLE_ROW,
    '按作者填写的顺序；没有指标的指标组也占一行（empty 为 true）',
  );
const shenzhenGoal = (): Record<string, Field> => ({
  indicatorGroupRows: groupRowsField<ComputedUnit['goals'][number]>(
    '该目标的绩效指标（空的指标组保留一行）',
    (g) => g.indicators,
  ),
});
const shenzhenModel = (): Record<string, Field> => ({
  indicatorGroupRows: groupRowsField<ComputedUnit>(
    '部门整体绩效指标（空的指标组保留一行）',
    (u) => u.indicators,
  ),
});
// ---- end Shenzhen pack

const SCORED_INDICATOR: Record<string, Field> = {
  level1: value<ProjectIndicatorScore, C>('text', '一级指标', (s) => s.level1),
  level2: value<ProjectIndicatorScore, C>('text', '二级指标', (s) => s.level2),
  name: value<ProjectIndicatorScore, C>('text', '三级指标', (s) => s.name),
  target: value<ProjectIndicatorScore, C>('text', '年度指标值', (s) => s.target),
  actual: value<ProjectIndicatorScore, C>('text', '实际完成值', (s) => s.actual),
  applicable: value<ProjectIndicatorScore, C>('flag', '是否适用', (s) => s.applicable, '不适用的指标不计分'),
  points: value<ProjectIndicatorScore, C>('score', '分值', (s) => s.weightText, '按评分规则；不适用时为空'),
  score: value<ProjectIndicatorScore, C>(
    'score',
    '得分',
    (s) => s.scoreText,
    '未填完成值且规则要求留空时为空',
  ),
  computed: value<ProjectIndicatorScore, C>(
    'score',
    '计算得分',
    (s) => s.computed?.toFixed(),
    '作者改分时仍可看到',
  ),
  scoreReason: value<ProjectIndicatorScore, C>(
    'text',
    '评分说明',
    (s) => s.override?.reason,
    '作者改分的理由',
  ),
  deviation: value<ProjectIndicatorScore, C>('text', '偏差原因分析及改进措施', (s) => s.deviationReason),
  gap: value<ProjectIndicatorScore, C>(
    'text',
    '偏差（完成值 − 指标值）',
    (s) => s.deviation,
    '定量指标，如 -2%',
  ),
  // Sichuan pack (510000_0013zp): its 绩效指标 table prints 指标性质 and 度量单位 beside 权重 and 得分.
  nature: value<ProjectIndicatorScore, C>('text', '指标性质', (s) => s.columns.nature, '=、≥、≤、>、<、定性'),
  measureUnit: value<ProjectIndicatorScore, C>('text', '度量单位', (s) => s.columns.unit),
  targetValue: value<ProjectIndicatorScore, C>(
    'text',
    '指标值（不含符号和单位）',
    (s) => s.columns.targetValue,
    '如 ≥95% 中的 95',
  ),
};

interface ProjectSource {
  project: ComputedProject;
  graded: GradedProject | undefined;
}

const PROJECT: Record<string, Field> = {
  number: value<ProjectSource, C>('count', '序号', (s) => String(s.project.index + 1)),
  name: value<ProjectSource, C>('text', '项目名称', (s) => s.project.source.name),
  code: value<ProjectSource, C>('text', '项目编码', (s) => s.project.source.code),
  attribute: value<ProjectSource, C>('text', '项目属性', (s) => s.project.source.attribute, '新增 或 延续'),
  manager: value<ProjectSource, C>('text', '项目负责人', (s) => s.project.source.manager),
  financeManager: value<ProjectSource, C>('text', '财务负责人', (s) => s.project.source.finance_manager),
  implementation: value<ProjectSource, C>(
    'text',
    '实施内容及过程概述',
    (s) => s.project.source.implementation,
  ),
  conclusion: value<ProjectSource, C>('text', '评价结论', (s) => s.project.source.conclusion),
  // Sichuan pack: the 预算执行情况 原因 cell prints the author's reason for a low or adjusted execution.
  executionReason: value<ProjectSource, C>(
    'text',
    '执行偏差原因',
    (s) => s.project.source.execution_reason,
    '四川表印在预算执行情况的“原因”栏',
  ),
  funds: object<ProjectSource, C, NonNullable<ComputedProject['funds']>>(
    '项目资金（分来源）',
    (s) => s.project.funds,
    {
      family: value<NonNullable<ComputedProject['funds']>, C>(
        'text',
        '资金来源口径',
        (f) => f.family,
        'national（当年财政拨款/上年结转资金/其他资金）或 sichuan（财政资金/财政专户管理资金/单位资金/其他资金）',
      ),
      rows: list<NonNullable<ComputedProject['funds']>, C, FundRow>('各来源', (f) => f.rows, {
        source: value<FundRow, C>('text', '资金来源', (r) => r.source),
        listed: value<FundRow, C>(
          'flag',
          '作者填写了这一行',
          (r) => r.listed,
          '没有填写的来源也列出，数字为空',
        ),
        budget: value<FundRow, C>('money', '年初预算数', (r) => r.budget?.text, '按作者填写原样'),
        adjustedBudget: value<FundRow, C>(
          'money',
          '调整后（全年）预算数',
          (r) => r.adjustedBudget?.text,
          '按作者填写原样',
        ),
        spending: value<FundRow, C>('money', '执行数', (r) => r.spending?.text, '按作者填写原样'),
        executionRate: value<FundRow, C>(
          'rate',
          '执行率',
          (r) => exact(r.executionRate),
          '调整后预算为 0 时为 0',
        ),
      }),
      total: object<NonNullable<ComputedProject['funds']>, C, FundTotalRow>('年度资金总额', (f) => f.total, {
        budget: value<FundTotalRow, C>('money', '年初预算数合计', (t) => exact(t.budget)),
        adjustedBudget: value<FundTotalRow, C>('money', '调整后预算数合计', (t) => exact(t.adjustedBudget)),
        spending: value<FundTotalRow, C>('money', '执行数合计', (t) => exact(t.spending)),
        executionRate: value<FundTotalRow, C>('rate', '总执行率', (t) => exact(t.executionRate)),
      }),
    },
    '作者按来源填写 funds 时才有',
  ),
  initialBudget: value<ProjectSource, C>('money', '年初预算数', (s) => exact(s.project.initialBudget)),
  adjustedBudget: value<ProjectSource, C>(
    'money',
    '调整后预算数（全年预算数）',
    (s) => exact(s.project.adjustedBudget),
    '年初预算加减各项调整',
  ),
  spent: value<ProjectSource, C>('money', '实际支出合计（全年执行数）', (s) => exact(s.project.actualTotal)),
  generalBudget: value<ProjectSource, C>('money', '其中：一般公共预算', (s) =>
    exact(s.project.spending.generalBudget),
  ),
  governmentFund: value<ProjectSource, C>('money', '其中：政府性基金', (s) =>
    exact(s.project.spending.governmentFund),
  ),
  nonFiscal: value<ProjectSource, C>('money', '非财政资金', (s) => exact(s.project.spending.nonFiscal)),
  executionRate: value<ProjectSource, C>(
    'rate',
    '预算执行率',
    (s) => exact(s.project.executionRate),
    '实际支出 ÷ 调整后预算；调整后预算为 0 时为空',
  ),
  goal: value<ProjectSource, C>('text', '年初绩效目标（预期目标）', (s) => s.project.source.goal),
  completion: value<ProjectSource, C>(
    'text',
    '绩效目标完成情况（实际完成情况）',
    (s) => s.project.source.completion,
  ),
  problems: value<ProjectSource, C>('text', '存在的问题', (s) => s.project.source.problems),
  rectification: value<ProjectSource, C>(
    'text',
    '整改情况（改进措施）',
    (s) => s.project.source.rectification,
  ),
  indicators: list<ProjectSource, C, IndicatorSource>(
    '绩效指标',
    (s) => indicatorRows(s.project.indicators),
    INDICATOR,
    '按作者填写的顺序；同一一级、二级指标相邻',
  ),
  ...SHENZHEN_PROJECT,
  score: object<ProjectSource, C, GradedProject>(
    '项目自评得分',
    (s) => s.graded,
    {
      ruleSet: value<GradedProject, C>('text', '评分规则', (g) => g.ruleSet),
      executionPoints: value<GradedProject, C>('score', '预算执行率分值', (g) => g.execution.weightText),
      executionScore: value<GradedProject, C>('score', '预算执行率得分', (g) => g.execution.scoreText),
      executionRate: value<GradedProject, C>(
        'rate',
        '计分用执行率',
        (g) => exact(g.execution.scoredRate),
        '规则要求先四舍五入时为打印的执行率',
      ),
      rateDecimals: value<GradedProject, C>('count', '执行率打印小数位', (g) => g.execution.rateDecimals),
      executionInTotal: value<GradedProject, C>('flag', '执行率得分计入总分', (g) => g.execution.inTotal),
      indicators: list<GradedProject, C, ProjectIndicatorScore>(
        '计分的指标',
        (g) => g.indicators,
        SCORED_INDICATOR,
      ),
      totalPoints: value<GradedProject, C>('score', '总分的分值', (g) => g.totalPointsText),
      total: value<GradedProject, C>('score', '总分', (g) => g.totalText, '有指标待填写时为空'),
      grade: value<GradedProject, C>('text', '自评等级', (g) => g.grade, '规则不评等级或总分为空时为空'),
      graded: value<GradedProject, C>('flag', '是否评等级', (g) => g.graded),
      scoreDecimals: value<GradedProject, C>('count', '分数打印小数位', (g) => g.scoreDecimals),
    },
    '按单位的评分规则（rules/）计算；没有评分规则时为空',
  ),
};

const TASK: Record<string, Field> = {
  name: value<ComputedTask, C>('text', '任务名称', (t) => t.source.name),
  description: value<ComputedTask, C>('text', '主要内容', (t) => t.source.description),
  total: value<ComputedTask, C>('money', '预算金额 总额', (t) => exact(t.total)),
  fiscal: value<ComputedTask, C>('money', '其中：财政拨款', (t) => exact(t.fiscal)),
  other: value<ComputedTask, C>('money', '其中：其他资金', (t) => exact(t.other)),
  items: list<ComputedTask, C, ComputedTask['items'][number]>('明细', (t) => t.items, {
    name: value<ComputedTask['items'][number], C>('text', '明细名称', (i) => i.name),
    amount: value<ComputedTask['items'][number], C>('money', '金额', (i) => i.amount, '按作者填写原样'),
    fund: value<ComputedTask['items'][number], C>('text', '资金来源', (i) => i.fund),
  }),
  ...SHENZHEN_TASK,
};

const LEAF: Record<string, Field> = {
  name: value<ScoredLeaf, C>('text', '末级指标', (l) => l.name),
  level: value<ScoredLeaf, C>('count', '级次', (l) => l.level),
  points: value<ScoredLeaf, C>('score', '参考分值', (l) => l.weightText),
  description: value<ScoredLeaf, C>('text', '指标说明', (l) => l.description),
  standard: value<ScoredLeaf, C>('text', '参考评分标准', (l) => l.standard),
  score: value<ScoredLeaf, C>('score', '得分', (l) => l.scoreText),
  note: value<ScoredLeaf, C>('text', '扣分情况说明', (l) => l.note),
  // --- Packs chongqing and county-2013 (forms.md B3, B4): what the stand-alone unit tables print. ---
  coefficient: value<ScoredLeaf, C>(
    'rate',
    '得分系数',
    (l) => exact(l.coefficient),
    '按得分系数评分的指标；自评中填写的，或同名部门整体绩效指标的',
  ),
  measured: value<ScoredLeaf, C>('rate', '计算的比率', (l) => exact(l.measured), '比率评分的指标，如执行率'),
  indicator: object<ScoredLeaf, C, IndicatorSource>(
    '同名的部门整体绩效指标',
    (l, c) => {
      const found = unitIndicatorNamed(c.unit, l.name);
      const group = found && c.unit.indicators[found.path[1] as number];
      return found && group ? { group, item: found.item } : undefined;
    },
    INDICATOR,
    '按指标名称对应 indicators.yaml 中的指标：计量单位、指标值、完成值、是否核心指标取自这里；没有同名指标时为空',
  ),
};

/** A row of a scoring table: a leaf under its groups, each group with its 分值 and subtotal. */
const SCORING_ROW: Record<string, Field> = {
  groups: list<ScoringRow, C, ScoringRow['ancestors'][number]>('所属各级指标', (r) => r.ancestors, {
    name: value<ScoringRow['ancestors'][number], C>('text', '指标名称', (a) => a.name),
    level: value<ScoringRow['ancestors'][number], C>('count', '级次', (a) => String(a.level)),
    points: value<ScoringRow['ancestors'][number], C>('score', '分值', (a) => a.weightText),
    score: value<ScoringRow['ancestors'][number], C>(
      'score',
      '得分小计',
      (a) => a.scoreText,
      '其下各末级指标得分之和；有指标未能计分时为空',
    ),
  }),
  leaf: object<ScoringRow, C, ScoredLeaf>('末级指标', (r) => r.leaf, LEAF),
  nameColumns: value<ScoringRow, C>(
    'count',
    '末级指标名称跨的列数',
    (r) => String(r.nameColumns),
    '最深一级为 1；浅一级的指标跨过所缺各级的名称和分值两列',
  ),
};

type BudgetExecution = NonNullable<NonNullable<ComputedUnit['content']['evidence']>['budget_execution']>;

type Funding = NonNullable<ComputedUnit['funding']>;
type FundingBlock = Funding['income'];
type FundingLine = FundingBlock['lines'][number];
type FundRow = NonNullable<ComputedProject['funds']>['rows'][number];
type FundTotalRow = NonNullable<ComputedProject['funds']>['total'];

const FUNDING_BLOCK: Record<string, Field> = {
  lines: list<FundingBlock, C, FundingLine>('各行', (b) => b.lines, {
    name: value<FundingLine, C>('text', '名称', (l) => l.name),
    budget: value<FundingLine, C>(
      'money',
      '当年预算',
      (l) => (l.blank ? undefined : exact(l.budget)),
      '留空（-）的行为空，不是 0',
    ),
    budgetTyped: value<FundingLine, C>(
      'text',
      '当年预算（按填写原样）',
      (l) => (l.blank ? undefined : l.budgetText),
      '如 12.3400，保留所有小数位',
    ),
    share: value<FundingLine, C>(
      'text',
      '占比',
      (l) => l.share,
      '已按两位小数印好，如 99.21%；同一栏合计恰为 100.00%',
    ),
    shareRatio: value<FundingLine, C>(
      'rate',
      '占比的比率',
      (l) => exact(l.shareRatio),
      '与 share 印出的相同，如 0.9921 即 99.21%；XLSX 存为百分数',
    ),
    ...HUBEI_FUNDING_LINE,
    ...SHENZHEN_FUNDING_LINE,
    history: list<FundingLine, C, [number, string]>(
      '前两年金额',
      (l) => [...l.historyText].sort((a, b) => a[0] - b[0]),
      {
        year: value<[number, string], C>('text', '年度', (h) => String(h[0])),
        amount: value<[number, string], C>('money', '金额（按填写原样）', (h) =>
          h[1] === '-' ? undefined : h[1],
        ),
      },
    ),
  }),
  total: value<FundingBlock, C>('money', '合计', (b) => exact(b.total)),
  ...HUBEI_FUNDING_BLOCK,
  ...SHENZHEN_FUNDING_BLOCK,
};

const TOTALS = (title: string) => ({
  initialBudget: value<{ initialBudget: Decimal }, C>('money', `${title}年初预算数`, (t) =>
    exact(t.initialBudget),
  ),
  adjustedBudget: value<{ adjustedBudget: Decimal }, C>('money', `${title}调整后预算数`, (t) =>
    exact(t.adjustedBudget),
  ),
  spent: value<{ actualTotal: Decimal }, C>('money', `${title}实际支出`, (t) => exact(t.actualTotal)),
  executionRate: value<{ executionRate: Decimal | undefined }, C>('rate', `${title}预算执行率`, (t) =>
    exact(t.executionRate),
  ),
  ...SHENZHEN_TOTALS,
});

/**
 * Hunan pack (整体绩效目标表): the department's indicators class by class, every 一级 class and its usual
 * 二级 classes kept as a row even when the unit has no indicator there (the form's empty categories keep
 * their row); 二级 classes of the author's own follow the usual ones of their 一级, in the author's order.
 */
interface TableRow {
  level1: string;
  level2: string;
  source: IndicatorSource | undefined;
}
function indicatorTableRows(groups: readonly ComputedIndicatorGroup[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const level1 of LEVEL1_CLASSES) {
    const usual: readonly string[] = INDICATOR_CLASSES[level1];
    const own = groups.filter((g) => g.level1 === level1 && !usual.includes(g.level2)).map((g) => g.level2);
    for (const level2 of [...new Set([...usual, ...own])]) {
      const here = indicatorRows(groups.filter((g) => g.level1 === level1 && g.level2 === level2));
      if (here.length === 0) rows.push({ level1, level2, source: undefined });
      else for (const source of here) rows.push({ level1, level2, source });
    }
  }
  return rows;
}
const TABLE_ROW: Record<string, Field> = {
  level1: value<TableRow, C>('text', '一级指标', (r) => r.level1),
  level2: value<TableRow, C>('text', '二级指标', (r) => r.level2),
  empty: value<TableRow, C>(
    'flag',
    '本类没有指标',
    (r) => r.source === undefined,
    '空类别只印一级、二级指标',
  ),
  indicator: object<TableRow, C, IndicatorSource>('指标', (r) => r.source, INDICATOR, '空类别时为空'),
};

// ==== report: 部门整体绩效自评报告 (templates/shenzhen/self-evaluation-report/) ==========================
// The narrative (report.md) with every figure filled in, block by block, and what the scoring appendix
// prints beyond selfEvaluation's rows: the names of the framework's levels and the framework's 附注.

const REPORT_RUN: Record<string, Field> = {
  text: value<InlineRun, C>('text', '文字', (r) => r.text, '这一段的文字，数字已按格式印好'),
  bold: value<InlineRun, C>('flag', '加粗', (r) => r.bold, '正文中写在 **…** 之间的为是'),
};

const REPORT_BLOCK: Record<string, Field> = {
  kind: value<RenderedBlock, C>(
    'text',
    '类型',
    (b) => (b.kind === 'heading' ? `h${b.level}` : b.kind === 'paragraph' ? 'p' : b.kind),
    'h1–h4（一至四级标题，编号由结构生成）、p（段落）、list（列表）、table（表格）',
  ),
  runs: list<RenderedBlock, C, InlineRun>(
    '文字段',
    (b) => (b.kind === 'heading' || b.kind === 'paragraph' ? b.runs : []),
    REPORT_RUN,
    '标题和段落的文字，数字已填入；按加粗与否分段（正文中 **…** 为加粗）',
  ),
  items: list<RenderedBlock, C, InlineRun[]>(
    '列表各项',
    (b) => (b.kind === 'list' ? b.items : []),
    {
      runs: list<InlineRun[], C, InlineRun>(
        '文字段',
        (item) => item,
        REPORT_RUN,
        '这一项的文字，按加粗与否分段',
      ),
    },
    '列表（list）的各项，编号由模板的 <list> 生成；其他类型为空',
  ),
  header: value<RenderedBlock, C>(
    'texts',
    '表头各格',
    (b) => (b.kind === 'table' && b.header ? b.rows[0] : []),
    '表格第一行下有 |---| 分隔时才有',
  ),
  rows: list<RenderedBlock, C, string[]>(
    '表格各行（不含表头）',
    (b) => (b.kind === 'table' ? (b.header ? b.rows.slice(1) : b.rows) : []),
    { cells: value<string[], C>('texts', '各格', (r) => r, '这一行各格的文字，数字已填入') },
    '表格（table）的各行；其他类型为空',
  ),
};

/** Top-level `report`: null unless the form requires `report` (form.yaml) and the unit wrote report.md. */
const REPORT_TOP: Record<string, Field> = {
  report: object<ComputedUnit, C, readonly RenderedBlock[]>(
    '自评报告正文',
    (_u, c) => c.narrative,
    {
      blocks: list<readonly RenderedBlock[], C, RenderedBlock>(
        '各块',
        (blocks) => blocks,
        REPORT_BLOCK,
        '标题、段落、列表、表格，按 report.md 的顺序',
      ),
    },
    'report.md 中的正文，{{部门预算}} 等数字已填入；只有 form.yaml 的 requires 含 report 的文书才有',
  ),
};

const REPORT_SELF_EVALUATION: Record<string, Field> = {
  levels: value<UnitScores, C>(
    'texts',
    '各级指标名称',
    (s) => LEVEL_NAMES.slice(0, scoringDepth(s)).map((l) => `${l}指标`),
    '一级指标、二级指标……，评价框架有几级就有几项（得分表的表头）',
  ),
  notes: value<UnitScores, C>(
    'texts',
    '附注',
    (s) => s.framework.notes,
    '评价框架的 notes，每条一项，不含编号；印在得分表总得分一行之下；框架没有附注时为空',
  ),
};

/**
 * The data of a form that prints report.md (form.yaml `requires: [report]`): the narrative is rendered
 * here, as the document is made, so a figure it names that does not exist is a finding of this document
 * at its line and column in report.md (and the document is not written).
 */
export function withReport(
  ctx: ModelContext,
  data: Record<string, unknown>,
  findings: Findings,
): Record<string, unknown> {
  const source = ctx.unit.narratives.find((n) => n.name === REPORT_FILE);
  if (!source) return data;
  const narrative = renderNarrative(source, reportFigures(ctx.unit, ctx.scores), findings);
  return { ...data, ...build(REPORT_TOP, ctx.unit, { ...ctx, narrative }) };
}
// ==== end report ==================================================================================

/** The top level of the model: what a form's template sees (a per-project form also gets `project`). */
export const MODEL: Record<string, Field> = {
  year: value<ComputedUnit, C>('text', '年度', (u) => String(u.year)),
  unit: object<ComputedUnit, C, ComputedUnit>('单位', (u) => u, {
    id: value<ComputedUnit, C>('text', '单位文件夹', (u) => u.id),
    name: value<ComputedUnit, C>('text', '单位名称', (u) => u.content.unit.name),
    shortName: value<ComputedUnit, C>('text', '单位简称', (u) => u.content.unit.short_name),
    supervisor: value<ComputedUnit, C>(
      'text',
      '主管部门',
      (u, c) => supervisorOf(u, c),
      '没有填写时为上级单位名称，再没有则为本单位',
    ),
    preparer: value<ComputedUnit, C>('text', '填报人', (u) => u.content.unit.preparer),
    contact: value<ComputedUnit, C>('text', '部门联系人', (u) => u.content.unit.contact),
    phone: value<ComputedUnit, C>('text', '联系电话', (u) => u.content.unit.phone),
    financeOffice: value<ComputedUnit, C>('text', '财政处室', (u) => u.content.unit.finance_office),
    duties: value<ComputedUnit, C>('texts', '部门（单位）职责', (u) => u.content.unit.duties),
    date: value<ComputedUnit, C>(
      'date',
      '填报日期',
      (u) => u.content.unit.date ?? `${u.year}-12-31`,
      '没有填写时为当年 12 月 31 日',
    ),
    functions: value<ComputedUnit, C>('texts', '部门职能', (u) => u.content.unit.functions),
    workTasks: value<ComputedUnit, C>('texts', '年度工作任务', (u) => u.content.unit.work_tasks),
    isSubUnit: value<ComputedUnit, C>('flag', '是否下属单位', (u) => u.parentId !== undefined),
    ...SHENZHEN_UNIT,
  }),
  ruleSet: object<ComputedUnit, C, { id: string; name: string }>('评分规则', (_u, c) => c.ruleSet, {
    id: value<{ id: string }, C>('text', '评分规则名', (r) => r.id),
    name: value<{ name: string }, C>('text', '评分规则全称', (r) => r.name),
  }),
  projects: list<ComputedUnit, C, ProjectSource>(
    '项目',
    (u, c) => u.projects.map((project, i) => ({ project, graded: c.projectScores[i] })),
    PROJECT,
  ),
  projectTotals: object<ComputedUnit, C, ComputedUnit['projectTotals']>(
    '项目合计（本级）',
    (u) => (u.projects.length ? groupTotals(u.projectTotals, u.projects) : undefined),
    TOTALS('合计'),
  ),
  consolidation: object<ComputedUnit, C, Consolidation>(
    '汇总（本级和下属单位）',
    (_u, c) => c.consolidation,
    {
      totals: object<Consolidation, C, Consolidation['projectTotals']>(
        '汇总合计',
        (k) =>
          groupTotals(
            k.projectTotals,
            k.members.flatMap((m) => m.projects),
          ),
        TOTALS('汇总'),
      ),
      units: list<Consolidation, C, ComputedUnit>('各单位', (k) => k.members, {
        name: value<ComputedUnit, C>('text', '单位名称', (u) => u.content.unit.name),
        shortName: value<ComputedUnit, C>('text', '单位简称', (u) => u.content.unit.short_name),
        projectCount: value<ComputedUnit, C>('count', '项目个数', (u) => String(u.projects.length)),
        totals: object<ComputedUnit, C, ComputedUnit['projectTotals']>(
          '小计',
          (u) => groupTotals(u.projectTotals, u.projects),
          TOTALS('小计'),
        ),
        ...shenzhenConsolidationUnit(),
      }),
    },
    '只有有下属单位的单位才有',
  ),
  funding: object<ComputedUnit, C, NonNullable<ComputedUnit['funding']>>(
    '部门总体资金情况',
    (u) => u.funding,
    {
      priorYears: value<Funding, C>('texts', '前两个年度', (f) => f.priorYears.map(String)),
      income: object<Funding, C, FundingBlock>('收入构成', (f) => f.income, FUNDING_BLOCK),
      expenditure: object<Funding, C, FundingBlock>('支出构成', (f) => f.expenditure, FUNDING_BLOCK),
      ...HUBEI_FUNDING,
    },
  ),
  tasks: object<ComputedUnit, C, NonNullable<ComputedUnit['tasks']>>('年度主要任务', (u) => u.tasks, {
    list: list<NonNullable<ComputedUnit['tasks']>, C, ComputedTask>('各项任务', (t) => t.tasks, TASK),
    total: value<NonNullable<ComputedUnit['tasks']>, C>('money', '金额合计', (t) => exact(t.total)),
    fiscal: value<NonNullable<ComputedUnit['tasks']>, C>('money', '财政拨款合计', (t) => exact(t.fiscal)),
    other: value<NonNullable<ComputedUnit['tasks']>, C>('money', '其他资金合计', (t) => exact(t.other)),
  }),
  longTermGoals: value<ComputedUnit, C>('texts', '长期目标', (u) => u.content.goals?.long_term),
  annualGoals: list<ComputedUnit, C, ComputedUnit['goals'][number]>('年度目标', (u) => u.goals, {
    title: value<ComputedUnit['goals'][number], C>('text', '目标标题', (g) => g.source.title),
    text: value<ComputedUnit['goals'][number], C>('text', '目标内容', (g) => g.source.text),
    // Pack chongqing (forms.md B3): 年初 and 全年（调整）绩效目标, 全年目标实际完成情况.
    initialText: value<ComputedUnit['goals'][number], C>(
      'text',
      '年初绩效目标',
      (g) => g.source.initial_text ?? g.source.text,
      '没有另填时同目标内容',
    ),
    completion: value<ComputedUnit['goals'][number], C>(
      'text',
      '全年目标实际完成情况',
      (g) => g.source.completion,
    ),
    indicators: list<ComputedUnit['goals'][number], C, IndicatorSource>(
      '该目标的绩效指标',
      (g) => indicatorRows(g.indicators),
      INDICATOR,
    ),
    ...shenzhenGoal(),
  }),
  indicators: list<ComputedUnit, C, IndicatorSource>(
    '部门整体绩效指标',
    (u) => indicatorRows(u.indicators),
    INDICATOR,
  ),
  indicatorTable: list<ComputedUnit, C, TableRow>(
    '部门整体绩效指标（按类别，空类别保留一行）',
    (u) => indicatorTableRows(u.indicators),
    TABLE_ROW,
    '产出、效益、满意度指标及其常用二级指标都列出；没有指标的类别 empty 为 true',
  ),
  ...shenzhenModel(),
  selfEvaluation: object<ComputedUnit, C, UnitScores>('整体绩效自评', (_u, c) => c.scores, {
    framework: value<UnitScores, C>('text', '评价框架', (s) => s.framework.name),
    totalPoints: value<UnitScores, C>('score', '总分值', (s) => s.framework.totalText),
    total: value<UnitScores, C>('score', '自评总得分', (s) => s.totalText, '有指标未能计分时为空'),
    leaves: list<UnitScores, C, ScoredLeaf>('各末级指标', (s) => s.leaves, LEAF),
    // --- Packs chongqing and county-2013 (forms.md B3, B4) ---
    depth: value<UnitScores, C>('count', '指标级数', (s) => String(scoringDepth(s))),
    rows: list<UnitScores, C, ScoringRow>(
      '得分表各行',
      (s) => scoringTableRows(s),
      SCORING_ROW,
      '每个末级指标一行，带所属各级指标的分值和得分小计；模板用 merge-columns 合并各级指标格',
    ),
    execution: object<UnitScores, C, ScoredLeaf>(
      '执行率指标',
      (s) => s.leaves[0],
      LEAF,
      '评价框架的第一个末级指标（chongqing-unit 的预算执行率）：重庆表的“部门预算执行情况”印它的执行率、权重和得分',
    ),
    indicatorLeaves: list<UnitScores, C, ScoredLeaf>(
      '其余末级指标',
      (s) => s.leaves.slice(1),
      LEAF,
      '第一个以外的末级指标：重庆表“绩效指标”的各行',
    ),
    budgetExecution: object<UnitScores, C, BudgetExecution>(
      '部门预算执行（佐证数据）',
      (_s, c) => c.unit.content.evidence?.budget_execution,
      {
        initialBudget: value<BudgetExecution, C>(
          'money',
          '年初预算数',
          (b) => b.initial_budget ?? b.budget,
          '没有填写时同全年预算数',
        ),
        budget: value<BudgetExecution, C>('money', '全年（调整）预算数', (b) => b.budget),
        spending: value<BudgetExecution, C>('money', '全年执行数', (b) => b.spending),
      },
      'evidence.yaml 的 budget_execution',
    ),
    ...REPORT_SELF_EVALUATION,
  }),
  ...REPORT_TOP,
};

function supervisorOf(unit: ComputedUnit, ctx: ModelContext): string {
  const own = unit.content.unit.supervisor;
  if (own) return own;
  const parent = ctx.units.find((u) => u.id === unit.parentId);
  return parent ? parent.content.unit.name : unit.content.unit.name;
}

/** The template data of one unit's forms. */
export function unitModel(ctx: ModelContext): Record<string, unknown> {
  return build(MODEL, ctx.unit, ctx);
}

/** The `project` of a per-project form: one project, as in `projects`. */
export function projectModel(ctx: ModelContext, index: number): Record<string, unknown> {
  const project = ctx.unit.projects[index]!;
  return build(PROJECT, { project, graded: ctx.projectScores[index] }, ctx);
}

/** The per-project descriptors, for the data dictionary's `project` section. */
export const PROJECT_FIELDS = PROJECT;

/**
 * Everything a declared form's template sees, for docs/data-dictionary.md: the unit model, and what the
 * form kind adds (form-kind.ts) — `project` on a per-project form, `page`, `form`, `documentDate`.
 */
export const TEMPLATE_DATA: Record<string, Field> = {
  documentDate: value(
    'date',
    '文书日期',
    () => undefined,
    '填报日期，没有时为当年 12 月 31 日；用作 PDF、DOCX 的创建日期',
  ),
  form: object('文书', () => undefined, {
    id: value('text', '文书名', () => undefined, '如 national/project-self-evaluation'),
    name: value('text', '文书名称', () => undefined, 'form.yaml 中的 name'),
    attachment: value(
      'text',
      '附件编号',
      () => undefined,
      '单位 attachments 中本文书名称对应的编号，如 3（印为“附件3”）；没有时为空',
    ),
  }),
  page: object('页面', () => undefined, {
    paper: value('text', '纸张', () => undefined, 'A4 或 A3，来自 form.yaml'),
    orientation: value('text', '方向', () => undefined, 'portrait 或 landscape，来自 form.yaml'),
  }),
  ...MODEL,
  project: object(
    '本文书的项目',
    () => undefined,
    PROJECT,
    '只有每个项目一份（scope: project）的文书才有，内容同 projects 中的一项',
  ),
};
