import { goalDeclarationKind } from './goal-declaration.js';
import { goalTableKind } from './goal-table.js';
import type { DocumentKind } from './kind.js';
import { projectNationalKind } from './project-national.js';
import { projectSelfEvaluationKind } from './project-self-evaluation.js';
import { selfEvaluationReport } from './self-evaluation-report.js';

/** Every document kind jixiao builds, in the order the build prints them. */
export const DOCUMENT_KINDS: DocumentKind[] = [
  selfEvaluationReport,
  projectSelfEvaluationKind,
  projectNationalKind,
  goalTableKind,
  goalDeclarationKind,
];
