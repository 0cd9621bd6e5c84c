/**
 * PDF back-end: intermediate document → PDF bytes via pdfmake. When a table's merged group label
 * continues onto a new page, a first layout pass finds the page breaks and a second pass repeats the
 * label at the top of the page.
 */
import type { IntermediateDocument } from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { pdfDefinition } from './definition.js';
import { pdfFonts, pdfmake } from './engine.js';

export interface PdfOptions {
  /** Creation date written into the PDF (fixed for reproducible bytes). */
  date: Date;
}

interface NodeInfo {
  id?: string;
  startPosition?: { pageNumber: number };
}

function hasGroupTables(doc: IntermediateDocument): boolean {
  return doc.sections.some((s) => s.blocks.some((b) => b.kind === 'table' && b.groupColumns.length > 0));
}

export async function renderPdf(
  doc: IntermediateDocument,
  fonts: ResolvedFonts,
  options: PdfOptions,
): Promise<Buffer> {
  const pm = pdfmake();
  const metrics = pdfFonts(fonts);
  let pageStarts = new Map<string, Set<number>>();
  // At most three passes: each pass can only add repeated labels where pages begin.
  for (let pass = 0; pass < 3; pass++) {
    const rowPages = new Map<string, number>();
    const def = pdfDefinition({ doc, lineHeightEm: metrics.lineHeightEm, pageStarts, date: options.date });
    if (hasGroupTables(doc)) {
      def['pageBreakBefore'] = (node: NodeInfo) => {
        if (node.id && node.startPosition) rowPages.set(node.id, node.startPosition.pageNumber);
        return false;
      };
    }
    pm.setFonts(metrics.dictionary());
    const buffer = await pm.createPdf(def).getBuffer();
    if (!hasGroupTables(doc)) return buffer;
    const next = new Map<string, Set<number>>();
    const byTable = new Map<string, [number, number][]>();
    for (const [key, page] of rowPages) {
      const [table, row] = key.split(':') as [string, string];
      if (!byTable.has(table)) byTable.set(table, []);
      byTable.get(table)!.push([Number(row), page]);
    }
    for (const [table, rows] of byTable) {
      rows.sort((a, b) => a[0] - b[0]);
      const starts = new Set<number>();
      for (let i = 1; i < rows.length; i++) if (rows[i]![1] > rows[i - 1]![1]) starts.add(rows[i]![0]);
      next.set(table, starts);
    }
    if (sameStarts(pageStarts, next)) return buffer;
    pageStarts = next;
  }
  const def = pdfDefinition({ doc, lineHeightEm: metrics.lineHeightEm, pageStarts, date: options.date });
  pm.setFonts(metrics.dictionary());
  return pm.createPdf(def).getBuffer();
}

function sameStarts(a: Map<string, Set<number>>, b: Map<string, Set<number>>): boolean {
  const norm = (m: Map<string, Set<number>>) =>
    JSON.stringify(
      [...m.entries()]
        .filter(([, s]) => s.size)
        .map(([k, s]) => [k, [...s].sort((x, y) => x - y)])
        .sort(),
    );
  return norm(a) === norm(b);
}
