import type { Consolidation } from '../compute/consolidate.js';
import type { ComputedProject, ProjectTotals } from '../compute/projects.js';
import type { ComputedUnit } from '../compute/unit.js';
import { PROJECT_TABLE_CLASSES } from '../model/indicators.js';
import type { DocumentKind, DocumentRequest, ViewInput } from './kind.js';

/**
 * 部门预算项目绩效自评表 (documents.md §1, seeds 000 and 001): one row per project over 27 columns, a 合计
 * row; for a department with sub-units also a 汇总 table with every member's projects, a 小计 per unit and
 * the grand total. Money and ratios leave here as exact decimal strings; the template formats them.
 */

export interface IndicatorCell {
  /** 年度指标内容: every indicator of the class, one per line. */
  target: string;
  /** 完成情况, line for line with the targets. */
  actual: string;
}

interface MoneyCells {
  /** 项目年度预算金额 (the initial budget). */
  budget: string;
  /** 实际支出 合计 (computed from the sources). */
  total: string;
  /** 一般公共预算, 政府性基金, 非财政资金: a decimal string, or "-" where the data says none. */
  general: string;
  fund: string;
  nonFiscal: string;
  /** 预算支出执行率 as a ratio string (against the adjusted budget), "-" when it cannot be computed. */
  rate: string;
  rateDecimals: number;
}

export interface ProjectRow extends MoneyCells {
  kind: 'project';
  no: number;
  /** 单位名称 on every row; the template merges it down the unit's rows (merge-columns). */
  unit: string;
  name: string;
  goal: string;
  completion: string;
  indicators: IndicatorCell[];
  problems: string;
  rectification: string;
}

export interface SubtotalRow extends MoneyCells {
  kind: 'subtotal';
  /** The unit the 小计 closes: the row lies inside its merged 单位名称. */
  unit: string;
  label: string;
}

export interface ProjectTableContext {
  year: number;
  title: string;
  stamp: string;
  paper: 'A3' | 'A4';
  fontSize: string;
  widths: string;
  rows: Array<ProjectRow | SubtotalRow>;
  total: MoneyCells & { label: string };
}

const NONE = '-';

const SOURCES = {
  general: ['general_budget', 'generalBudget'],
  fund: ['government_fund', 'governmentFund'],
  nonFiscal: ['non_fiscal', 'nonFiscal'],
} as const;

function moneyCells(
  projects: readonly ComputedProject[],
  totals: Pick<ProjectTotals, 'initialBudget' | 'actualTotal' | 'executionRate' | 'spending'>,
  rateDecimals: number,
): MoneyCells {
  // A fund-source cell prints "-" only when no project of the row or group has that source at all.
  const source = (pick: keyof typeof SOURCES) => {
    const [typed, computed] = SOURCES[pick];
    return projects.every((p) => p.source.spending[typed] === NONE)
      ? NONE
      : totals.spending[computed].toFixed();
  };
  return {
    budget: totals.initialBudget.toFixed(),
    total: totals.actualTotal.toFixed(),
    general: source('general'),
    fund: source('fund'),
    nonFiscal: source('nonFiscal'),
    rate: totals.executionRate?.toFixed() ?? NONE,
    rateDecimals,
  };
}

function indicatorCells(project: ComputedProject): IndicatorCell[] {
  return PROJECT_TABLE_CLASSES.map((cls) => {
    const items = project.indicators.filter((g) => g.level2 === cls).flatMap((g) => g.items);
    return {
      target: items
        .map((i) => (i.source.name ? `${i.source.name}：${i.source.target}` : i.source.target))
        .join('\n'),
      actual: items.map((i) => i.source.actual ?? '').join('\n'),
    };
  });
}

function unitLabel(unit: ComputedUnit): string {
  return unit.content.unit.short_name ?? unit.content.unit.name;
}

function projectRows(unit: ComputedUnit, rateDecimals: number): ProjectRow[] {
  return unit.projects.map((p, i) => ({
    kind: 'project',
    no: i + 1,
    unit: unitLabel(unit),
    name: p.source.name,
    ...moneyCells([p], p, rateDecimals),
    goal: p.source.goal ?? '',
    completion: p.source.completion ?? '',
    indicators: indicatorCells(p),
    problems: p.source.problems ?? '',
    rectification: p.source.rectification ?? '',
  }));
}

const TITLE = '部门预算项目绩效自评表';

/** Relative column widths: 27 columns, text columns wider than figures. */
const WIDTHS = [
  6,
  12,
  16,
  14,
  14,
  14,
  12,
  11,
  13,
  24,
  24,
  ...PROJECT_TABLE_CLASSES.flatMap(() => [16, 16]),
  22,
  16,
].join(' ');

function layout(unit: ComputedUnit): Pick<ProjectTableContext, 'paper' | 'fontSize' | 'widths'> {
  const paper = unit.content.unit.project_table_paper;
  return { paper, fontSize: paper === 'A3' ? '8' : '5.5', widths: WIDTHS };
}

function hasSubUnits(unit: ComputedUnit, input: ViewInput): boolean {
  return input.consolidations.some((c) => c.unit.id === unit.id);
}

/** The table of one unit's own projects (本级 for a department with sub-units). */
export function unitTableView(unit: ComputedUnit, input: ViewInput): ProjectTableContext {
  const name = unit.content.unit.name;
  const rateDecimals = unit.rateDecimals;
  return {
    year: unit.year,
    title: `${unit.year}年${name}${TITLE}`,
    stamp: hasSubUnits(unit, input) ? `${name}本级` : name,
    ...layout(unit),
    rows: projectRows(unit, rateDecimals),
    total: { label: '合计', ...moneyCells(unit.projects, unit.projectTotals, rateDecimals) },
  };
}

/**
 * The 汇总 table: each member's projects under its merged 单位名称 (本级 first), a 小计 row closing each
 * unit's group (inside the merged cell), then the grand 合计. Rates use the department's precision.
 */
export function consolidatedTableView(c: Consolidation): ProjectTableContext {
  const unit = c.unit;
  const name = unit.content.unit.name;
  const rateDecimals = unit.rateDecimals;
  const rows: Array<ProjectRow | SubtotalRow> = [];
  for (const member of c.members) {
    if (member.projects.length === 0) continue;
    rows.push(...projectRows(member, rateDecimals));
    rows.push({
      kind: 'subtotal',
      unit: unitLabel(member),
      label: '小计',
      ...moneyCells(member.projects, member.projectTotals, rateDecimals),
    });
  }
  const all = c.members.flatMap((m) => m.projects);
  return {
    year: unit.year,
    title: `${unit.year}年${name}${TITLE}（汇总）`,
    stamp: name,
    ...layout(unit),
    rows,
    total: { label: '合计', ...moneyCells(all, c.projectTotals, rateDecimals) },
  };
}

export const projectSelfEvaluationKind: DocumentKind = {
  id: 'project-self-evaluation',
  title: TITLE,
  template: 'project-self-evaluation/main',
  documentsFor(unit, input): DocumentRequest[] {
    const requests: DocumentRequest[] = [];
    const name = unit.content.unit.name;
    if (unit.projects.length > 0)
      requests.push({
        fileName: `${unit.year}年${name}${TITLE}${hasSubUnits(unit, input) ? '（本级）' : ''}`,
        view: () => ({ ...unitTableView(unit, input) }),
      });
    const consolidation = input.consolidations.find((c) => c.unit.id === unit.id);
    if (consolidation?.members.some((m) => m.projects.length > 0))
      requests.push({
        fileName: `${unit.year}年${name}${TITLE}（汇总）`,
        // Warnings about each member's own projects are reported by its own table, not twice.
        view: () => ({ ...consolidatedTableView(consolidation) }),
      });
    return requests;
  },
};
