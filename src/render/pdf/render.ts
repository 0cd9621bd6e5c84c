/**
 * PDF back-end: intermediate document → PDF bytes via pdfmake. A table's group labels are repeated at
 * the top of every page their group continues on: the document is laid out, the labels are put where
 * pages begin, and it is laid out again (reusing its text measurements) until they stay put. A table row
 * taller than a page is found the same way and split across pages in the next layout.
 */
import type { IntermediateDocument } from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { pdfDefinition } from './definition.js';
import { pdfFonts, pdfmake } from './engine.js';
import { patchRelayout, relayoutHook } from './relayout.js';
import { adjustTallRows, assertNoRowCut, patchTallRows } from './tall-rows.js';

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
    faceEm: metrics.faceEm,
    hasGlyph: metrics.hasGlyph,
    date: options.date,
  });
  if (patchTallRows()) {
    adjustTallRows(); // nothing left over from an earlier document
    definition['pageBreakBefore'] = relayoutHook(() => {
      const split = adjustTallRows();
      const moved = labels.any && labels.adjust();
      return split || moved;
    }, assertNoRowCut);
  } else {
    // Without the patch pdfmake would drop a row that fits no page: let every row break instead.
    letEveryRowBreak(definition);
    // Without the relayout loop (another pdfmake version) a group label stands where its group begins.
    if (labels.any && patchRelayout()) definition['pageBreakBefore'] = relayoutHook(() => labels.adjust());
  }
  pm.setFonts(metrics.dictionary());
  return pm.createPdf(definition).getBuffer();
}

function letEveryRowBreak(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) letEveryRowBreak(child);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const table = (node as { table?: Record<string, unknown> }).table;
  if (table) {
    table['dontBreakRows'] = false;
    table['keepWithHeaderRows'] = 0;
  }
  for (const value of Object.values(node)) if (typeof value === 'object') letEveryRowBreak(value);
}
