import path from 'node:path';
import { type Consolidation, consolidate } from '../compute/consolidate.js';
import { placeText } from '../compute/duplicates.js';
import { type ComputedUnit, checkUnitParts, computeUnit } from '../compute/unit.js';
import { Findings } from '../diagnostics/finding.js';
import { type FormCatalog, loadFormCatalog } from '../forms/catalog.js';
import { displayPath, type LoadedContent, loadContent } from '../load/content-tree.js';
import type { DataPath } from '../load/locate.js';
import {
  type ChosenRuleSet,
  chooseRuleSets,
  type Framework,
  type FrameworkChoice,
  type GradedProject,
  loadRuleSets,
  scoreContent,
  scoreProject,
  type UnitScores,
} from '../scoring/index.js';
import { validateUnit } from '../validate/validate-unit.js';

/** The rule set a unit's projects are scored under, without the loaded set itself. */
export type RuleSetChoice = Omit<ChosenRuleSet, 'set'>;

export interface CheckedContent {
  content: LoadedContent;
  units: ComputedUnit[];
  consolidations: Consolidation[];
  findings: Findings;
  /** Self-evaluation scores of each unit that has `evaluation:`. */
  scores: UnitScores[];
  /** The framework each self-evaluated unit is scored under, by unit id. */
  frameworkChoices: Map<string, FrameworkChoice>;
  /** Scoring frameworks by id, loaded when some unit has a self-evaluation. */
  frameworks: Map<string, Framework>;
  /** Each unit's projects scored under its rule set, in project order. */
  projectScores: Map<string, GradedProject[]>;
  /** The rule set each unit's projects are scored under (by unit id), for units with projects or `rules`. */
  ruleSets: Map<string, RuleSetChoice>;
  /** Forms declared as folders (templates/<pack>/<form>/form.yaml), the project's own first. */
  forms: FormCatalog;
  /** Every unit folder as findings show it (relative to the working directory) → its unit id. */
  folders: Map<string, string>;
}

/**
 * load → validate → compute → score, collecting every finding of the run. Frameworks and rule sets are
 * looked up in the project folder beside the content (then the package).
 */
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
  // Frameworks and rule sets come from the project folder's frameworks/ and rules/, else the package's.
  const scored = scoreContent(units, content.units, findings, content.sources, content.projectDir, cwd);
  const projectScores = new Map<string, GradedProject[]>();
  const ruleSets = new Map<string, RuleSetChoice>();
  if (units.some((u) => u.projects.length > 0 || u.content.unit.rules !== undefined)) {
    const broken = new Set<string>();
    const sets = loadRuleSets(content.projectDir, findings, content.sources, cwd, broken);
    const unusable = new Set<string>();
    for (const [unitId, chosen] of chooseRuleSets(units, content.units, sets, findings, broken)) {
      const { set, ...shown } = chosen;
      ruleSets.set(unitId, shown);
      const unit = units.find((u) => u.id === unitId)!;
      if (!set.usable) {
        // Where the set is named (a department's line for its units, once), else at the rule file.
        const fact = content.units.find((l) => l.id === unitId)?.inherited.rules;
        const key = `${fact?.from ?? ''}:${set.id}`;
        if (unit.projects.length && !unusable.has(key)) {
          unusable.add(key);
          findings.error(
            'rule-set-unusable',
            `评分规则“${set.id}”有错误（见 ${set.file} 的错误），无法计算项目得分`,
            fact?.at ?? set.at(['rule_set']),
            { field: '评分规则', found: set.id },
          );
        }
        continue;
      }
      const loaded = content.units.find((l) => l.id === unit.id);
      const ctx = { findings, at: (p: DataPath) => loaded?.locate(p).at };
      projectScores.set(
        unit.id,
        unit.projects.map((p) => scoreProject(p, set, ctx, unit.rateDecimals)),
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
    frameworks: scored.frameworks,
    projectScores,
    ruleSets,
    forms: loadFormCatalog(content.projectDir, findings, content.sources, cwd),
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
