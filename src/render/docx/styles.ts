/**
 * The DOCX's named paragraph styles. Built-in ids (Normal, Heading1–4, Title) carry Word's built-in
 * names, which Chinese Word shows as 正文, 标题 1–4 and 标题; the others are custom styles with
 * Chinese names (表格文字, 表格说明, 附件标识, 落款). Paragraphs refer to styles; direct formatting is
 * what a run asks for (a font role or size different from its paragraph's) and, where a section sets
 * text differently from the style (a form's section is off the 公文 grid), its size, spacing and pitch.
 * Fonts are named, never theme fonts, so WPS and Word show the same faces.
 */
import { AlignmentType, type IStylesOptions, LineRuleType } from 'docx';
import {
  GRID_CHARACTER_SPACING_TWENTIETHS,
  GRID_FONT_SIZE,
  GRID_LINE_PITCH,
  STYLE_SIZE,
} from '../../document/grid.js';
import type { FontRole } from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { TABLE_PITCH } from '../table-geometry.js';

export const STYLE_ID = {
  body: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  heading4: 'Heading4',
  table: 'TableText',
  caption: 'TableCaption',
  attachment: 'AttachmentMark',
  signature: 'Signature',
  note: 'Note',
} as const;

/** Word run fonts for a role: East Asian text in the official face, Latin and digits in Times New Roman. */
export function roleFont(fonts: ResolvedFonts, role: FontRole) {
  const f = fonts[role];
  const latin =
    role === 'title' || role === 'heading1' || role === 'heading2' || role === 'song'
      ? f.officialFace
      : fonts.number.officialFace;
  return { ascii: latin, hAnsi: latin, eastAsia: f.officialFace, cs: latin };
}

/**
 * A character spacing of 0, written as a placeholder: docx drops a falsy spacing, while a style or run
 * based on the body style must say 0 to undo the grid's −0.25 pt. src/render/docx/parts.ts writes it as 0;
 * the value is out of Word's range, so a placeholder left behind could not pass for a real spacing.
 */
export const NO_SPACING = 31999;

const half = (pt: number) => Math.round(pt * 2);
const twips = (pt: number) => Math.round(pt * 20);

/** Exact line spacing in twips, the way the PDF sets lines: it never depends on the face's own height. */
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

/** The PDF's line pitch off the grid: 1.5 × the size; in tables 1.3 × the table's size. */
export const LOOSE_PITCH = 1.5;

/**
 * The paragraph style of a table's text at `size` pt: TableText at its own size, otherwise one based on
 * it that sets the size and the pitch, so each cell's paragraph names its style and sets neither itself.
 */
export function tableStyleId(size: number): string {
  return size === STYLE_SIZE.table ? STYLE_ID.table : `${STYLE_ID.table}${String(size).replace('.', '_')}`;
}

/** A table's exact line height in twips for its font size. */
export function tableLineTwips(size: number): number {
  return twips(TABLE_PITCH * size);
}

/** How a paragraph's text is set: size in points, line pitch in twips, character spacing in twentieths. */
export interface TextMetrics {
  size: number;
  line: number;
  characterSpacing: number;
}

export const GRID_METRICS: TextMetrics = {
  size: GRID_FONT_SIZE,
  line: twips(GRID_LINE_PITCH),
  characterSpacing: GRID_CHARACTER_SPACING_TWENTIETHS,
};

/** Off the grid: the style's size, 1.5 lines, no spacing. */
export function looseMetrics(size: number): TextMetrics {
  return { size, line: twips(LOOSE_PITCH * size), characterSpacing: 0 };
}

type StyleId = (typeof STYLE_ID)[keyof typeof STYLE_ID];

/** What each style sets, as the metrics a paragraph compares with its own to know what to set directly. */
export const STYLE_METRICS: Record<StyleId, TextMetrics> = {
  Normal: GRID_METRICS,
  Title: { ...GRID_METRICS, size: STYLE_SIZE.title, characterSpacing: 0 },
  Subtitle: GRID_METRICS,
  Heading1: GRID_METRICS,
  Heading2: GRID_METRICS,
  Heading3: GRID_METRICS,
  Heading4: GRID_METRICS,
  TableText: { size: STYLE_SIZE.table, line: tableLineTwips(STYLE_SIZE.table), characterSpacing: 0 },
  TableCaption: looseMetrics(STYLE_SIZE.caption),
  Note: looseMetrics(STYLE_SIZE.note),
  AttachmentMark: GRID_METRICS,
  Signature: GRID_METRICS,
};

const EXACT_GRID = exact(GRID_METRICS.line);

/** An indent of n grid characters in twips (each glyph 16 pt less the grid spacing). */
export function gridIndentTwips(chars: number): number {
  return Math.round(chars * (GRID_FONT_SIZE * 20 + GRID_CHARACTER_SPACING_TWENTIETHS));
}

export function docxStyles(
  fonts: ResolvedFonts,
  headingList: string,
  tableSizes: readonly number[] = [],
): IStylesOptions {
  const body = roleFont(fonts, 'body');
  const plain = { bold: false, italics: false, color: '000000' };
  return {
    default: {
      document: {
        run: { font: body, size: half(GRID_FONT_SIZE), language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    },
    paragraphStyles: [
      {
        id: STYLE_ID.body,
        name: 'Normal',
        quickFormat: true,
        // 28 characters a line on the 公文 grid (see GRID_CHARACTER_SPACING_TWENTIETHS).
        run: {
          ...plain,
          font: body,
          size: half(GRID_FONT_SIZE),
          characterSpacing: GRID_CHARACTER_SPACING_TWENTIETHS,
        },
        paragraph: {
          spacing: EXACT_GRID,
          alignment: AlignmentType.JUSTIFIED,
          // Word reads the indent in characters; LibreOffice without a character grid reads twips.
          indent: { firstLineChars: 200, firstLine: gridIndentTwips(2) },
        },
      },
      {
        id: STYLE_ID.title,
        name: 'Title',
        basedOn: STYLE_ID.body,
        next: STYLE_ID.body,
        quickFormat: true,
        run: {
          ...plain,
          font: roleFont(fonts, 'title'),
          size: half(STYLE_SIZE.title),
          characterSpacing: NO_SPACING,
        },
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: { firstLineChars: 0, firstLine: 0 },
          outlineLevel: 0,
        },
      },
      {
        id: STYLE_ID.subtitle,
        name: 'Subtitle',
        basedOn: STYLE_ID.body,
        next: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, font: roleFont(fonts, 'heading2') },
        paragraph: { alignment: AlignmentType.CENTER, indent: { firstLineChars: 0, firstLine: 0 } },
      },
      ...([1, 2, 3, 4] as const).map((level) => ({
        id: `Heading${level}`,
        name: `heading ${level}`,
        basedOn: STYLE_ID.body,
        next: STYLE_ID.body,
        quickFormat: true,
        run: {
          ...plain,
          font: roleFont(fonts, level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'body'),
          size: half(GRID_FONT_SIZE),
        },
        // The heading list's level: a paragraph given this style in Word is numbered.
        paragraph: {
          keepNext: true,
          outlineLevel: level - 1,
          numbering: { reference: headingList, level: level - 1 },
        },
      })),
      {
        id: STYLE_ID.table,
        name: '表格文字',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        run: {
          ...plain,
          font: roleFont(fonts, 'table'),
          size: half(STYLE_SIZE.table),
          characterSpacing: NO_SPACING,
        },
        paragraph: {
          spacing: exact(STYLE_METRICS.TableText.line),
          indent: { firstLineChars: 0, firstLine: 0 },
          alignment: AlignmentType.LEFT,
        },
      },
      ...[...new Set(tableSizes)]
        .filter((size) => size !== STYLE_SIZE.table)
        .sort((a, b) => a - b)
        .map((size) => ({
          id: tableStyleId(size),
          name: `表格文字 ${size} 磅`,
          basedOn: STYLE_ID.table,
          run: { size: half(size) },
          paragraph: { spacing: exact(tableLineTwips(size)) },
        })),
      {
        id: STYLE_ID.caption,
        name: '表格说明',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, size: half(STYLE_SIZE.caption), characterSpacing: NO_SPACING },
        paragraph: {
          spacing: exact(STYLE_METRICS.TableCaption.line),
          indent: { firstLineChars: 0, firstLine: 0 },
          alignment: AlignmentType.LEFT,
        },
      },
      {
        id: STYLE_ID.note,
        name: '附注',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, size: half(STYLE_SIZE.note), characterSpacing: NO_SPACING },
        paragraph: { spacing: exact(STYLE_METRICS.Note.line) },
      },
      {
        id: STYLE_ID.attachment,
        name: '附件标识',
        basedOn: STYLE_ID.body,
        next: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, font: roleFont(fonts, 'heading1') },
        paragraph: { indent: { firstLineChars: 0, firstLine: 0 }, alignment: AlignmentType.LEFT },
      },
      {
        id: STYLE_ID.signature,
        name: '落款',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLineChars: 0, firstLine: 0 } },
      },
    ],
  };
}
