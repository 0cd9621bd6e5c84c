import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import { closest } from '../validate/suggest.js';
import { type Framework, loadFrameworks } from './framework.js';
import { scoreUnit, type UnitScores } from './unit.js';

export { type Framework, type FrameworkNode, loadFrameworkFile, loadFrameworks } from './framework.js';
export { type GradedProject, gradeOf, type ProjectIndicatorScore, scoreProject } from './project.js';

/** The framework project self-evaluation forms are scored under (the national rule). */
export const PROJECT_FRAMEWORK = 'national-project';
export {
  roundScore,
  type ScoredGroup,
  type ScoredLeaf,
  type ScoredNode,
  type ScoringRow,
  scoreText,
  scoreUnit,
  scoringTableRows,
  type UnitScores,
} from './unit.js';

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
): { scores: UnitScores[]; frameworks: Map<string, Framework> } {
  const evaluated = units.filter((u) => u.content.evaluation);
  if (evaluated.length === 0) return { scores: [], frameworks: new Map() };
  const frameworks = loadFrameworks(projectDir, findings, sources);
  const scores: UnitScores[] = [];
  for (const unit of evaluated) {
    const source = loaded.find((l) => l.id === unit.id);
    if (!source) continue;
    const where = {
      at: (p: readonly PropertyKey[]) => source.locate(p)?.at,
      atKey: (p: readonly PropertyKey[], key: string) => source.locateKey(p, key),
    };
    const name = unit.content.evaluation!.framework;
    const framework = frameworks.get(name);
    const at = where.at(['evaluation', 'framework']);
    if (!framework) {
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
    if (framework.appliesTo !== 'unit') {
      findings.error(
        'framework-wrong-kind',
        `评价框架“${name}”用于项目支出绩效自评，不能用于部门整体自评`,
        at,
        { field: '评价框架', found: name },
      );
      continue;
    }
    if (!framework.usable) {
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
  return { scores, frameworks };
}
