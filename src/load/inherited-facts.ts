import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Findings, type SourcePosition } from '../diagnostics/finding.js';
import { locateInFile } from './locate.js';
import { parseYamlFile, toPlainData } from './yaml-file.js';

/** Unit facts a sub-unit takes from the nearest unit above it that states them. */
export const INHERITED_FACTS = ['framework', 'rules', 'forms'] as const;
export type InheritedFactKey = (typeof INHERITED_FACTS)[number];

export interface InheritedFact {
  /** The value as written; a list (`forms`) joined with 、. */
  value: string;
  /** A list's entries, each where it is written. */
  items?: Array<{ value: string; at: SourcePosition | undefined }>;
  /** The unit whose unit.yaml states it (the unit itself, or a unit above it). */
  from: string;
  /** Where it is written. */
  at: SourcePosition | undefined;
}

export type InheritedFacts = Partial<Record<InheritedFactKey, InheritedFact>>;

interface UnitFactsSource {
  id: string;
  parentId?: string;
  data: Record<string, unknown>;
  locate(path: readonly PropertyKey[]): { at: SourcePosition };
}

/**
 * For every loaded unit, the 评价框架 and 评分规则 it is scored under as written: its own unit.yaml, else the
 * nearest unit above it. A unit above that was not loaded (a sub-unit checked alone) has its unit.yaml read
 * here — only for these facts; its own problems are reported when it is checked — so a sub-unit scores the
 * same whether its department is checked with it or not.
 */
export function inheritedFacts(
  units: readonly UnitFactsSource[],
  absRoot: string,
  unitDirs: ReadonlySet<string>,
  sources: Map<string, string>,
  show: (abs: string) => string,
): Map<string, InheritedFacts> {
  const own = new Map<string, InheritedFacts>();
  const byId = new Map(units.map((u) => [u.id, u]));
  const stated = (id: string): InheritedFacts => {
    const cached = own.get(id);
    if (cached) return cached;
    const facts: InheritedFacts = {};
    const unit = byId.get(id);
    if (unit) {
      const block = unit.data['unit'];
      for (const key of INHERITED_FACTS) {
        const value =
          block && typeof block === 'object' ? (block as Record<string, unknown>)[key] : undefined;
        const fact = factOf(value, id, (p) => unit.locate(['unit', key, ...p]).at);
        if (fact) facts[key] = fact;
      }
    } else Object.assign(facts, readStated(id, absRoot, sources, show));
    own.set(id, facts);
    return facts;
  };
  const parentOf = (id: string): string | undefined => {
    const known = byId.get(id);
    if (known) return known.parentId;
    for (let d = path.posix.dirname(id); d !== '.' && d !== ''; d = path.posix.dirname(d))
      if (unitDirs.has(d)) return d;
    return undefined;
  };
  const out = new Map<string, InheritedFacts>();
  for (const unit of units) {
    const facts: InheritedFacts = {};
    for (const key of INHERITED_FACTS) {
      for (let id: string | undefined = unit.id; id !== undefined; id = parentOf(id)) {
        const fact = stated(id)[key];
        if (fact) {
          facts[key] = fact;
          break;
        }
      }
    }
    out.set(unit.id, facts);
  }
  return out;
}

/** The facts of a unit.yaml outside the folder checked; a file that does not parse states none. */
function readStated(
  id: string,
  absRoot: string,
  sources: Map<string, string>,
  show: (abs: string) => string,
): InheritedFacts {
  const abs = path.join(absRoot, id, 'unit.yaml');
  const shown = show(abs);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return {};
  }
  const quiet = new Findings();
  const file = parseYamlFile(shown, text, quiet);
  const data = file ? toPlainData(file, quiet) : undefined;
  const block = data && typeof data === 'object' ? (data as Record<string, unknown>)['unit'] : undefined;
  const facts: InheritedFacts = {};
  if (!file || !block || typeof block !== 'object') return facts;
  for (const key of INHERITED_FACTS) {
    const fact = factOf(
      (block as Record<string, unknown>)[key],
      id,
      (p) => locateInFile(file, ['unit', key, ...p]).at,
    );
    if (fact) {
      sources.set(shown, text);
      facts[key] = fact;
    }
  }
  return facts;
}

/** A stated fact: a non-empty text, or a list of texts (forms). Anything else states nothing here. */
function factOf(
  value: unknown,
  from: string,
  at: (path: readonly PropertyKey[]) => SourcePosition | undefined,
): InheritedFact | undefined {
  if (typeof value === 'string' && value.trim()) return { value: value.trim(), from, at: at([]) };
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    const items = value.map((v, i) => ({ value: (v as string).trim(), at: at([i]) }));
    return { value: items.map((i) => i.value).join('、'), items, from, at: at([]) };
  }
  return undefined;
}
