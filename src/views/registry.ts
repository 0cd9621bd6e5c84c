import type { ComputedUnit } from '../compute/unit.js';
import type { DocumentKind } from './kind.js';
import { selfEvaluationReport } from './self-evaluation-report.js';

/**
 * The date a unit's documents carry (`{{documentDate}}`, the PDF's and DOCX's creation date): its 填报日期,
 * else 31 December of its year — from the content, so two builds give the same bytes. SOURCE_DATE_EPOCH,
 * when set, overrides it as the files are written (output/reproducible.ts).
 */
export function documentDate(unit: ComputedUnit): string {
  return unit.content.unit.date ?? `${unit.year}-12-31`;
}

/** Every document's context gets its unit's `documentDate`, whatever the view. */
function dated(kind: DocumentKind): DocumentKind {
  return {
    ...kind,
    documentsFor: (unit, input, findings) =>
      kind.documentsFor(unit, input, findings).map((request) => ({
        ...request,
        view: (findings) => ({ documentDate: documentDate(unit), ...request.view(findings) }),
      })),
  };
}

/** Every document's context gets its unit's `documentDate`, whatever the view. */
export const withDocumentDate = (kind: DocumentKind): DocumentKind => dated(kind);

/**
 * The region pack a unit that names no `forms` gets (templates/shenzhen/: the seeds' layouts, Shenzhen and
 * Wuhan), after the built-in kinds below: every form of it the unit's content allows, in folder order.
 */
export const DEFAULT_PACK = 'shenzhen';

/**
 * The default documents whose view is still TypeScript (the 自评报告, with its narrative), before the
 * default pack's forms. Forms declared as folders (templates/<pack>/<form>/form.yaml) read the one view
 * model instead (src/forms/).
 */
export const DOCUMENT_KINDS: DocumentKind[] = [selfEvaluationReport].map(dated);
