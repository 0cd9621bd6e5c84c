import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import { closest } from '../validate/suggest.js';
import { DEFAULT_RULE_SET, type RuleSet } from './rule-set.js';

/** The rule set one unit's projects are scored under, and where that choice comes from. */
export interface ChosenRuleSet {
  id: string;
  name: string;
  /** The rule file as findings show it. */
  file: string;
  /** True when the unit does not name one itself: taken from a unit above it, or the default. */
  inherited: boolean;
  /** The unit whose unit.yaml names it; undefined for the default. */
  from: string | undefined;
  set: RuleSet;
}

/**
 * Each unit's rule set: the one its unit.yaml names (`unit.rules`), else the nearest unit above it that
 * names one (LoadedUnit.inherited, which also reads a department not checked with its sub-unit), else
 * `shenzhen`. A name no rule file has is an error, once, where it is written, with a did-you-mean (one
 * whose file did not load: an error pointing at that file); the units that take it get no rule set and
 * their projects are not scored.
 */
export function chooseRuleSets(
  units: readonly ComputedUnit[],
  loaded: readonly LoadedUnit[],
  sets: ReadonlyMap<string, RuleSet>,
  findings: Findings,
  broken: ReadonlySet<string> = new Set(),
): Map<string, ChosenRuleSet> {
  const out = new Map<string, ChosenRuleSet>();
  const reported = new Set<string>();
  for (const unit of units) {
    const fact = loaded.find((l) => l.id === unit.id)?.inherited.rules;
    const name = fact?.value ?? DEFAULT_RULE_SET;
    const set = sets.get(name);
    if (!set) {
      const key = fact ? `${fact.from}` : '';
      if (reported.has(key)) continue;
      reported.add(key);
      if (broken.has(name)) {
        findings.error(
          'rule-set-unusable',
          `评分规则“${name}”的文件（rules/${name}.yaml）有错误（见该文件的错误），无法计算项目得分`,
          fact?.at,
          { field: '评分规则', found: name },
        );
        continue;
      }
      const guess = closest(
        name,
        [...sets.values()].map((s) => ({ key: s.id, title: s.name })),
      );
      findings.error(
        'rule-set-unknown',
        `找不到评分规则“${name}”（rules/${name}.yaml）${
          guess
            ? `。是否应为“${guess.key}”（${guess.title}）？`
            : `；可用的评分规则：${[...sets.keys()].join('、') || '无'}`
        }`,
        fact?.at,
        { field: '评分规则', found: name, ...(guess ? { expected: guess.key } : {}) },
      );
      continue;
    }
    out.set(unit.id, {
      id: set.id,
      name: set.name,
      file: set.file,
      inherited: fact?.from !== unit.id,
      from: fact?.from,
      set,
    });
  }
  return out;
}
