import type { ComputedUnit } from '../compute/unit.js';
import type { DocumentKind } from './kind.js';

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
 * Wuhan): every form of it the unit's content allows, in folder order. No document kind is TypeScript:
 * each is a form folder reading the one view model (src/forms/).
 */
export const DEFAULT_PACK = 'shenzhen';
