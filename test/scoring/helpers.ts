import path from 'node:path';
import { Findings } from '../../src/diagnostics/finding.js';
import { type Framework, loadFrameworkFile } from '../../src/scoring/framework.js';
import { loadRuleSetFile, type RuleSet } from '../../src/scoring/rule-set.js';
import type { PartRule, Rule } from '../../src/scoring/schema.js';

export const FRAMEWORKS = path.resolve(import.meta.dirname, '../../frameworks');

export function shipped(id: string): Framework {
  const findings = new Findings();
  const fw = loadFrameworkFile(path.join(FRAMEWORKS, `${id}.yaml`), findings);
  if (!fw || findings.items.length) throw new Error(`${id}: ${JSON.stringify(findings.items)}`);
  return fw;
}

export const RULES = path.resolve(import.meta.dirname, '../../rules');

/** A rule set shipped in rules/, loaded without a finding. */
export function shippedRules(id: string): RuleSet {
  const findings = new Findings();
  const set = loadRuleSetFile(path.join(RULES, `${id}.yaml`), findings);
  if (!set || findings.items.length) throw new Error(`${id}: ${JSON.stringify(findings.items)}`);
  return set;
}

/** The rule of a leaf (or of a part of a sum leaf) of the shipped Shenzhen framework. */
export function shenzhenRule(leaf: string, part?: string): Rule | PartRule {
  const node = shipped('shenzhen-2021').leaves.find((l) => l.name === leaf);
  if (!node?.rule) throw new Error(`no leaf ${leaf}`);
  if (part === undefined) return node.rule;
  if (node.rule.kind !== 'sum') throw new Error(`${leaf} is not a sum`);
  const found = node.rule.parts.find((p) => p.name === part);
  if (!found) throw new Error(`no part ${part}`);
  return found.rule;
}

/** The rule of a leaf of any shipped framework. */
export function shippedRule(id: string, leaf: string): Rule {
  const node = shipped(id).leaves.find((l) => l.name === leaf);
  if (!node?.rule) throw new Error(`no leaf ${leaf} in ${id}`);
  return node.rule;
}
