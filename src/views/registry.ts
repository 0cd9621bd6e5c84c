import type { DocumentKind } from './kind.js';
import { selfEvaluationReport } from './self-evaluation-report.js';

/** Every document kind jixiao builds, in the order the build prints them. */
export const DOCUMENT_KINDS: DocumentKind[] = [selfEvaluationReport];
