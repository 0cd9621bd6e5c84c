/**
 * Intermediate document → pdfmake document definition. Pure: fonts come in as metrics, and the rows
 * where a table's group labels must be repeated (found by a first layout pass) come in as `pageStarts`.
 */
import { GRID_FONT_SIZE, GRID_LINE_PITCH, mmToPt, STYLE_SIZE } from '../../document/grid.js';
import {
  type Align,
  type Block,
  type FontRole,
  type IntermediateDocument,
  isBreak,
  type Paragraph,
  pageSizeMm,
  type Run,
  type Section,
  type Table,
  type TableCell,
} from '../../document/types.js';
import { family } from './engine.js';

export type PdfNode = Record<string, unknown>;

/** Character spacing on the grid: 16 pt glyphs at a 15.79 pt pitch (28 to a 156 mm line). */
export const GRID_SPACING = -0.21;

export interface DefinitionInput {
  doc: IntermediateDocument;
  lineHeightEm(role: FontRole): number;
  /** Per table id, the rows (0-based) that begin a new page. */
  pageStarts?: Map<string, Set<number>>;
  /** PDF creation date. */
  date: Date;
}

interface Ctx {
  grid: boolean;
  lineHeightEm(role: FontRole): number;
  pageStarts: Map<string, Set<number>>;
  tableCount: number;
  sectionIndex: number;
}

/** Line pitch in points for text of `size` outside the grid. */
const LOOSE = 1.5;
const TABLE_PITCH = 1.3;

function lineHeight(ctx: Ctx, role: FontRole, size: number, pitch?: number): number {
  const target = pitch ?? (ctx.grid ? GRID_LINE_PITCH : LOOSE * size);
  return target / (ctx.lineHeightEm(role) * size);
}

interface TextStyle {
  role: FontRole;
  size: number;
  bold: boolean;
  spacing: number;
  pitch?: number;
}

/** Latin letters, digits and ASCII punctuation: set in the number face (Times New Roman), as Word does. */
const LATIN = /[\x21-\x7E]+(?: [\x21-\x7E]+)*/g;

/** Roles whose Latin text Word sets in Times New Roman (their DOCX ascii font is the number face). */
export const LATIN_IN_NUMBER_FACE: ReadonlySet<FontRole> = new Set(['body', 'table']);

export function splitLatin(text: string): { text: string; latin: boolean }[] {
  const out: { text: string; latin: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(LATIN)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), latin: false });
    out.push({ text: m[0], latin: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), latin: false });
  return out;
}

function inlines(ctx: Ctx, runs: Run[], base: TextStyle): PdfNode[] {
  return runs.flatMap((run) => {
    if (isBreak(run)) return [{ text: '\n' }];
    const role = run.role ?? base.role;
    const size = run.size ?? base.size;
    const pieces = LATIN_IN_NUMBER_FACE.has(role) ? splitLatin(run.text) : [{ text: run.text, latin: false }];
    return pieces.map((piece) => {
      const face: FontRole = piece.latin ? 'number' : role;
      return {
        text: piece.text,
        font: family(face),
        fontSize: size,
        bold: run.bold ?? base.bold,
        characterSpacing: base.spacing,
        // The line height follows the run's own role so a Latin piece does not change the line pitch.
        lineHeight:
          lineHeight(ctx, role, size, base.pitch) * (ctx.lineHeightEm(role) / ctx.lineHeightEm(face)),
      };
    });
  });
}

function textBlock(ctx: Ctx, runs: Run[], base: TextStyle, align: Align, indentChars: number): PdfNode {
  const content = runs.length ? inlines(ctx, runs, base) : [{ text: '\u3000' }];
  const node: PdfNode = {
    text: content,
    font: family(base.role),
    fontSize: base.size,
    bold: base.bold,
    characterSpacing: base.spacing,
    lineHeight: lineHeight(ctx, base.role, base.size, base.pitch),
    alignment: align,
  };
  if (indentChars > 0) node['leadingIndent'] = indentChars * (base.size + base.spacing);
  return node;
}

export const PARAGRAPH_ROLE: Record<Paragraph['style'], FontRole> = {
  body: 'body',
  title: 'title',
  subtitle: 'heading2',
  caption: 'body',
  table: 'table',
  note: 'body',
  signature: 'body',
};

const PARAGRAPH_ALIGN: Record<Paragraph['style'], Align> = {
  body: 'justify',
  title: 'center',
  subtitle: 'center',
  caption: 'left',
  table: 'left',
  note: 'justify',
  signature: 'right',
};

function paragraphSize(ctx: Ctx, style: Paragraph['style']): number {
  if (ctx.grid && style !== 'title' && style !== 'table') return GRID_FONT_SIZE;
  return STYLE_SIZE[style];
}

function spacing(ctx: Ctx, size: number): number {
  return ctx.grid && size === GRID_FONT_SIZE ? GRID_SPACING : 0;
}

interface Placed {
  row: number;
  col: number;
  cell: TableCell;
  rowSpan: number;
  /** Left, top, right, bottom rules of a group cell. */
  border?: [boolean, boolean, boolean, boolean];
}

/** Cells with their grid positions; group labels are split where a page begins inside their group. */
function placeCells(table: Table, pageStarts: Set<number> | undefined): Placed[] {
  const placed: Placed[] = [];
  const taken: Set<string> = new Set();
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      }
      placed.push({ row: r, col: c, cell, rowSpan: cell.rowSpan });
      c += cell.colSpan;
    }
  });
  // A group label (a row-spanning cell in a group column) becomes one cell per row without the rules
  // between them, so it reads as one merged cell; the label is printed in the group's first row and
  // again in the first row of every page the group continues on. pdfmake's own row spans misplace a
  // spanning cell that continues after a repeated header.
  const out: Placed[] = [];
  for (const p of placed) {
    if (p.rowSpan === 1 || !table.groupColumns.includes(p.col) || p.row < table.headerRows) {
      out.push(p);
      continue;
    }
    const end = p.row + p.rowSpan;
    for (let k = p.row; k < end; k++) {
      const labelled = k === p.row || (pageStarts?.has(k) ?? false);
      out.push({
        row: k,
        col: p.col,
        rowSpan: 1,
        cell: labelled ? p.cell : { ...p.cell, runs: [] },
        border: [true, labelled, true, k === end - 1],
      });
    }
  }
  return out;
}

const VALIGN = { top: 'top', center: 'middle', bottom: 'bottom' } as const;

const CELL_PAD_X = 2;
const CELL_PAD_Y = 1.5;
const RULE = 0.5;

function tableNode(ctx: Ctx, table: Table, availableWidth: number): PdfNode {
  const id = `t${ctx.tableCount++}`;
  const placed = placeCells(table, ctx.pageStarts.get(id));
  const ncol = table.columns.length;
  const body: PdfNode[][] = table.rows.map(() => Array.from({ length: ncol }, () => ({})));
  const style: TextStyle = {
    role: 'table',
    size: table.fontSize,
    bold: false,
    spacing: 0,
    pitch: TABLE_PITCH * table.fontSize,
  };
  const idRows = new Set<number>();
  for (const p of placed) {
    const node = textBlock(ctx, p.cell.runs, { ...style, bold: p.cell.bold ?? false }, p.cell.align, 0);
    if (!p.cell.runs.length) node['text'] = '';
    node['verticalAlignment'] = VALIGN[p.cell.valign];
    if (p.rowSpan > 1) node['rowSpan'] = p.rowSpan;
    if (p.border) node['border'] = p.border;
    if (p.cell.colSpan > 1) node['colSpan'] = p.cell.colSpan;
    // One cell per row carries an id, so a first layout pass can tell on which page each row starts.
    if (p.rowSpan === 1 && !p.border && !idRows.has(p.row) && p.cell.runs.length) {
      node['id'] = `${id}:${p.row}`;
      idRows.add(p.row);
    }
    body[p.row]![p.col] = node;
  }
  const total = table.columns.reduce((a, b) => a + b, 0);
  const inner = availableWidth - ncol * 2 * CELL_PAD_X - (ncol + 1) * RULE;
  return {
    table: {
      headerRows: table.headerRows,
      keepWithHeaderRows: table.headerRows > 0 ? 1 : 0,
      dontBreakRows: true,
      widths: table.columns.map((w) => (inner * w) / total),
      body,
    },
    layout: {
      hLineWidth: () => RULE,
      vLineWidth: () => RULE,
      paddingLeft: () => CELL_PAD_X,
      paddingRight: () => CELL_PAD_X,
      paddingTop: () => CELL_PAD_Y,
      paddingBottom: () => CELL_PAD_Y,
    },
  };
}

function blockNode(ctx: Ctx, block: Block, availableWidth: number): PdfNode {
  const grid = ctx.grid;
  switch (block.kind) {
    case 'paragraph': {
      const size = paragraphSize(ctx, block.style);
      const role = PARAGRAPH_ROLE[block.style];
      const indent = block.indent ?? (block.style === 'body' || block.style === 'note' ? 2 : 0);
      return textBlock(
        ctx,
        block.runs,
        { role, size, bold: false, spacing: spacing(ctx, size) },
        block.align ?? PARAGRAPH_ALIGN[block.style],
        indent,
      );
    }
    case 'heading': {
      const size = grid ? GRID_FONT_SIZE : STYLE_SIZE.body;
      const role: FontRole = block.level === 1 ? 'heading1' : block.level === 2 ? 'heading2' : 'body';
      const runs: Run[] = block.number ? [{ text: block.number }, ...block.runs] : block.runs;
      return textBlock(ctx, runs, { role, size, bold: false, spacing: spacing(ctx, size) }, 'justify', 2);
    }
    case 'list': {
      const size = grid ? GRID_FONT_SIZE : STYLE_SIZE.body;
      const base: TextStyle = { role: 'body', size, bold: false, spacing: spacing(ctx, size) };
      return {
        stack: block.items.map((item) =>
          textBlock(ctx, [{ text: item.label }, ...item.runs], base, 'justify', 2),
        ),
      };
    }
    case 'table':
      return tableNode(ctx, block, availableWidth);
    case 'attachment': {
      const size = grid ? GRID_FONT_SIZE : STYLE_SIZE.body;
      return textBlock(
        ctx,
        [{ text: block.label }],
        { role: 'heading1', size, bold: false, spacing: spacing(ctx, size) },
        'left',
        0,
      );
    }
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
  }
}

function pageNumberFooter(section: Section, widthPt: number) {
  if (section.pageNumbers === 'none') return null;
  const left = mmToPt(section.margins.left);
  const right = mmToPt(section.margins.right);
  const oneChar = STYLE_SIZE.pageNumber;
  // The number's top sits about 7 mm below the type area.
  const top = mmToPt(7) - 3;
  return (currentPage: number): PdfNode => {
    const text = `— ${currentPage} —`;
    const base = { text, font: family('song'), fontSize: STYLE_SIZE.pageNumber, lineHeight: 1 };
    if (section.pageNumbers === 'center') return { ...base, alignment: 'center', margin: [0, top, 0, 0] };
    const odd = currentPage % 2 === 1;
    return odd
      ? { ...base, alignment: 'right', margin: [0, top, right + oneChar, 0], width: widthPt }
      : { ...base, alignment: 'left', margin: [left + oneChar, top, 0, 0], width: widthPt };
  };
}

function sectionSetup(section: Section) {
  const size = pageSizeMm(section);
  const widthPt = mmToPt(size.width);
  return {
    pageSize: {
      width: mmToPt(section.paper === 'A4' ? 210 : 297),
      height: mmToPt(section.paper === 'A4' ? 297 : 420),
    },
    pageOrientation: section.orientation,
    pageMargins: [
      mmToPt(section.margins.left),
      mmToPt(section.margins.top),
      mmToPt(section.margins.right),
      mmToPt(section.margins.bottom),
    ],
    footer: pageNumberFooter(section, widthPt),
    availableWidth: mmToPt(size.width - section.margins.left - section.margins.right),
  };
}

export function pdfDefinition(input: DefinitionInput): PdfNode {
  const { doc } = input;
  const ctx: Ctx = {
    grid: false,
    lineHeightEm: input.lineHeightEm,
    pageStarts: input.pageStarts ?? new Map(),
    tableCount: 0,
    sectionIndex: 0,
  };
  const content = doc.sections.map((section, i) => {
    ctx.grid = section.grid;
    ctx.sectionIndex = i;
    const setup = sectionSetup(section);
    const nodes = section.blocks.map((b) => blockNode(ctx, b, setup.availableWidth));
    return {
      section: nodes,
      pageSize: setup.pageSize,
      pageOrientation: setup.pageOrientation,
      pageMargins: setup.pageMargins,
      footer: setup.footer,
    };
  });
  const first = sectionSetup(doc.sections[0]!);
  return {
    info: {
      title: doc.meta.title,
      creator: 'jixiao',
      producer: 'jixiao',
      creationDate: input.date,
      modDate: input.date,
    },
    pageSize: first.pageSize,
    pageOrientation: first.pageOrientation,
    pageMargins: first.pageMargins,
    footer: first.footer,
    defaultStyle: { font: family('body'), fontSize: 16 },
    content,
  };
}
