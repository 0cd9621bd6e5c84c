/**
 * Intermediate document → pdfmake document definition. Pure: fonts come in as metrics. A table's group
 * label cells that continue a group are left empty and listed in `GroupLabels`, which fills the ones
 * that turn out to begin a page once the document is laid out.
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
import { CELL_PAD_X, CELL_PAD_Y, columnTextWidths, RULE, TABLE_PITCH } from '../table-geometry.js';
import { family, type GlyphTest } from './engine.js';
import { KEEP_WITH_NEXT } from './tall-rows.js';

export type PdfNode = Record<string, unknown>;

/** Character spacing on the grid: 16 pt glyphs at a 15.79 pt pitch (28 to a 156 mm line). */
export const GRID_SPACING = -0.21;

export interface DefinitionInput {
  doc: IntermediateDocument;
  lineHeightEm(role: FontRole, bold?: boolean): number;
  /** Ascent and descent in em of the role's faces (see PdfFonts.faceEm). */
  faceEm(role: FontRole): { ascent: number; descent: number };
  /** Which characters each face has; without it every face is taken to have every character. */
  hasGlyph?: GlyphTest;
  /** PDF creation date. */
  date: Date;
}

interface Ctx {
  grid: boolean;
  lineHeightEm(role: FontRole, bold?: boolean): number;
  faceEm(role: FontRole): { ascent: number; descent: number };
  hasGlyph: GlyphTest;
  labels: GroupLabels;
  tableCount: number;
  sectionIndex: number;
}

/** A group label cell past its group's first row: it carries the label only when its row begins a page. */
interface LabelSlot {
  table: string;
  row: number;
  node: PdfNode;
  labelled: boolean;
  /** The cell's properties with or without the label (built afresh: pdfmake writes into what it lays out). */
  variant(labelled: boolean): PdfNode;
}

/**
 * The group labels of a document's tables. After each layout, `adjust` reads on which page every row
 * begins and puts the label into the cells whose rows begin a page (and takes it out of the others);
 * it says whether anything changed, so the document must be laid out again.
 */
export class GroupLabels {
  private readonly slots: LabelSlot[] = [];
  /** Per table, per row: a cell with text, whose laid-out position gives the page the row begins on. */
  private readonly probes = new Map<string, Map<number, PdfNode>>();
  private starts = new Map<string, Set<number>>();

  get any(): boolean {
    return this.slots.length > 0;
  }

  addSlot(slot: LabelSlot): void {
    this.slots.push(slot);
  }

  addProbe(table: string, row: number, node: PdfNode): void {
    if (!this.probes.has(table)) this.probes.set(table, new Map());
    this.probes.get(table)!.set(row, node);
  }

  adjust(): boolean {
    const next = new Map<string, Set<number>>();
    for (const [table, rows] of this.probes) {
      const starts = new Set<number>();
      let previous: number | undefined;
      for (const [row, node] of [...rows].sort((a, b) => a[0] - b[0])) {
        const page = (node['positions'] as { pageNumber: number }[] | undefined)?.[0]?.pageNumber;
        if (page === undefined) continue;
        if (previous !== undefined && page > previous) starts.add(row);
        previous = page;
      }
      if (starts.size) next.set(table, starts);
    }
    if (sameStarts(this.starts, next)) return false;
    this.starts = next;
    // A page that begins with a group's own first row (or in a table without labels) changes no cell:
    // the document is the same, and so would its next layout be.
    let changed = false;
    for (const slot of this.slots) {
      const labelled = next.get(slot.table)?.has(slot.row) ?? false;
      if (labelled === slot.labelled) continue;
      slot.labelled = labelled;
      Object.assign(slot.node, slot.variant(labelled));
      changed = true;
    }
    return changed;
  }
}

function sameStarts(a: Map<string, Set<number>>, b: Map<string, Set<number>>): boolean {
  if (a.size !== b.size) return false;
  for (const [table, rows] of a) {
    const other = b.get(table);
    if (!other || other.size !== rows.size) return false;
    for (const row of rows) if (!other.has(row)) return false;
  }
  return true;
}

/** Line pitch in points for text of `size` outside the grid. */
const LOOSE = 1.5;

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

/**
 * Latin letters, digits, ASCII punctuation and spaces: set in the number face (Times New Roman), as Word
 * does — it sets U+0020 in the run's ascii font, so a space beside a figure (劳务派遣费 319.86 万元) is
 * ¼ em there, not the ⅓ em of a Chinese face's space, and a cell's lines break where LibreOffice breaks them.
 */
const LATIN = /[\x20-\x7E]+/g;

/** Roles whose Latin text Word sets in Times New Roman (their DOCX ascii font is the number face). */
export const LATIN_IN_NUMBER_FACE: ReadonlySet<FontRole> = new Set(['body', 'table']);

/**
 * The face a piece of a run is set in. A number run's other text (e.g. 联系电话：) goes to the body face:
 * the shipped number face has Latin glyphs only, and Word, too, sets East Asian text in an East Asian face.
 */
export function pieceFace(role: FontRole, latin: boolean): FontRole {
  if (role === 'number') return latin ? 'number' : 'body';
  return latin && LATIN_IN_NUMBER_FACE.has(role) ? 'number' : role;
}

/** Whether a run of the role is split into Latin and other pieces (see pieceFace). */
export const splitsLatin = (role: FontRole): boolean => role === 'number' || LATIN_IN_NUMBER_FACE.has(role);

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

/**
 * Faces a character is set in when its own face lacks it (a rare character such as 囍 in FandolFang),
 * tried in order: the Song, the Hei, the Kai, the title's heavy Song. Only that character moves, so the
 * text stays whole and in the nearest look the package has.
 */
const FALLBACK_FACES: readonly FontRole[] = ['song', 'heading1', 'heading2', 'title'];

/** The face a character of `face` is set in: its own, a fallback that has it, or none (tab and newline are layout). */
export function faceWithGlyph(
  face: FontRole,
  bold: boolean,
  cp: number,
  has: GlyphTest,
): FontRole | undefined {
  if (cp < 0x20 || has(face, bold, cp)) return face;
  return FALLBACK_FACES.find((f) => f !== face && has(f, bold, cp));
}

/**
 * A piece of text set in `face`, cut where the face lacks a character: such characters go to the first
 * fallback face that has them, or stay (and are reported by coverage.ts) when none has.
 */
export function faceRuns(
  text: string,
  face: FontRole,
  bold: boolean,
  has: GlyphTest,
): { text: string; face: FontRole }[] {
  if (text === '') return [{ text, face }];
  const out: { text: string; face: FontRole }[] = [];
  for (const char of text) {
    const set = faceWithGlyph(face, bold, char.codePointAt(0)!, has) ?? face;
    const last = out[out.length - 1];
    if (last && last.face === set) last.text += char;
    else out.push({ text: char, face: set });
  }
  return out;
}

function inlines(ctx: Ctx, runs: Run[], base: TextStyle): PdfNode[] {
  return runs.flatMap((run) => {
    if (isBreak(run)) return [{ text: '\n' }];
    const role = run.role ?? base.role;
    const size = run.size ?? base.size;
    const bold = run.bold ?? base.bold;
    const pieces = (splitsLatin(role) ? splitLatin(run.text) : [{ text: run.text, latin: false }]).flatMap(
      (piece) => faceRuns(piece.text, pieceFace(role, piece.latin), bold, ctx.hasGlyph),
    );
    return pieces.map(({ text, face }) => {
      return {
        text,
        font: family(face),
        fontSize: size,
        bold,
        characterSpacing: base.spacing,
        // The line height follows the run's own role so a Latin piece, a fallback character (or a bold
        // file of another typeface) does not change the line pitch.
        lineHeight:
          lineHeight(ctx, role, size, base.pitch) * (ctx.lineHeightEm(role) / ctx.lineHeightEm(face, bold)),
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
    // What an empty text's one line is measured with (a run's own line height sets every other line):
    // corrected for a bold file of another typeface, so an empty bold cell is one pitch tall.
    lineHeight:
      lineHeight(ctx, base.role, base.size, base.pitch) *
      (ctx.lineHeightEm(base.role) / ctx.lineHeightEm(base.role, base.bold)),
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
  /** A group cell past the group's first row: the label it shows should its row begin a page. */
  label?: TableCell;
  /** Whether the group cell is its group's last row (it draws the group's bottom rule). */
  last?: boolean;
}

/** Cells with their grid positions; a group label becomes one cell per row of its group. */
function placeCells(table: Table): Placed[] {
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
  // again in the first row of every page the group continues on (see GroupLabels). pdfmake's own row
  // spans misplace a spanning cell that continues after a repeated header.
  const out: Placed[] = [];
  for (const p of placed) {
    if (p.rowSpan === 1 || !table.groupColumns.includes(p.col) || p.row < table.headerRows) {
      out.push(p);
      continue;
    }
    const end = p.row + p.rowSpan;
    out.push({ row: p.row, col: p.col, rowSpan: 1, cell: p.cell, last: end === p.row + 1 });
    for (let k = p.row + 1; k < end; k++) {
      out.push({
        row: k,
        col: p.col,
        rowSpan: 1,
        cell: { ...p.cell, runs: [] },
        label: p.cell,
        last: k === end - 1,
      });
    }
  }
  return out;
}

const VALIGN = { top: 'top', center: 'middle', bottom: 'bottom' } as const;

/** The faces a table's text is set in: the table face, the number face of its Latin, any run's own. */
function tableRoles(table: Table): Set<FontRole> {
  const roles = new Set<FontRole>(['table']);
  for (const row of table.rows)
    for (const cell of row.cells)
      for (const run of cell.runs) if (!isBreak(run) && run.role) roles.add(run.role);
  for (const role of [...roles]) if (LATIN_IN_NUMBER_FACE.has(role)) roles.add('number');
  return roles;
}

/**
 * A table cell's bottom padding: its own, plus how far its last line reaches below the line pitch. A
 * line is `pitch` tall, but its face's box (ascent above the baseline, descent below, as a reader's
 * selection shows it) can be taller; the padding takes the difference, so the box of the last line stays
 * above the rule. The DOCX back-end gives its cells the same padding, so its rows are as tall as these.
 */
export function tableBottomPadding(
  faceEm: (role: FontRole) => { ascent: number; descent: number },
  table: Table,
): number {
  let ascent = 0;
  let descent = 0;
  for (const role of tableRoles(table)) {
    const em = faceEm(role);
    ascent = Math.max(ascent, em.ascent);
    descent = Math.max(descent, em.descent);
  }
  return CELL_PAD_Y + Math.max(0, (ascent + descent) * table.fontSize - TABLE_PITCH * table.fontSize);
}

/**
 * A table's notes (附注: the `note` paragraphs right after it) are laid out as its last row, unruled and
 * kept with the row above: they stand on the page of the table's last row, and when they do not fit
 * there, that row (with the rows kept with it) goes to the next page with them, under the repeated
 * header. As paragraphs after the table, a note's last line could be left alone on a page of its own.
 */
function notesRow(notes: PdfNode[], ncol: number): PdfNode[] {
  const row: PdfNode[] = Array.from({ length: ncol }, () => ({}));
  row[0] = {
    stack: notes,
    colSpan: ncol,
    border: [false, false, false, false],
    // The cell's padding given back: the notes keep the width of the type area.
    margin: [-CELL_PAD_X, 0, -CELL_PAD_X, 0],
  };
  return row;
}

function tableNode(ctx: Ctx, table: Table, availableWidth: number, notes: PdfNode[] = []): PdfNode {
  const id = `t${ctx.tableCount++}`;
  const placed = placeCells(table);
  const ncol = table.columns.length;
  const body: PdfNode[][] = table.rows.map(() => Array.from({ length: ncol }, () => ({})));
  const style: TextStyle = {
    role: 'table',
    size: table.fontSize,
    bold: false,
    spacing: 0,
    pitch: TABLE_PITCH * table.fontSize,
  };
  const grouped = placed.some((p) => p.last !== undefined);
  const probed = new Set<number>();
  const cellNode = (p: Placed, cell: TableCell, labelled: boolean): PdfNode => {
    const node = textBlock(ctx, cell.runs, { ...style, bold: cell.bold ?? false }, cell.align, 0);
    if (!cell.runs.length) node['text'] = '';
    node['verticalAlignment'] = VALIGN[cell.valign];
    if (p.rowSpan > 1) node['rowSpan'] = p.rowSpan;
    // A group cell draws no rule between its rows, only above a row that shows the label.
    if (p.last !== undefined) node['border'] = [true, labelled, true, p.last];
    if (cell.colSpan > 1) node['colSpan'] = cell.colSpan;
    return node;
  };
  for (const p of placed) {
    const node = cellNode(p, p.cell, p.label === undefined);
    const label = p.label;
    if (label) {
      ctx.labels.addSlot({
        table: id,
        row: p.row,
        node,
        labelled: false,
        variant: (labelled) => cellNode(p, labelled ? label : p.cell, labelled),
      });
    } else if (
      grouped &&
      p.rowSpan === 1 &&
      p.last === undefined &&
      !probed.has(p.row) &&
      p.cell.runs.length
    ) {
      // One cell per row tells on which page the row begins. It needs an id: pdfmake corrects the
      // recorded page of a row that moves to the next page only for nodes with one.
      ctx.labels.addProbe(id, p.row, node);
      node['id'] = `${id}:${p.row}`;
      probed.add(p.row);
    }
    body[p.row]![p.col] = node;
  }
  const padBottom = tableBottomPadding(ctx.faceEm, table);
  const keep = new Set<number>();
  table.rows.forEach((row, r) => {
    if (row.keepWithNext && r < table.rows.length - 1) keep.add(r);
  });
  if (notes.length && table.rows.length) {
    body.push(notesRow(notes, ncol));
    keep.add(table.rows.length - 1);
  }
  return {
    table: {
      headerRows: table.headerRows,
      keepWithHeaderRows: table.headerRows > 0 ? 1 : 0,
      dontBreakRows: true,
      widths: columnTextWidths(table.columns, availableWidth),
      body,
      ...(keep.size ? { [KEEP_WITH_NEXT]: keep } : {}),
    },
    layout: {
      hLineWidth: () => RULE,
      vLineWidth: () => RULE,
      paddingLeft: () => CELL_PAD_X,
      paddingRight: () => CELL_PAD_X,
      paddingTop: () => CELL_PAD_Y,
      paddingBottom: () => padBottom,
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

export function pdfDefinition(input: DefinitionInput): { definition: PdfNode; labels: GroupLabels } {
  const { doc } = input;
  const ctx: Ctx = {
    grid: false,
    lineHeightEm: input.lineHeightEm,
    faceEm: input.faceEm,
    hasGlyph: input.hasGlyph ?? (() => true),
    labels: new GroupLabels(),
    tableCount: 0,
    sectionIndex: 0,
  };
  const content = doc.sections.map((section, i) => {
    ctx.grid = section.grid;
    ctx.sectionIndex = i;
    const setup = sectionSetup(section);
    const nodes: PdfNode[] = [];
    const blocks = section.blocks;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b]!;
      if (block.kind !== 'table') {
        nodes.push(blockNode(ctx, block, setup.availableWidth));
        continue;
      }
      const notes: PdfNode[] = [];
      for (let n = blocks[b + 1]; n?.kind === 'paragraph' && n.style === 'note'; n = blocks[++b + 1])
        notes.push(blockNode(ctx, n, setup.availableWidth));
      nodes.push(tableNode(ctx, block, setup.availableWidth, notes));
    }
    return {
      section: nodes,
      pageSize: setup.pageSize,
      pageOrientation: setup.pageOrientation,
      pageMargins: setup.pageMargins,
      footer: setup.footer,
    };
  });
  const first = sectionSetup(doc.sections[0]!);
  const definition = {
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
  return { definition, labels: ctx.labels };
}
