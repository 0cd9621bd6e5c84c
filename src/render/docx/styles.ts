/**
 * The DOCX's named paragraph styles. Built-in ids (Normal, Heading1–4, Title) carry Word's built-in
 * names, which Chinese Word shows as 正文, 标题 1–4 and 标题; the others are custom styles with
 * Chinese names (表格文字, 表格说明, 附件标识, 落款). Paragraphs refer to styles; direct formatting is
 * only what a run asks for (a font role or size different from its paragraph's).
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

const half = (pt: number) => Math.round(pt * 2);
const EXACT_GRID = {
  line: Math.round(GRID_LINE_PITCH * 20),
  lineRule: LineRuleType.EXACT,
  before: 0,
  after: 0,
};

/** An indent of n grid characters in twips (each glyph 16 pt less the grid spacing). */
export function gridIndentTwips(chars: number): number {
  return Math.round(chars * (GRID_FONT_SIZE * 20 + GRID_CHARACTER_SPACING_TWENTIETHS));
}

export function docxStyles(fonts: ResolvedFonts): IStylesOptions {
  const body = roleFont(fonts, 'body');
  const plain = { bold: false, italics: false, color: '000000' };
  return {
    default: {
      document: {
        run: { font: body, size: half(GRID_FONT_SIZE) },
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
        run: { ...plain, font: roleFont(fonts, 'title'), size: half(STYLE_SIZE.title), characterSpacing: 0 },
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
        paragraph: { keepNext: true, outlineLevel: level - 1 },
      })),
      {
        id: STYLE_ID.table,
        name: '表格文字',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, font: roleFont(fonts, 'table'), size: half(STYLE_SIZE.table), characterSpacing: 0 },
        paragraph: {
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          indent: { firstLineChars: 0, firstLine: 0 },
          alignment: AlignmentType.LEFT,
        },
      },
      {
        id: STYLE_ID.caption,
        name: '表格说明',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, size: half(STYLE_SIZE.caption), characterSpacing: 0 },
        paragraph: {
          spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          indent: { firstLineChars: 0, firstLine: 0 },
          alignment: AlignmentType.LEFT,
        },
      },
      {
        id: STYLE_ID.note,
        name: '附注',
        basedOn: STYLE_ID.body,
        quickFormat: true,
        run: { ...plain, size: half(STYLE_SIZE.note), characterSpacing: 0 },
        paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
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
