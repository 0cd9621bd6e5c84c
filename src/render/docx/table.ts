/**
 * Tables as Word writes its own: a fixed layout whose `w:gridCol` widths add up to the table width,
 * every cell with its width, merges written out cell by cell (vMerge restart/continue, gridSpan), and
 * the geometry of the PDF's tables (the same text width per column, padding, rules and line pitch), so
 * Word and LibreOffice break the cells' lines and the pages where the PDF does.
 */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { cellTextLines } from '../../document/column-widths.js';
import type { Table as TableBlock, TableCell as TableCellBlock } from '../../document/types.js';
import { type ResolvedFonts, withoutSystemFaces } from '../../fonts/resolve.js';
import { pieceFace, tableBottomPadding } from '../pdf/definition.js';
import { type PdfFonts, pdfFonts } from '../pdf/engine.js';
import { CELL_PAD_X, CELL_PAD_Y, columnTextWidths, RULE, wrappedLineCount } from '../table-geometry.js';
import { ALIGN, textRuns } from './runs.js';
import { tableLineTwips, tableStyleId } from './styles.js';

const VALIGN = {
  top: VerticalAlignTable.TOP,
  center: VerticalAlignTable.CENTER,
  bottom: VerticalAlignTable.BOTTOM,
} as const;

/**
 * Column widths in twips. The PDF gives column i the text width `inner × wᵢ / Σw`, where `inner` is the
 * type width less every column's padding and every rule; a Word column holds its text width plus its
 * padding and one rule. Edges are rounded, not widths, so the columns add up to the table width.
 */
export function columnTwips(columns: number[], typeWidthPt: number): number[] {
  const text = columnTextWidths(columns, typeWidthPt);
  const edges = [0];
  let sum = 0;
  text.forEach((w, i) => {
    sum += w;
    edges.push(Math.round(20 * ((i + 1) * (2 * CELL_PAD_X + RULE) + sum)));
  });
  return columns.map((_, i) => edges[i + 1]! - edges[i]!);
}

interface GridCell {
  /** The cell that starts here, or the one whose row span covers this row. */
  cell: TableCellBlock;
  col: number;
  /** Absent: the cell starts in this row; otherwise it continues a row span. */
  continues?: boolean;
  /** Whether the cell is a group label (a row-spanning cell of a group column below the header). */
  group: boolean;
}

/** Each row's cells in column order, with the rows a span covers given continuation cells. */
function gridRows(table: TableBlock): GridCell[][] {
  const covering = new Map<string, GridCell>();
  return table.rows.map((row, r) => {
    const out: GridCell[] = [];
    let c = 0;
    let i = 0;
    const ncol = table.columns.length;
    while (c < ncol && (i < row.cells.length || covering.has(`${r},${c}`))) {
      const above = covering.get(`${r},${c}`);
      if (above) {
        out.push({ ...above, continues: true });
        c += above.cell.colSpan;
        continue;
      }
      const cell = row.cells[i++]!;
      const placed: GridCell = {
        cell,
        col: c,
        group: cell.rowSpan > 1 && r >= table.headerRows && table.groupColumns.includes(c),
      };
      out.push(placed);
      for (let dr = 1; dr < cell.rowSpan; dr++) covering.set(`${r + dr},${c}`, placed);
      c += cell.colSpan;
    }
    return out;
  });
}

/**
 * The PDF's faces, measured once per set of fonts (a cell's bottom padding depends on them) — the shipped
 * ones in place of system faces, so the DOCX is the same on every machine, --system-fonts or not.
 */
const measured = new WeakMap<ResolvedFonts, PdfFonts>();
function faces(fonts: ResolvedFonts): PdfFonts {
  let f = measured.get(fonts);
  if (!f) {
    f = pdfFonts(withoutSystemFaces(fonts));
    measured.set(fonts, f);
  }
  return f;
}

/**
 * The lines a group label takes in its column, measured with the PDF's table face: the PDF prints the
 * label in its group's first row and makes that row as tall as the label (see placeCells there).
 */
function labelLines(
  fonts: PdfFonts,
  table: TableBlock,
  cell: TableCellBlock,
  col: number,
  typeWidthPt: number,
): number {
  const text = columnTextWidths(table.columns, typeWidthPt);
  let width = (cell.colSpan - 1) * (2 * CELL_PAD_X + RULE);
  for (let c = col; c < col + cell.colSpan; c++) width += text[c]!;
  const bold = cell.bold ?? false;
  return wrappedLineCount(cellTextLines(cell.runs), width, (cp) => {
    const face = pieceFace('table', cp >= 0x20 && cp <= 0x7e);
    return table.fontSize * fonts.advanceEm(face, bold, cp);
  });
}

export function tableNode(fonts: ResolvedFonts, table: TableBlock, typeWidthPt: number): Table {
  const widths = columnTwips(table.columns, typeWidthPt);
  const line = tableLineTwips(table.fontSize);
  const padBottom = Math.round(tableBottomPadding(faces(fonts).faceEm, table) * 20);
  /**
   * A group's first row at least as tall as its label: the PDF grows that row to the label's lines,
   * where Word and LibreOffice would share the label's height out over the merged rows, and the pages
   * would break elsewhere.
   */
  const labelHeight = (cells: GridCell[]): number | undefined => {
    let lines = 0;
    for (const { cell, col, continues, group } of cells)
      if (group && !continues)
        lines = Math.max(lines, labelLines(faces(fonts), table, cell, col, typeWidthPt));
    return lines > 0 ? CELL_PAD_Y * 20 + lines * line + padBottom : undefined;
  };
  const paragraph = (cell: TableCellBlock, empty: boolean, keepNext: boolean) =>
    new Paragraph({
      // The style sets the table's size and pitch: a cell's paragraph and runs repeat neither.
      style: tableStyleId(table.fontSize),
      ...(keepNext ? { keepNext: true } : {}),
      alignment: ALIGN[cell.align],
      children: empty ? [] : textRuns(fonts, cell.runs, cell.bold ? { bold: true } : {}),
    });
  const keepNext = (r: number) => table.rows[r]!.keepWithNext === true && r < table.rows.length - 1;
  const rows = gridRows(table).map((cells, r) => {
    const height = labelHeight(cells);
    return new TableRow({
      tableHeader: r < table.headerRows,
      cantSplit: true,
      ...(height !== undefined ? { height: { value: height, rule: HeightRule.ATLEAST } } : {}),
      children: cells.map(({ cell, col, continues, group }) => {
        const width = widths.slice(col, col + cell.colSpan).reduce((a, b) => a + b, 0);
        return new TableCell({
          // Word keeps a row with the next when every paragraph in it is kept with the next.
          children: [paragraph(cell, continues === true, keepNext(r))],
          ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
          ...(cell.rowSpan > 1
            ? { verticalMerge: continues ? VerticalMergeType.CONTINUE : VerticalMergeType.RESTART }
            : {}),
          // The PDF prints a group's label in the group's first row: at the top of the merged cell.
          verticalAlign: group ? VerticalAlignTable.TOP : VALIGN[cell.valign],
          width: { size: width, type: WidthType.DXA },
        });
      }),
    });
  });
  const rule = { style: BorderStyle.SINGLE, size: RULE * 8, color: '000000' };
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    indent: { size: 0, type: WidthType.DXA },
    margins: {
      // Word and LibreOffice measure a cell's margins from its grid line, where the rule is centred; the
      // PDF's text starts half a rule and the padding from it. The same text width breaks the same lines.
      left: (CELL_PAD_X + RULE / 2) * 20,
      right: (CELL_PAD_X + RULE / 2) * 20,
      top: CELL_PAD_Y * 20,
      // As tall as the PDF's rows: the padding takes what its faces' boxes reach below the line pitch.
      bottom: padBottom,
    },
    borders: {
      top: rule,
      bottom: rule,
      left: rule,
      right: rule,
      insideHorizontal: rule,
      insideVertical: rule,
    },
  });
}
