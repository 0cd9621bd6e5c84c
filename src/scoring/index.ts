import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import { closest } from '../validate/suggest.js';
import { type Framework, loadFrameworks } from './framework.js';
import { scoreUnit, type UnitScores } from './unit.js';

export { type Framework, type FrameworkNode, loadFrameworkFile, loadFrameworks } from './framework.js';
export { type GradedProject, gradeOf, type ProjectIndicatorScore, scoreProject } from './project.js';
export { type ChosenRuleSet, chooseRuleSets } from './rule-choice.js';
export { DEFAULT_RULE_SET, loadRuleSetFile, loadRuleSets, PACKAGE_RULES, type RuleSet } from './rule-set.js';
export {
  roundScore,
  type ScoredGroup,
  type ScoredLeaf,
  type ScoredNode,
  type ScoringRow,
  scoreText,
  scoreUnit,
  scoringDepth,
  scoringTableRows,
  type UnitScores,
  unitIndicatorNamed,
} from './unit.js';

/** The framework a unit's self-evaluation is scored under, and where that was said. */
export interface FrameworkChoice {
  id: string;
  name: string;
  /** The unit whose evaluation or unit.yaml names it (another id: inherited from a unit above). */
  from: string;
  /** The framework file as findings show it. */
  file: string;
}

/**
 * Scores every unit that has an `evaluation:` against the framework it names. Frameworks come from
 * `<projectDir>/frameworks/`, then the package's own; they are loaded (and checked) only when some unit
 * has a self-evaluation.
 */
export function scoreContent(
  units: readonly ComputedUnit[],
  loaded: readonly LoadedUnit[],
  findings: Findings,
  sources?: Map<string, string>,
  projectDir: string = process.cwd(),
  cwd: string = process.cwd(),
): { scores: UnitScores[]; frameworks: Map<string, Framework>; chosen: Map<string, FrameworkChoice> } {
  const evaluated = units.filter((u) => u.content.evaluation);
  const chosen = new Map<string, FrameworkChoice>();
  if (evaluated.length === 0) return { scores: [], frameworks: new Map(), chosen };
  const broken = new Set<string>();
  const frameworks = loadFrameworks(projectDir, findings, sources, cwd, broken);
  const scores: UnitScores[] = [];
  const reported = new Set<string>();
  for (const unit of evaluated) {
    const source = loaded.find((l) => l.id === unit.id);
    if (!source) continue;
    const where = {
      at: (p: readonly PropertyKey[]) => source.locate(p)?.at,
      atKey: (p: readonly PropertyKey[], key: string) => source.locateKey(p, key),
    };
    // evaluation.framework, else the unit's own or inherited unit.framework.
    const ownName = unit.content.evaluation!.framework;
    const fact = ownName
      ? { value: ownName, from: unit.id, at: where.at(['evaluation', 'framework']) }
      : source.inherited.framework;
    if (!fact) {
      findings.error(
        'framework-not-named',
        '整体绩效自评没有指定评价框架：请在 evaluation 下写 framework（如 framework: shenzhen-2021），或在 unit.yaml 的 unit 下写 framework（下属单位沿用上级单位的）',
        where.atKey([], 'evaluation') ?? where.at(['evaluation']),
        { field: '评价框架', expected: 'framework' },
      );
      continue;
    }
    const name = fact.value;
    const framework = frameworks.get(name);
    const at = fact.at;
    // A department's framework name is reported where it is written, once for all the units that take it.
    const firstTime = !reported.has(`${fact.from}:${name}`);
    reported.add(`${fact.from}:${name}`);
    if (!framework && broken.has(name)) {
      if (firstTime)
        findings.error(
          'framework-unusable',
          `评价框架“${name}”的文件（frameworks/${name}.yaml）有错误（见该文件的错误），无法计算自评得分`,
          at,
          { field: '评价框架', found: name },
        );
      continue;
    }
    if (!framework) {
      if (!firstTime) continue;
      const guess = closest(
        name,
        [...frameworks.keys()].map((key) => ({ key })),
      );
      findings.error(
        'framework-unknown',
        `找不到评价框架“${name}”（frameworks/${name}.yaml）${
          guess ? `。是否应为“${guess.key}”？` : `；可用的框架：${[...frameworks.keys()].join('、') || '无'}`
        }`,
        at,
        { field: '评价框架', found: name, ...(guess ? { expected: guess.key } : {}) },
      );
      continue;
    }
    chosen.set(unit.id, {
      id: framework.id,
      name: framework.name,
      from: fact.from,
      file: framework.file.path,
    });
    if (!framework.usable) {
      if (firstTime)
        findings.error(
          'framework-unusable',
          `评价框架“${name}”有错误（见该文件的错误），无法计算自评得分`,
          at,
          {
            field: '评价框架',
            found: name,
          },
        );
      continue;
    }
    const scored = scoreUnit(unit, framework, where, findings);
    if (scored) scores.push(scored);
  }
  return { scores, frameworks, chosen };
}
