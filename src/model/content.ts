import { z } from 'zod';
import { Evaluation } from './evaluation.js';
import { Evidence } from './evidence.js';
import { named } from './fields.js';
import { FundingOverview } from './funding.js';
import { Goals } from './goals.js';
import { IndicatorSet } from './indicators.js';
import { Project } from './projects.js';
import { AnnualTask } from './tasks.js';
import { UnitFacts } from './unit.js';

/**
 * Everything the YAML files of one unit folder hold, merged by top-level key. One file or several:
 * `unit:` may sit in unit.yaml and `projects:` in projects.yaml, or all in one file; a list such as
 * `projects:` may be split over several files and is concatenated in file-name order.
 */
export const UnitContent = named(
  z.strictObject({
    unit: UnitFacts,
    funding: FundingOverview.optional(),
    tasks: named(z.array(AnnualTask), '年度主要任务').optional(),
    goals: Goals.optional(),
    indicators: named(IndicatorSet, '部门整体绩效指标').optional(),
    projects: named(z.array(Project), '项目').optional(),
    evidence: Evidence.optional(),
    evaluation: Evaluation.optional(),
  }),
  '单位内容',
);
export type UnitContent = z.infer<typeof UnitContent>;

/** Top-level keys whose lists may be split across several files of a unit. */
export const LIST_PARTS = new Set(['tasks', 'indicators', 'projects']);
