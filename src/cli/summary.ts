import type { Consolidation } from '../compute/consolidate.js';
import type { ProjectTotals } from '../compute/projects.js';
import type { ComputedUnit } from '../compute/unit.js';
import { fixed, percentText } from '../money/decimal.js';
import type { RuleSetChoice } from '../pipeline/check-content.js';
import type { FrameworkChoice, GradedProject, UnitScores } from '../scoring/index.js';

/** Key figures of one unit as data, shared by the text summary and `--json`. */
export interface UnitSummary {
  id: string;
  year: number;
  name: string;
  parent: string | null;
  projects: number;
  projectTotals: ProjectTotalsSummary | null;
  consolidated: (ProjectTotalsSummary & { units: number }) | null;
  tasks: { count: number; total: string } | null;
  funding: { income: string; expenditure: string; shares: Record<string, string> } | null;
  goals: number;
  indicators: number;
  narratives: string[];
  selfEvaluation: SelfEvaluationSummary | null;
  /** What the unit is scored under: its unit framework (for the self-evaluation), and where that is named. */
  scoring: ScoringSummary;
  /** Project indicator scores the author set (项目支出绩效自评表), with the computed value and the reason. */
  projectOverrides: ProjectOverrideSummary[];
}

interface ProjectOverrideSummary {
  project: string;
  /** The indicator's name, else its 指标值 (the forms print the target where there is no name). */
  indicator: string;
  score: string | null;
  computed: string | null;
  reason: string | null;
}

function projectOverrides(projects: readonly GradedProject[]): ProjectOverrideSummary[] {
  return projects.flatMap((p) =>
    p.indicators.flatMap((i) =>
      i.override
        ? [
            {
              project: p.name,
              indicator: i.name ?? i.target,
              score: i.scoreText ?? null,
              computed: i.override.computed?.toFixed() ?? null,
              reason: i.override.reason ?? null,
            },
          ]
        : [],
    ),
  );
}

interface ScoringSummary {
  framework: { id: string; name: string; file: string; inheritedFrom: string | null } | null;
  /** The rule set its projects are scored under; `default` when no unit above it names one. */
  ruleSet: {
    id: string;
    name: string;
    file: string;
    inheritedFrom: string | null;
    default: boolean;
  } | null;
}

interface SelfEvaluationSummary {
  framework: string;
  total: string | null;
  /** Scores the author replaced: the computed value stays visible beside the one that counts. */
  overrides: Array<{
    indicator: string;
    score: string | null;
    computed: string | null;
    reason: string | null;
  }>;
}

function selfEvaluation(scores: UnitScores): SelfEvaluationSummary {
  return {
    framework: scores.framework.id,
    total: scores.totalText ?? null,
    overrides: scores.overrides.map((l) => ({
      indicator: l.name,
      score: l.scoreText ?? null,
      computed: l.override?.computed?.toFixed() ?? null,
      reason: l.override?.reason ?? null,
    })),
  };
}

interface ProjectTotalsSummary {
  initialBudget: string;
  adjustedBudget: string;
  actual: string;
  executionRate: string | null;
}

function totals(t: ProjectTotals, rateDecimals: number): ProjectTotalsSummary {
  return {
    initialBudget: fixed(t.initialBudget, 2),
    adjustedBudget: fixed(t.adjustedBudget, 2),
    actual: fixed(t.actualTotal, 2),
    executionRate: t.executionRate ? percentText(t.executionRate, rateDecimals) : null,
  };
}

export function summarise(
  unit: ComputedUnit,
  consolidation: Consolidation | undefined,
  scores?: UnitScores,
  projectScores: readonly GradedProject[] = [],
  framework?: FrameworkChoice,
  ruleSet?: RuleSetChoice,
): UnitSummary {
  const countIndicators = (groups: { items: unknown[] }[]) => groups.reduce((n, g) => n + g.items.length, 0);
  const shares: Record<string, string> = {};
  for (const block of [unit.funding?.income, unit.funding?.expenditure]) {
    for (const line of block?.lines ?? []) if (line.share) shares[line.name] = line.share;
  }
  return {
    id: unit.id,
    year: unit.year,
    name: unit.content.unit.name,
    parent: unit.parentId ?? null,
    projects: unit.projects.length,
    projectTotals: unit.projects.length ? totals(unit.projectTotals, unit.rateDecimals) : null,
    consolidated: consolidation
      ? { ...totals(consolidation.projectTotals, unit.rateDecimals), units: consolidation.members.length }
      : null,
    tasks: unit.tasks ? { count: unit.tasks.tasks.length, total: fixed(unit.tasks.total, 2) } : null,
    funding: unit.funding
      ? {
          income: fixed(unit.funding.income.total, 2),
          expenditure: fixed(unit.funding.expenditure.total, 2),
          shares,
        }
      : null,
    goals: unit.goals.length,
    indicators:
      countIndicators(unit.indicators) + unit.goals.reduce((n, g) => n + countIndicators(g.indicators), 0),
    narratives: unit.narratives.map((n) => n.path),
    selfEvaluation: scores ? selfEvaluation(scores) : null,
    scoring: {
      framework: framework
        ? {
            id: framework.id,
            name: framework.name,
            file: framework.file,
            inheritedFrom: framework.from === unit.id ? null : framework.from,
          }
        : null,
      ruleSet: ruleSet
        ? {
            id: ruleSet.id,
            name: ruleSet.name,
            file: ruleSet.file,
            inheritedFrom: ruleSet.from !== undefined && ruleSet.from !== unit.id ? ruleSet.from : null,
            default: ruleSet.from === undefined,
          }
        : null,
    },
    projectOverrides: projectOverrides(projectScores),
  };
}

export function formatSummary(s: UnitSummary): string[] {
  const lines = [`${s.year} 年 ${s.name}${s.parent ? '（下属单位）' : ''}  [${s.id}]`];
  if (s.projectTotals) {
    const t = s.projectTotals;
    lines.push(
      `  项目 ${s.projects} 个：年初预算 ${t.initialBudget}，调整后预算 ${t.adjustedBudget}，实际支出 ${t.actual}，执行率 ${t.executionRate ?? '—'}`,
    );
  }
  if (s.consolidated) {
    const c = s.consolidated;
    lines.push(
      `  汇总（含下属单位，共 ${c.units} 个单位）：年初预算 ${c.initialBudget}，调整后预算 ${c.adjustedBudget}，实际支出 ${c.actual}，执行率 ${c.executionRate ?? '—'}`,
    );
  }
  if (s.tasks) lines.push(`  年度主要任务 ${s.tasks.count} 项，金额合计 ${s.tasks.total}`);
  if (s.funding) {
    const shares = Object.entries(s.funding.shares)
      .map(([k, v]) => `${k} ${v}`)
      .join('，');
    lines.push(
      `  部门总体资金：收入合计 ${s.funding.income}，支出合计 ${s.funding.expenditure}（占比：${shares}）`,
    );
  }
  if (s.goals || s.indicators) lines.push(`  年度目标 ${s.goals} 条，绩效指标 ${s.indicators} 项`);
  if (s.narratives.length) lines.push(`  报告正文：${s.narratives.join('、')}`);
  const rs = s.scoring.ruleSet;
  if (rs && (s.projects > 0 || !rs.default))
    lines.push(
      `  评分规则：${rs.id}（${rs.name}，${rs.file}${
        rs.default
          ? '；单位及上级单位都未指定 rules，用默认规则'
          : rs.inheritedFrom
            ? `；沿用上级单位 ${rs.inheritedFrom} 的设置`
            : ''
      }）`,
    );
  const fw = s.scoring.framework;
  if (fw)
    lines.push(
      `  评价框架：${fw.id}（${fw.name}，${fw.file}${fw.inheritedFrom ? `；沿用上级单位 ${fw.inheritedFrom} 的设置` : ''}）`,
    );
  if (s.selfEvaluation) {
    const e = s.selfEvaluation;
    lines.push(`  自评得分 ${e.total ?? '—（有指标未能计分）'}（框架 ${e.framework}）`);
    for (const o of e.overrides) {
      lines.push(
        `    调整得分：${o.indicator} ${o.score ?? '—'}（计算值 ${o.computed ?? '—'}；理由：${o.reason ?? '未填写'}）`,
      );
    }
  }
  for (const o of s.projectOverrides) {
    lines.push(
      `  项目得分调整：${o.project} ${o.indicator} ${o.score ?? '—'}（计算值 ${o.computed ?? '—'}；评分说明：${o.reason ?? '未填写'}）`,
    );
  }
  return lines;
}
