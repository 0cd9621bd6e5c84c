import type { Consolidation } from '../compute/consolidate.js';
import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import type { Framework, FrameworkChoice, GradedProject, UnitScores } from '../scoring/index.js';

/** Everything a view builder may read: the computed model of the whole content tree, nothing from YAML. */
export interface ViewInput {
  units: readonly ComputedUnit[];
  consolidations: readonly Consolidation[];
  /** Self-evaluation scores by unit id. */
  scores: ReadonlyMap<string, UnitScores>;
  /** Unit scoring frameworks by id (e.g. `shenzhen-2021`). */
  frameworks: ReadonlyMap<string, Framework>;
  /** Each unit's projects scored under its rule set (rules/*.yaml), in project order. */
  projectScores: ReadonlyMap<string, readonly GradedProject[]>;
  /** The rule set and unit framework each unit is scored under (for the forms' view model). */
  ruleSets?: ReadonlyMap<string, { id: string; name: string }>;
  frameworkChoices?: ReadonlyMap<string, FrameworkChoice>;
}

/**
 * One official document: which units it is made for, the template that lays it out and the view that
 * turns the computed model into a plain template context (strings, decimal strings, arrays, objects).
 */
export interface DocumentKind {
  /** Stable id used by `--only` and in file names' folders, e.g. `project-self-evaluation`. */
  id: string;
  /** The document's Chinese name, used in the output file name and the build summary. */
  title: string;
  /** Template name under templates/, e.g. `project-self-evaluation/main`. */
  template: string;
  /** The documents of this kind one unit gets (none, one, or several variants such as 本级 and 汇总). */
  documentsFor(unit: ComputedUnit, input: ViewInput, findings?: Findings): DocumentRequest[];
}

export interface DocumentRequest {
  /** The file name without extension, in Chinese, e.g. `2020年深圳市龙岗区民政局部门预算项目绩效自评表（汇总）`. */
  fileName: string;
  /** Builds the template context; findings for problems the view finds (e.g. a narrative expression). */
  view(findings: Findings): Record<string, unknown>;
}
