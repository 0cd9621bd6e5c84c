import type { DocumentKind } from './kind.js';

/** Every document kind jixiao builds, in the order the build prints them. */
export const DOCUMENT_KINDS: DocumentKind[] = [];
