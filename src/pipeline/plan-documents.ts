import type { ComputedUnit } from '../compute/unit.js';
import type { DocumentKind, ViewInput } from '../views/kind.js';
import { DOCUMENT_KINDS } from '../views/registry.js';
import type { CheckedContent } from './check-content.js';

/** One document to render: its unit, its kind, its file name and the template context the view built. */
export interface PlannedDocument {
  unit: ComputedUnit;
  kind: DocumentKind;
  fileName: string;
  context: Record<string, unknown>;
}

function selected(only: string[], unit: ComputedUnit, kind: DocumentKind, fileName: string): boolean {
  if (only.length === 0) return true;
  const haystack = [
    unit.id,
    unit.content.unit.name,
    unit.content.unit.short_name ?? '',
    kind.id,
    kind.title,
    fileName,
  ];
  return only.some((word) => haystack.some((h) => h.includes(word)));
}

/**
 * The view stage for the whole content, one document at a time: every document every unit gets, with its
 * context. Problems a view finds (a narrative naming a figure that does not exist) join the run's findings,
 * so `check` reports them before anything is rendered. A generator, so a large build holds one context at
 * a time rather than all of them.
 */
export function* eachPlannedDocument(
  checked: CheckedContent,
  only: string[] = [],
): Generator<PlannedDocument> {
  const input: ViewInput = {
    units: checked.units,
    consolidations: checked.consolidations,
    scores: new Map(checked.scores.map((s) => [s.unitId, s])),
    frameworks: checked.frameworks,
    projectScores: checked.projectScores,
  };
  for (const unit of checked.units) {
    for (const kind of DOCUMENT_KINDS) {
      for (const request of kind.documentsFor(unit, input)) {
        if (!selected(only, unit, kind, request.fileName)) continue;
        const before = checked.findings.errorCount;
        const context = request.view(checked.findings);
        if (checked.findings.errorCount === before) yield { unit, kind, fileName: request.fileName, context };
      }
    }
  }
}

/** Every planned document at once (for `check` and `diff`, which keep no rendered output). */
export function planDocuments(checked: CheckedContent, only: string[] = []): PlannedDocument[] {
  return [...eachPlannedDocument(checked, only)];
}
