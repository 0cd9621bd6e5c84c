import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import { chooseForms } from '../forms/choice.js';
import { UNIT_FILE } from '../load/content-tree.js';
import { collisionKey, portableName } from '../output/file-name.js';
import type { DocumentKind, ViewInput } from '../views/kind.js';
import { DEFAULT_PACK, withDocumentDate } from '../views/registry.js';
import type { CheckedContent } from './check-content.js';

/** One document to render: its unit, its kind, where it is written and the template context the view built. */
export interface PlannedDocument {
  unit: ComputedUnit;
  kind: DocumentKind;
  /** The file name without extension, made portable (see output/file-name.ts). */
  fileName: string;
  /** The unit's output folders below the output folder (its content folders, made portable). */
  folder: string[];
  context: Record<string, unknown>;
}

function selected(only: string[], unit: ComputedUnit, kind: DocumentKind, names: readonly string[]): boolean {
  if (only.length === 0) return true;
  const haystack = [
    unit.id,
    unit.content.unit.name,
    unit.content.unit.short_name ?? '',
    kind.id,
    kind.title,
    ...names,
  ];
  return only.some((word) => haystack.some((h) => h.includes(word)));
}

/** A name as a message quotes it: tabs and line breaks shown as \t, \n rather than breaking the line. */
function visible(name: string): string {
  return name.replace(/[\p{Cc}\u2028\u2029]/gu, (c) =>
    c === '\t'
      ? '\\t'
      : c === '\n'
        ? '\\n'
        : c === '\r'
          ? '\\r'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Output names come from data, so they are made portable here, in the stage `check` runs too: a unit
 * name that had to change is reported at its `name`, and two documents that would get the same file
 * (on Windows, where case does not count) are an error rather than one overwriting the other.
 */
class OutputNames {
  private readonly taken = new Map<string, string>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly checked: CheckedContent,
    private readonly findings: Findings,
  ) {}

  folder(unit: ComputedUnit): string[] {
    return unit.id.split('/').map((segment) => {
      const portable = portableName(segment, '单位');
      if (portable.reasons.length > 0 && this.once(`folder:${unit.id}`)) {
        const loaded = this.loaded(unit);
        const file = loaded?.files.find((f) => f.path.endsWith(`/${UNIT_FILE}`) || f.path === UNIT_FILE);
        this.findings.warning(
          'output-name-changed',
          `单位文件夹名“${segment}”不能原样用作输出文件夹（${portable.reasons.join('；')}），输出文件夹改为“${portable.name}”`,
          file ? { file: file.path, line: 1, col: 1 } : undefined,
          { found: segment, expected: portable.name },
        );
      }
      return portable.name;
    });
  }

  /** The portable file name, or undefined when another document already has it. */
  fileName(unit: ComputedUnit, folder: string[], requested: string): string | undefined {
    const portable = portableName(requested);
    const at = this.loaded(unit)?.locate(['unit', 'name']).at;
    if (portable.reasons.length > 0 && this.once(`name:${unit.id}`)) {
      const name = unit.content.unit.name;
      this.findings.warning(
        'output-name-changed',
        `单位名称“${visible(name)}”不能原样用在文件名中（${portable.reasons.join('；')}），文书文件名改为“${portable.name}”（本单位其他文书同样处理）`,
        at,
        { field: '单位名称', found: name, expected: portable.name },
      );
    }
    const key = collisionKey([...folder, portable.name]);
    const earlier = this.taken.get(key);
    if (earlier !== undefined) {
      this.findings.error(
        'output-name-collision',
        `文书“${requested}”与“${earlier}”的文件名相同（${[...folder, portable.name].join('/')}，Windows 不区分大小写），后一个会覆盖前一个；请修改单位名称或单位文件夹名`,
        at,
        { field: '单位名称' },
      );
      return undefined;
    }
    this.taken.set(key, requested);
    return portable.name;
  }

  private once(key: string): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }

  private loaded(unit: ComputedUnit) {
    return this.checked.content.units.find((u) => u.id === unit.id);
  }
}

/**
 * The view stage for the whole content, one document at a time: every document every unit gets, with its
 * context. Problems a view finds (a narrative naming a figure that does not exist) join the run's findings,
 * so `check` reports them before anything is rendered. A generator, so a large build holds one context at
 * a time rather than all of them. Units come in folder order (a unit, then its sub-units); `include`
 * skips units (a build skips those it leaves for errors).
 */
export function* eachPlannedDocument(
  checked: CheckedContent,
  only: string[] = [],
  include: (unit: ComputedUnit) => boolean = () => true,
): Generator<PlannedDocument> {
  const input: ViewInput = {
    units: checked.units,
    consolidations: checked.consolidations,
    scores: new Map(checked.scores.map((s) => [s.unitId, s])),
    frameworks: checked.frameworks,
    projectScores: checked.projectScores,
    ruleSets: checked.ruleSets,
    frameworkChoices: checked.frameworkChoices,
  };
  const chosen = formsOf(checked, input);
  const names = new OutputNames(checked, checked.findings);
  for (const unit of checked.units) {
    if (!include(unit)) continue;
    const folder = names.folder(unit);
    for (const kind of chosen.get(unit.id) ?? []) {
      for (const request of kind.documentsFor(unit, input, checked.findings)) {
        // Every document's name is checked (a collision with an unselected one is still a collision).
        const fileName = names.fileName(unit, folder, request.fileName);
        if (fileName === undefined) continue;
        if (!selected(only, unit, kind, [request.fileName, fileName])) continue;
        const before = checked.findings.errorCount;
        const context = request.view(checked.findings);
        if (checked.findings.errorCount === before) yield { unit, kind, fileName, folder, context };
      }
    }
  }
}

/** Each unit's documents, chosen once per check (the choice's findings are reported once). */
const chosenForms = new WeakMap<CheckedContent, Map<string, DocumentKind[]>>();
function formsOf(checked: CheckedContent, input: ViewInput): Map<string, DocumentKind[]> {
  let chosen = chosenForms.get(checked);
  if (!chosen) {
    chosen = chooseForms(
      checked.units,
      checked.content.units,
      checked.forms,
      DEFAULT_PACK,
      input,
      withDocumentDate,
      checked.findings,
    );
    chosenForms.set(checked, chosen);
  }
  return chosen;
}

/** Every planned document at once (for `check` and `diff`, which keep no rendered output). */
export function planDocuments(checked: CheckedContent, only: string[] = []): PlannedDocument[] {
  return [...eachPlannedDocument(checked, only)];
}
