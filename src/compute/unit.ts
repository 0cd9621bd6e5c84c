import type { Findings } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import type { UnitContent } from '../model/content.js';
import type { AnnualGoal } from '../model/goals.js';
import type { CheckContext } from './context.js';
import { checkUnique } from './duplicates.js';
import { type ComputedEvidence, computeEvidence } from './evidence.js';
import { type ComputedFunding, computeFunding } from './funding.js';
import { type ComputedIndicatorGroup, computeIndicatorSet } from './indicators.js';
import {
  type ComputedProject,
  checkTransfers,
  computeProject,
  type ProjectTotals,
  totalProjects,
} from './projects.js';
import { type ComputedTasks, computeTasks } from './tasks.js';

export interface ComputedGoal {
  source: AnnualGoal;
  indicators: ComputedIndicatorGroup[];
}

/** One unit with every figure computed; the input of the view builders and the scoring stage. */
export interface ComputedUnit {
  id: string;
  year: number;
  parentId: string | undefined;
  content: UnitContent;
  /** Decimals of 预算支出执行率 on this unit's forms (seed 000 prints 1, seed 001 prints 2). */
  rateDecimals: number;
  projects: ComputedProject[];
  projectTotals: ProjectTotals;
  funding: ComputedFunding | undefined;
  tasks: ComputedTasks | undefined;
  goals: ComputedGoal[];
  indicators: ComputedIndicatorGroup[];
  evidence: ComputedEvidence | undefined;
  narratives: LoadedUnit['narratives'];
}

export function computeUnit(loaded: LoadedUnit, content: UnitContent, findings: Findings): ComputedUnit {
  const ctx: CheckContext = { findings, at: (p) => loaded.locate(p)?.at };
  const rateDecimals = content.unit.rate_decimals;
  const projects = (content.projects ?? []).map((p, i) => computeProject(p, i, rateDecimals, ctx));
  checkUnique(
    projects.map((p) => ({ name: p.source.name, path: ['projects', p.index, 'name'] })),
    'project-duplicate',
    { noun: '项目', field: '项目名称', within: '本单位', effect: '在合计中重复计算' },
    ctx,
  );
  checkTransfers(projects, ctx);
  const goals = (content.goals?.annual ?? []).map((goal, i) => ({
    source: goal,
    indicators: computeIndicatorSet(
      goal.indicators ?? [],
      ['goals', 'annual', i, 'indicators'],
      `第 ${i + 1} 条年度目标`,
      ctx,
    ),
  }));
  return {
    id: loaded.id,
    year: loaded.year,
    parentId: loaded.parentId,
    content,
    rateDecimals,
    projects,
    projectTotals: totalProjects(projects),
    funding: content.funding ? computeFunding(content.funding, loaded.year, ctx) : undefined,
    tasks: content.tasks ? computeTasks(content.tasks, ctx) : undefined,
    goals,
    indicators: computeIndicatorSet(content.indicators ?? [], ['indicators'], '部门整体绩效指标', ctx),
    evidence: content.evidence ? computeEvidence(content.evidence, ctx) : undefined,
    narratives: loaded.narratives,
  };
}
