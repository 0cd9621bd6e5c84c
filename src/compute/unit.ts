import type { Findings } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import type { UnitContent } from '../model/content.js';
import type { AnnualGoal } from '../model/goals.js';
import { UnitFacts } from '../model/unit.js';
import type { ValidParts } from '../validate/validate-unit.js';
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
  const projects = (content.projects ?? []).map((project, index) => ({ project, index }));
  const parts = computeParts(loaded, { ...content, projects, allProjects: true }, findings);
  return {
    id: loaded.id,
    year: loaded.year,
    parentId: loaded.parentId,
    content,
    rateDecimals: content.unit.rate_decimals,
    ...parts,
    projectTotals: totalProjects(parts.projects),
    narratives: loaded.narratives,
  };
}

/**
 * A unit that did not validate as a whole: the checks of the parts that did validate still run, for
 * their findings (the unit goes no further: it is not scored, viewed or built).
 */
export function checkUnitParts(loaded: LoadedUnit, parts: ValidParts, findings: Findings): void {
  computeParts(loaded, parts, findings);
}

function computeParts(loaded: LoadedUnit, content: ValidParts, findings: Findings) {
  const ctx: CheckContext = { findings, at: (p) => loaded.locate(p)?.at };
  // A 单位信息 that did not validate still lends its 执行率小数位数 when that field is right.
  const decimals = UnitFacts.shape.rate_decimals.safeParse(
    (loaded.data['unit'] as Record<string, unknown> | undefined)?.['rate_decimals'],
  );
  const rateDecimals = content.unit?.rate_decimals ?? (decimals.success ? decimals.data : 2);
  const projects = content.projects.map(({ project, index }) =>
    computeProject(project, index, rateDecimals, ctx),
  );
  checkUnique(
    projects.map((p) => ({ name: p.source.name, path: ['projects', p.index, 'name'] })),
    'project-duplicate',
    { noun: '项目', field: '项目名称', within: '本单位', effect: '在合计中重复计算' },
    ctx,
  );
  // A transfer's counterpart may be the project that did not validate: pairs are checked over all projects.
  if (content.allProjects) checkTransfers(projects, ctx);
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
    projects,
    funding: content.funding ? computeFunding(content.funding, loaded.year, ctx) : undefined,
    tasks: content.tasks ? computeTasks(content.tasks, ctx) : undefined,
    goals,
    indicators: computeIndicatorSet(content.indicators ?? [], ['indicators'], '部门整体绩效指标', ctx),
    evidence: content.evidence ? computeEvidence(content.evidence, ctx) : undefined,
  };
}
