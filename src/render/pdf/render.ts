/**
 * PDF back-end: intermediate document → PDF bytes via pdfmake. A table's group labels are repeated at
 * the top of every page their group continues on: the document is laid out, the labels are put where
 * pages begin, and it is laid out again (reusing its text measurements) until they stay put.
 */
import type { IntermediateDocument } from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { pdfDefinition } from './definition.js';
import { pdfFonts, pdfmake } from './engine.js';
import { relayoutHook } from './relayout.js';

export interface PdfOptions {
  /** Creation date written into the PDF (fixed for reproducible bytes). */
  date: Date;
}

export async function renderPdf(
  doc: IntermediateDocument,
  fonts: ResolvedFonts,
  options: PdfOptions,
): Promise<Buffer> {
  const pm = pdfmake();
  const metrics = pdfFonts(fonts);
  const { definition, labels } = pdfDefinition({
    doc,
    lineHeightEm: metrics.lineHeightEm,
    date: options.date,
  });
  if (labels.any) definition['pageBreakBefore'] = relayoutHook(() => labels.adjust());
  pm.setFonts(metrics.dictionary());
  return pm.createPdf(definition).getBuffer();
}
