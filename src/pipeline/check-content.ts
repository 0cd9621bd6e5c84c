import { type Consolidation, consolidate } from '../compute/consolidate.js';
import { type ComputedUnit, computeUnit } from '../compute/unit.js';
import { Findings } from '../diagnostics/finding.js';
import { type LoadedContent, loadContent } from '../load/content-tree.js';
import {
  type Framework,
  type GradedProject,
  loadFrameworks,
  PROJECT_FRAMEWORK,
  scoreContent,
  scoreProject,
  type UnitScores,
} from '../scoring/index.js';
import { validateUnit } from '../validate/validate-unit.js';

export interface CheckedContent {
  content: LoadedContent;
  units: ComputedUnit[];
  consolidations: Consolidation[];
  findings: Findings;
  /** Self-evaluation scores of each unit that has `evaluation:`. */
  scores: UnitScores[];
  /** Scoring frameworks by id, loaded when some unit has a self-evaluation or projects to score. */
  frameworks: Map<string, Framework>;
  /** Each unit's projects scored under the project framework (national rule), in project order. */
  projectScores: Map<string, GradedProject[]>;
}

/** load → validate → compute, collecting every finding of the run. */
export async function checkContent(root: string, cwd = process.cwd()): Promise<CheckedContent> {
  const findings = new Findings();
  const content = await loadContent(root, findings, cwd);
  const units: ComputedUnit[] = [];
  for (const loaded of content.units) {
    // A unit whose files did not all parse has partial data: its parse findings say what to fix first.
    if (loaded.incomplete) continue;
    const valid = validateUnit(loaded, findings);
    if (valid) units.push(computeUnit(loaded, valid, findings));
  }
  // Frameworks come from <project>/frameworks (the working directory), else the package's own.
  const scored = scoreContent(units, content.units, findings, content.sources, cwd);
  // Project self-evaluation forms are scored under a framework too, even where no unit has `evaluation:`.
  const frameworks =
    scored.frameworks.size === 0 && units.some((u) => u.projects.length > 0)
      ? loadFrameworks(cwd, findings, content.sources)
      : scored.frameworks;
  const projectScores = new Map<string, GradedProject[]>();
  const projectFramework = frameworks.get(PROJECT_FRAMEWORK);
  if (units.some((u) => u.projects.length > 0) && !projectFramework) {
    findings.error(
      'project-framework-missing',
      `找不到项目支出绩效自评的评价框架“${PROJECT_FRAMEWORK}”（frameworks/${PROJECT_FRAMEWORK}.yaml），无法计算项目得分`,
    );
  }
  if (projectFramework) {
    for (const unit of units)
      projectScores.set(
        unit.id,
        unit.projects.map((p) => scoreProject(p, projectFramework)),
      );
  }
  return {
    content,
    units,
    consolidations: consolidate(units),
    findings,
    scores: scored.scores,
    frameworks,
    projectScores,
  };
}
