/**
 * PDF back-end: intermediate document → PDF bytes via pdfmake. When a table's merged group label
 * continues onto a new page, a first layout pass finds the page breaks and a second pass repeats the
 * label at the top of the page; layout passes render nothing, and only the last layout is rendered.
 */
import type { IntermediateDocument } from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { pdfDefinition } from './definition.js';
import { layoutPdf, pdfFonts, pdfmake } from './engine.js';

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
  const definition = (pageStarts: Map<string, Set<number>>) =>
    pdfDefinition({ doc, lineHeightEm: metrics.lineHeightEm, pageStarts, date: options.date });
  if (!hasGroupTables(doc)) {
    pm.setFonts(metrics.dictionary());
    return pm.createPdf(definition(new Map())).getBuffer();
  }
  // Layout passes learn on which page each table row starts; only the layout whose labels match its own
  // page breaks is rendered. At most three passes: each can only add labels where pages begin.
  let pageStarts = new Map<string, Set<number>>();
  for (let pass = 0; pass < 3; pass++) {
    const rowPages = new Map<string, number>();
    pm.setFonts(metrics.dictionary());
    const laidOut = await layoutPdf(pm, definition(pageStarts), (node: NodeInfo) => {
      if (node.id && node.startPosition) rowPages.set(node.id, node.startPosition.pageNumber);
      return false;
    });
    const next = startsOf(rowPages);
    if (sameStarts(pageStarts, next)) return laidOut.render();
    pageStarts = next;
  }
  pm.setFonts(metrics.dictionary());
  return pm.createPdf(definition(pageStarts)).getBuffer();
}

/** Per table, the rows (after its first) that start on a later page than the row before them. */
function startsOf(rowPages: Map<string, number>): Map<string, Set<number>> {
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
  return next;
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
