import type { Finding } from '../diagnostics/finding.js';
import type { CheckedContent } from './check-content.js';

/**
 * Which units a build leaves out because of content errors. An error belongs to the unit whose folder
 * holds the file it points at (the innermost one, for a sub-unit); an error in no unit's folder (a
 * framework, a template, a stray file, none at all) belongs to the whole run and stops it, as does one
 * between two units (see BETWEEN_UNITS). A unit is
 * left when it has errors of its own, when one of its sub-units has (its 汇总 adds them up), or when one
 * of its parent units has; every other unit is built.
 */
export interface LeftUnit {
  id: string;
  /** 单位名称 when unit.yaml has one, else the folder. */
  name: string;
  /** Errors in the unit's own files (0 when it is left for a related unit's errors). */
  errors: number;
  /** Parent or sub-units with errors, when those are why it is left. */
  related: string[];
}

/** The unit a finding belongs to (see above), or undefined for one that belongs to the run. */
export function unitOfFinding(checked: CheckedContent, finding: Finding): string | undefined {
  const file = finding.at?.file;
  if (file === undefined) return undefined;
  let best: string | undefined;
  let bestLength = -1;
  for (const [folder, id] of checked.folders) {
    if (file.startsWith(`${folder}/`) && folder.length > bestLength) {
      best = id;
      bestLength = folder.length;
    }
  }
  return best;
}

/**
 * Errors between two units, reported at one of them: two documents that would get one file name. Leaving
 * only the unit it is reported at would let the other take the name, so the build stops as a whole.
 */
const BETWEEN_UNITS = new Set(['output-name-collision']);

/** Errors that belong to no unit (or to two): any one stops the whole build. */
export function runErrors(checked: CheckedContent): number {
  return checked.findings.items.filter(
    (f) => f.severity === 'error' && (BETWEEN_UNITS.has(f.code) || unitOfFinding(checked, f) === undefined),
  ).length;
}

/** Every unit left for errors, by id. */
export function leftUnits(checked: CheckedContent): Map<string, LeftUnit> {
  const own = new Map<string, number>();
  for (const f of checked.findings.items) {
    if (f.severity !== 'error') continue;
    const id = unitOfFinding(checked, f);
    if (id !== undefined) own.set(id, (own.get(id) ?? 0) + 1);
  }
  const left = new Map<string, LeftUnit>();
  const ids = [...checked.folders.values()];
  for (const id of ids) {
    const related = ids.filter(
      (other) => other !== id && own.has(other) && (other.startsWith(`${id}/`) || id.startsWith(`${other}/`)),
    );
    const errors = own.get(id) ?? 0;
    if (errors > 0 || related.length > 0) left.set(id, { id, name: unitName(checked, id), errors, related });
  }
  return left;
}

function unitName(checked: CheckedContent, id: string): string {
  const unit = checked.content.units.find((u) => u.id === id)?.data['unit'];
  const name = unit && typeof unit === 'object' ? (unit as Record<string, unknown>)['name'] : undefined;
  return typeof name === 'string' && name.trim() ? name : id;
}

/**
 * Whether `--only` asks for any document of this unit: a word in its folder, 单位名称 or 单位简称, or in
 * a document name (which every unit may get). Read from the raw data, so a unit with errors is matched too.
 */
export function askedFor(checked: CheckedContent, id: string, only: readonly string[]): boolean {
  if (only.length === 0) return true;
  const unit = checked.content.units.find((u) => u.id === id)?.data['unit'];
  const facts = unit && typeof unit === 'object' ? (unit as Record<string, unknown>) : {};
  const haystack = [
    id,
    ...[facts['name'], facts['short_name']].filter((v): v is string => typeof v === 'string'),
    ...[...checked.forms.forms.values()].flatMap((f) => [f.id, f.name]),
  ];
  return only.some((word) => haystack.some((h) => h.includes(word)));
}

/** Why a unit was left, in the words the build prints. */
export function leftReason(unit: LeftUnit, all: ReadonlyMap<string, LeftUnit>): string {
  if (unit.errors > 0) return `有 ${unit.errors} 个错误`;
  const parts = unit.related.map((r) => {
    const other = all.get(r);
    const name = other && other.name !== r ? `“${other.name}”（${r}）` : r;
    return r.startsWith(`${unit.id}/`) ? `下属单位${name}有错误，汇总数不完整` : `上级单位${name}有错误`;
  });
  return parts.join('；');
}
