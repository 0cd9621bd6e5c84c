import path from 'node:path';
import { type Consolidation, consolidate } from '../compute/consolidate.js';
import { placeText } from '../compute/duplicates.js';
import { type ComputedUnit, checkUnitParts, computeUnit } from '../compute/unit.js';
import { Findings } from '../diagnostics/finding.js';
import { displayPath, type LoadedContent, loadContent } from '../load/content-tree.js';
import type { DataPath } from '../load/locate.js';
import {
  type Framework,
  type FrameworkChoice,
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
  /** The framework each self-evaluated unit is scored under, by unit id. */
  frameworkChoices: Map<string, FrameworkChoice>;
  /** Scoring frameworks by id, loaded when some unit has a self-evaluation or projects to score. */
  frameworks: Map<string, Framework>;
  /** Each unit's projects scored under the project framework (national rule), in project order. */
  projectScores: Map<string, GradedProject[]>;
  /** Every unit folder as findings show it (relative to the working directory) → its unit id. */
  folders: Map<string, string>;
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
    if (valid.content) units.push(computeUnit(loaded, valid.content, findings));
    else checkUnitParts(loaded, valid.parts, findings);
  }
  checkUnitNames(units, content, findings);
  // Frameworks come from <project>/frameworks (beside the content folder), else the package's own.
  const scored = scoreContent(units, content.units, findings, content.sources, content.projectDir, cwd);
  // Project self-evaluation forms are scored under a framework too, even where no unit has `evaluation:`.
  const frameworks =
    scored.frameworks.size === 0 && units.some((u) => u.projects.length > 0)
      ? loadFrameworks(content.projectDir, findings, content.sources, cwd)
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
    for (const unit of units) {
      const loaded = content.units.find((l) => l.id === unit.id);
      const ctx = { findings, at: (p: DataPath) => loaded?.locate(p).at };
      projectScores.set(
        unit.id,
        unit.projects.map((p) => scoreProject(p, projectFramework, ctx)),
      );
    }
  }
  return {
    content,
    units,
    consolidations: consolidate(units),
    findings,
    scores: scored.scores,
    frameworkChoices: scored.chosen,
    frameworks,
    projectScores,
    folders: new Map(content.unitFolders.map((id) => [displayPath(path.join(content.root, id), cwd), id])),
  };
}

/**
 * Two unit folders of one year with the same 单位名称: their documents carry the same title and the
 * department's consolidated forms list them alike, so the reader cannot tell them apart. An error at each
 * unit.yaml, naming every folder.
 */
function checkUnitNames(units: readonly ComputedUnit[], content: LoadedContent, findings: Findings): void {
  const byName = new Map<string, ComputedUnit[]>();
  for (const u of units) {
    const k = `${u.year}\u0000${u.content.unit.name}`;
    byName.set(k, [...(byName.get(k) ?? []), u]);
  }
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    const places = same.map((u) => content.units.find((l) => l.id === u.id)?.locate(['unit', 'name']).at);
    const list = places.map(placeText).join('、');
    const { name } = same[0]!.content.unit;
    for (const at of places) {
      findings.error(
        'unit-name-duplicate',
        `${same[0]!.year} 年有 ${same.length} 个单位文件夹的单位名称都是“${name}”（${list}）；同一年度的单位名称不能重复，否则文书和汇总表无法区分这些单位。请改正单位名称，或删去重复的单位文件夹`,
        at,
        { field: '单位名称', found: name },
      );
    }
  }
}
