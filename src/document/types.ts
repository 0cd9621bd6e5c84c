/**
 * The typed intermediate document. Templates produce markup, one parser turns it into this; the DOCX and
 * PDF back-ends read nothing else. Everything here is plain JSON so fixtures can hold it.
 * Lengths are millimetres, font sizes points.
 */

/** What a piece of text is; each role resolves to a face (see src/fonts). */
export type FontRole = 'title' | 'body' | 'heading1' | 'heading2' | 'table' | 'song' | 'number';

export const FONT_ROLES: readonly FontRole[] = [
  'title',
  'body',
  'heading1',
  'heading2',
  'table',
  'song',
  'number',
];

export type Align = 'left' | 'center' | 'right' | 'justify';
export type VAlign = 'top' | 'center' | 'bottom';

export interface TextRun {
  text: string;
  /** Absent: the paragraph's own role. */
  role?: FontRole;
  /** Points; absent: the paragraph's size. */
  size?: number;
  bold?: boolean;
}

/** A line break inside a paragraph (a newline written in the data, or `<br/>`). */
export interface BreakRun {
  break: true;
}

export type Run = TextRun | BreakRun;

/** Named paragraph styles; the DOCX writes them as Word styles (正文, 标题 1–4, 表格文字 …). */
export type ParagraphStyle = 'body' | 'title' | 'subtitle' | 'caption' | 'table' | 'note' | 'signature';

export interface Paragraph {
  kind: 'paragraph';
  style: ParagraphStyle;
  /** Absent: the style's alignment. */
  align?: Align;
  /** First-line indent in characters; absent: the style's (body: 2). */
  indent?: number;
  runs: Run[];
}

export interface Heading {
  kind: 'heading';
  level: 1 | 2 | 3 | 4;
  /** The generated number with its punctuation: 一、 （一） 1. （1）; empty when unnumbered. */
  number: string;
  runs: Run[];
}

export interface ListItem {
  /** The generated label: 1. or （一） … */
  label: string;
  runs: Run[];
}

export type ListStyle = 'decimal' | 'chinese' | 'paren-decimal';

export interface List {
  kind: 'list';
  style: ListStyle;
  items: ListItem[];
}

/** Where a cell lies in its table: the row's index in `rows` and the grid column it starts in (0-based). */
export interface CellRef {
  row: number;
  col: number;
}

/**
 * A figure printed in a cell, as a number, for a back-end that keeps numbers (the XLSX): the DOCX and PDF
 * print the cell's runs, which are this value as printed.
 */
export interface CellFigure {
  /** The exact decimal the view gave, before rounding ("86.275"); a percentage as its ratio ("0.9876"). */
  value: string;
  /** number: printed as a decimal (86.28); percent: printed as a percentage of the ratio (98.8%). */
  kind: 'number' | 'percent';
  /** Decimals printed (of the percentage, for `percent`). */
  decimals: number;
  /** A total: the figure cells it adds up (their exact sum is `value`), in table order. */
  sumOf?: CellRef[];
}

export interface TableCell {
  runs: Run[];
  rowSpan: number;
  colSpan: number;
  align: Align;
  valign: VAlign;
  bold?: boolean;
  figure?: CellFigure;
}

export interface TableRow {
  /** Only the cells that start in this row; a cell covered by a row or column span is absent. */
  cells: TableCell[];
}

export interface Table {
  kind: 'table';
  /** Relative column widths; the back-ends scale them to the type area. */
  columns: number[];
  /** How many leading rows are the header, repeated on every page. */
  headerRows: number;
  /** Points. */
  fontSize: number;
  /** Columns (0-based) whose row-spanning label is repeated when its group continues on a new page. */
  groupColumns: number[];
  rows: TableRow[];
}

export interface PageBreak {
  kind: 'pageBreak';
}

/** The 附件 mark at the top left of an attachment: 附件 or 附件1. */
export interface AttachmentMarker {
  kind: 'attachment';
  label: string;
}

export type Block = Paragraph | Heading | List | Table | PageBreak | AttachmentMarker;

export type PaperSize = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';
/** gongwen: `— 1 —`, odd pages right and even pages left; center: `— 1 —` centred; none. */
export type PageNumberStyle = 'gongwen' | 'center' | 'none';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Section {
  paper: PaperSize;
  orientation: Orientation;
  margins: Margins;
  pageNumbers: PageNumberStyle;
  /** On the 公文 grid: 22 lines of 28 characters, 16 pt body, exact 28.95 pt line pitch. */
  grid: boolean;
  blocks: Block[];
}

export interface DocumentMeta {
  title: string;
  /** ISO date (YYYY-MM-DD) the document carries; fixes the DOCX and PDF dates when SOURCE_DATE_EPOCH is unset. */
  date?: string;
}

export interface IntermediateDocument {
  meta: DocumentMeta;
  sections: Section[];
}

/** 公文 margins per GB/T 9704: top 37, left 28, type area 156 × 225 mm on A4. */
export const GONGWEN_MARGINS: Margins = { top: 37, right: 26, bottom: 35, left: 28 };

export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

/** Page width and height in mm for a section, orientation applied. */
export function pageSizeMm(section: Pick<Section, 'paper' | 'orientation'>): {
  width: number;
  height: number;
} {
  const p = PAPER_MM[section.paper];
  return section.orientation === 'landscape' ? { width: p.height, height: p.width } : { ...p };
}

export function isBreak(run: Run): run is BreakRun {
  return 'break' in run;
}

/** Plain text of runs, a break as a newline. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => (isBreak(r) ? '\n' : r.text)).join('');
}
