/**
 * XLSX back-end: intermediate document → workbook via exceljs, a sheet per table (see sheets.ts). What
 * finance staff sum and re-use: merged cells as the form merges them, figures as numbers with the printed
 * decimals (rates as percentages), totals as SUM formulas with their value stored, the form's fonts,
 * column widths, page setup and repeated, frozen header rows.
 */
import type ExcelJS from 'exceljs';
import { mmToPt } from '../../document/grid.js';
import {
  type Align,
  type CellFigure,
  type CellRef,
  type IntermediateDocument,
  isBreak,
  type Paragraph,
  pageSizeMm,
  type Run,
  runsText,
  type Section,
  type TableCell,
  type TextRun,
} from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { roleFont } from '../docx/styles.js';
import { planSheets, type SheetPlan } from './sheets.js';

/** Excel's paper size codes (SpreadsheetML pageSetup paperSize): A4 = 9, A3 = 8. */
const PAPER_CODE = { A4: 9, A3: 8 } as const;

const HORIZONTAL: Record<Align, 'left' | 'center' | 'right' | 'justify'> = {
  left: 'left',
  center: 'center',
  right: 'right',
  justify: 'justify',
};
const VERTICAL = { top: 'top', center: 'middle', bottom: 'bottom' } as const;

/** On screen a table's print size (5.5 pt on the A4 项目表) is unreadable; print scales to fit anyway. */
const MIN_CELL_PT = 9;
const TITLE_PT = 16;
const LINE_PT = 11;

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Excel's column width unit is the width of a digit of the default font (Calibri 11: 7 px at 96 dpi). */
const PX_PER_WIDTH_UNIT = 7;
const PX_PER_PT = 96 / 72;

export function numberFormat(figure: Pick<CellFigure, 'kind' | 'decimals'>): string {
  const digits = figure.decimals > 0 ? `.${'0'.repeat(figure.decimals)}` : '';
  return figure.kind === 'percent' ? `0${digits}%` : `0${digits}`;
}

/** A1 column letters of a 0-based column. */
function letters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** SUM over the cells, consecutive rows of one column written as one range: SUM(D5:D7,D9). */
export function sumFormula(refs: readonly CellRef[], sheetRow: (row: number) => number): string {
  const parts: string[] = [];
  let i = 0;
  while (i < refs.length) {
    let j = i;
    while (
      j + 1 < refs.length &&
      refs[j + 1]!.col === refs[i]!.col &&
      sheetRow(refs[j + 1]!.row) === sheetRow(refs[j]!.row) + 1
    )
      j++;
    const from = `${letters(refs[i]!.col)}${sheetRow(refs[i]!.row)}`;
    parts.push(j > i ? `${from}:${letters(refs[j]!.col)}${sheetRow(refs[j]!.row)}` : from);
    i = j + 1;
  }
  return `SUM(${parts.join(',')})`;
}

function richText(runs: Run[], font: Partial<ExcelJS.Font>, bold: boolean): ExcelJS.CellValue {
  const texts = runs.filter((r): r is TextRun => !isBreak(r));
  const mixed = texts.some((r) => (r.bold ?? false) !== (texts[0]!.bold ?? false));
  if (!mixed) return runsText(runs);
  return {
    richText: runs.map((r) =>
      isBreak(r)
        ? { text: '\n', font }
        : { text: r.text, font: { ...font, bold: bold || (r.bold ?? false) } },
    ),
  };
}

/** All text runs bold (a label written as <b>…</b>), or the cell marked bold. */
function allBold(runs: Run[]): boolean {
  const text = runs.filter((r): r is TextRun => !isBreak(r));
  return text.length > 0 && text.every((r) => r.bold === true);
}

/** The width of the table's type area in mm: the page less its margins. */
function typeWidthMm(section: Section): number {
  return pageSizeMm(section).width - section.margins.left - section.margins.right;
}

function writeLine(
  ws: ExcelJS.Worksheet,
  row: number,
  width: number,
  line: Paragraph,
  fonts: ResolvedFonts,
): void {
  const isTitle = line.style === 'title';
  const role = isTitle ? 'title' : line.runs.find((r): r is TextRun => !isBreak(r) && !!r.role)?.role;
  const font = { name: roleFont(fonts, role ?? 'body').eastAsia, size: isTitle ? TITLE_PT : LINE_PT };
  const cell = ws.getCell(row, 1);
  cell.value = runsText(line.runs);
  cell.font = { ...font, bold: allBold(line.runs) };
  const align = line.align ?? (isTitle || line.style === 'subtitle' ? 'center' : 'left');
  cell.alignment = { horizontal: HORIZONTAL[align], vertical: 'middle', wrapText: true };
  if (width > 1) ws.mergeCells(row, 1, row, width);
  if (isTitle) ws.getRow(row).height = TITLE_PT * 2;
}

function writeSheet(wb: ExcelJS.Workbook, plan: SheetPlan, fonts: ResolvedFonts): void {
  const { table, section } = plan;
  const width = table.columns.length;
  const ws = wb.addWorksheet(plan.name);
  let row = 1;
  for (const line of plan.lead) writeLine(ws, row++, width, line, fonts);
  const first = row;
  const sheetRow = (r: number) => first + r;

  // Column widths keep the printed characters per line: a fitted column (Table.columns) w mm wide at the
  // table's print size holds w / size CJK characters; at the sheet's size each of them is size × 4/3 px.
  const cellPt = Math.max(table.fontSize, MIN_CELL_PT);
  const total = table.columns.reduce((a, b) => a + b, 0);
  const mm = typeWidthMm(section);
  table.columns.forEach((w, c) => {
    const chars = mmToPt((mm * w) / total) / table.fontSize;
    ws.getColumn(c + 1).width = Math.max(
      2,
      Math.round(((chars * cellPt * PX_PER_PT) / PX_PER_WIDTH_UNIT) * 10) / 10,
    );
  });

  const font = roleFont(fonts, 'table');
  const taken = new Set<string>();
  table.rows.forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.cells) {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      writeCell(ws, sheetRow(r), c + 1, cell, { font, size: cellPt, sheetRow });
      c += cell.colSpan;
    }
  });
  // Every slot of the grid gets the border, so merged ranges are outlined whole.
  for (let r = 0; r < table.rows.length; r++)
    for (let c = 0; c < width; c++) ws.getCell(sheetRow(r), c + 1).border = BORDER;
  row = first + table.rows.length;
  for (const line of plan.tail) writeLine(ws, row++, width, line, fonts);

  const header = table.headerRows;
  const inch = (v: number) => Math.round((v / 25.4) * 100) / 100;
  ws.pageSetup = {
    paperSize: PAPER_CODE[section.paper] as ExcelJS.PaperSize,
    orientation: section.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: {
      top: inch(section.margins.top),
      bottom: inch(section.margins.bottom),
      left: inch(section.margins.left),
      right: inch(section.margins.right),
      header: inch(Math.min(8, section.margins.top / 2)),
      footer: inch(Math.min(8, section.margins.bottom / 2)),
    },
    ...(header > 0 ? { printTitlesRow: `${first}:${first + header - 1}` } : {}),
  };
  // Page numbers as on the form: 公文 style right on odd pages and left on even ones, else centred.
  if (section.pageNumbers === 'gongwen') {
    ws.headerFooter = { differentOddEven: true, oddFooter: '&R— &P —', evenFooter: '&L— &P —' };
  } else if (section.pageNumbers === 'center') {
    ws.headerFooter = { oddFooter: '&C— &P —' };
  }
  if (header > 0) ws.views = [{ state: 'frozen', xSplit: 0, ySplit: first + header - 1 }];
}

function writeCell(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  cell: TableCell,
  style: { font: ReturnType<typeof roleFont>; size: number; sheetRow: (r: number) => number },
): void {
  const target = ws.getCell(row, col);
  const bold = cell.bold === true || allBold(cell.runs);
  const figure = cell.figure;
  // Figures in the DOCX's digit face (Times New Roman); text in the table's face.
  const font = { name: figure ? style.font.ascii : style.font.eastAsia, size: style.size };
  if (figure) {
    const value = Number(figure.value);
    target.value = figure.sumOf
      ? { formula: sumFormula(figure.sumOf, style.sheetRow), result: value }
      : value;
    target.numFmt = numberFormat(figure);
  } else if (runsText(cell.runs) !== '') {
    target.value = richText(cell.runs, font, bold);
  }
  target.font = { ...font, bold };
  target.alignment = {
    horizontal: HORIZONTAL[cell.align],
    vertical: VERTICAL[cell.valign],
    wrapText: true,
  };
  if (cell.rowSpan > 1 || cell.colSpan > 1)
    ws.mergeCells(row, col, row + cell.rowSpan - 1, col + cell.colSpan - 1);
}

/** Whether a document has a table, so a workbook (a document without one gets no XLSX). */
export function hasSheets(doc: IntermediateDocument): boolean {
  return doc.sections.some((s) => s.blocks.some((b) => b.kind === 'table'));
}

/** The workbook as exceljs writes it (zip times and dates not yet fixed: see ../index.ts). */
export async function renderXlsxPackage(
  doc: IntermediateDocument,
  fonts: ResolvedFonts,
  date: Date,
): Promise<Buffer> {
  const plans = planSheets(doc);
  if (plans.length === 0) throw new Error(`document without tables has no workbook: ${doc.meta.title}`);
  // Loaded on first use: exceljs takes about 0.3 s to load, which a build without XLSX should not pay.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'jixiao';
  wb.lastModifiedBy = 'jixiao';
  wb.title = doc.meta.title;
  wb.created = date;
  wb.modified = date;
  for (const plan of plans) writeSheet(wb, plan, fonts);
  // Stored, not deflated: the package is unzipped and zipped again by ../index.ts, so exceljs's own
  // deflate (pako, the slowest part of a workbook) would only be undone.
  return Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
}
