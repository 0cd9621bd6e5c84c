import type { ComputedUnit } from '../compute/unit.js';
import { packageFormKind } from '../forms/package-form.js';
import { goalDeclarationKind } from './goal-declaration.js';
import { goalTableKind } from './goal-table.js';
import type { DocumentKind } from './kind.js';
import { projectNationalKind } from './project-national.js';
import { projectSelfEvaluationKind } from './project-self-evaluation.js';

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
 * The documents jixiao builds for a unit that names no `forms` (the seeds' layouts: Shenzhen and Wuhan),
 * in the order the build prints them. Their views are still TypeScript; forms declared as folders
 * (templates/<pack>/<form>/form.yaml) read the one view model instead (src/forms/).
 */
export const DOCUMENT_KINDS: DocumentKind[] = [
  packageFormKind('shenzhen/self-evaluation-report', 'self-evaluation-report'),
  projectSelfEvaluationKind,
  projectNationalKind,
  goalTableKind,
  goalDeclarationKind,
].map(dated);
