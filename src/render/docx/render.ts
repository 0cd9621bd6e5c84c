/**
 * DOCX back-end: intermediate document → DOCX bytes via docx 9. What users edit in Word before it is
 * stamped: named styles, real tables (merged cells, repeated header rows, rows that do not split),
 * page numbers as PAGE fields, the 公文 document grid (22 lines; 28 characters through character spacing).
 */
import {
  Document,
  DocumentGridType,
  Footer,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TextRun,
} from 'docx';
import { unzipSync } from 'fflate';
import { GRID_FONT_SIZE, GRID_LINE_PITCH, mmToPt, mmToTwip, STYLE_SIZE } from '../../document/grid.js';
import {
  type Block,
  type IntermediateDocument,
  PAPER_MM,
  type Paragraph as ParagraphBlock,
  pageSizeMm,
  type Run,
  type Section,
} from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { patchDocxSpeed } from './docx-speed.js';
import { HEADING_LIST, HeadingLists, headingListLevels } from './numbering.js';
import { editParts } from './parts.js';
import { ALIGN, type RunBase, textRuns } from './runs.js';
import {
  docxStyles,
  GRID_METRICS,
  gridIndentTwips,
  looseMetrics,
  NO_SPACING,
  roleFont,
  STYLE_ID,
  STYLE_METRICS,
  type TextMetrics,
} from './styles.js';
import { tableNode } from './table.js';

/** The PDF's paragraph sizes: on the grid everything but the title and table text is 3号. */
function paragraphSize(style: ParagraphBlock['style'], grid: boolean): number {
  if (grid && style !== 'title' && style !== 'table') return GRID_FONT_SIZE;
  return STYLE_SIZE[style];
}

/** How the PDF sets a paragraph of this size in this section (src/render/pdf/definition.ts). */
function sectionMetrics(size: number, grid: boolean): TextMetrics {
  if (!grid) return looseMetrics(size);
  return {
    ...GRID_METRICS,
    size,
    characterSpacing: size === GRID_FONT_SIZE ? GRID_METRICS.characterSpacing : 0,
  };
}

/**
 * What a paragraph sets directly so it is set as the PDF sets it: the line pitch on the paragraph, the
 * size and spacing on its runs, each only where the style's differs.
 */
function direct(styleId: keyof typeof STYLE_METRICS, want: TextMetrics) {
  const has = STYLE_METRICS[styleId];
  return {
    paragraph:
      has.line === want.line
        ? {}
        : { spacing: { line: want.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    run: {
      ...(has.size === want.size ? {} : { size: want.size }),
      ...(has.characterSpacing === want.characterSpacing ? {} : { characterSpacing: want.characterSpacing }),
    } satisfies RunBase,
  };
}

/** A first-line indent of n grid characters, in characters for Word and in twips for LibreOffice. */
function firstLineIndent(chars: number) {
  return { indent: { firstLineChars: Math.round(chars * 100), firstLine: gridIndentTwips(chars) } };
}

interface BlockContext {
  fonts: ResolvedFonts;
  grid: boolean;
  typeWidthPt: number;
  headings: HeadingLists;
}

function blockNodes(ctx: BlockContext, block: Block, pageBreakBefore: boolean): (Paragraph | Table)[] {
  const { fonts, grid } = ctx;
  const pb = pageBreakBefore ? { pageBreakBefore: true } : {};
  switch (block.kind) {
    case 'paragraph': {
      const style = PARAGRAPH_STYLE[block.style];
      const set = direct(style, sectionMetrics(paragraphSize(block.style, grid), grid));
      return [
        new Paragraph({
          style,
          ...pb,
          ...set.paragraph,
          ...(block.indent === undefined ? {} : firstLineIndent(block.indent)),
          ...(block.align ? { alignment: ALIGN[block.align] } : {}),
          children: textRuns(fonts, block.runs, set.run),
        }),
      ];
    }
    case 'heading': {
      const style = `Heading${block.level}` as const;
      const set = direct(style, sectionMetrics(GRID_FONT_SIZE, grid));
      const place = ctx.headings.place(block);
      const typed = place !== undefined && 'typed' in place;
      const runs: Run[] = typed ? [{ text: block.number }, ...block.runs] : block.runs;
      return [
        new Paragraph({
          style,
          ...pb,
          ...set.paragraph,
          // Numbered in its list, typed (numbering off), or unnumbered: the style's list is switched off.
          numbering:
            place && 'instance' in place
              ? { reference: HEADING_LIST, level: block.level - 1, instance: place.instance }
              : false,
          children: textRuns(fonts, runs, set.run),
        }),
      ];
    }
    case 'list': {
      const set = direct(STYLE_ID.body, sectionMetrics(GRID_FONT_SIZE, grid));
      return block.items.map(
        (item, i) =>
          new Paragraph({
            style: STYLE_ID.body,
            ...(i === 0 ? pb : {}),
            ...set.paragraph,
            children: textRuns(fonts, [{ text: item.label }, ...item.runs], set.run),
          }),
      );
    }
    case 'table': {
      const nodes: (Paragraph | Table)[] = [tableNode(fonts, block, ctx.typeWidthPt)];
      if (pageBreakBefore) nodes.unshift(new Paragraph({ style: STYLE_ID.caption, pageBreakBefore: true }));
      return nodes;
    }
    case 'attachment': {
      const set = direct(STYLE_ID.attachment, sectionMetrics(GRID_FONT_SIZE, grid));
      return [
        new Paragraph({
          style: STYLE_ID.attachment,
          ...pb,
          ...set.paragraph,
          children: textRuns(fonts, [{ text: block.label }], set.run),
        }),
      ];
    }
    case 'pageBreak':
      return [];
  }
}

const PARAGRAPH_STYLE = {
  body: STYLE_ID.body,
  title: STYLE_ID.title,
  subtitle: STYLE_ID.subtitle,
  caption: STYLE_ID.caption,
  table: STYLE_ID.table,
  note: STYLE_ID.note,
  signature: STYLE_ID.signature,
} as const;

function pageNumberFooter(fonts: ResolvedFonts, align: 'left' | 'right' | 'center'): Footer {
  const oneChar = Math.round(STYLE_SIZE.pageNumber * 20);
  const font = roleFont(fonts, 'song');
  const size = Math.round(STYLE_SIZE.pageNumber * 2);
  return new Footer({
    children: [
      new Paragraph({
        alignment: ALIGN[align],
        // Not the body's first-line indent: one character from the edge, as the PDF prints it.
        indent: {
          firstLine: 0,
          firstLineChars: 0,
          ...(align === 'left' ? { left: oneChar } : align === 'right' ? { right: oneChar } : {}),
        },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({ text: '— ', font, size, characterSpacing: NO_SPACING }),
          new TextRun({ children: [PageNumber.CURRENT], font, size, characterSpacing: NO_SPACING }),
          new TextRun({ text: ' —', font, size, characterSpacing: NO_SPACING }),
        ],
      }),
    ],
  });
}

function sectionOptions(fonts: ResolvedFonts, section: Section, headings: HeadingLists): ISectionOptions {
  const paper = PAPER_MM[section.paper];
  const size = pageSizeMm(section);
  const ctx: BlockContext = {
    fonts,
    grid: section.grid,
    typeWidthPt: mmToPt(size.width - section.margins.left - section.margins.right),
    headings,
  };
  const children: (Paragraph | Table)[] = [];
  let breakNext = false;
  for (const block of section.blocks) {
    if (block.kind === 'pageBreak') {
      breakNext = true;
      continue;
    }
    children.push(...blockNodes(ctx, block, breakNext));
    breakNext = false;
  }
  // Word needs a paragraph after a table at the end of a section. At 1 pt, exactly, it takes no room a
  // reader sees: a table that ends at the foot of the page does not push an empty page after it.
  if (children.at(-1) instanceof Table)
    children.push(
      new Paragraph({
        style: STYLE_ID.caption,
        spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        run: { size: 2 },
      }),
    );
  const footers =
    section.pageNumbers === 'gongwen'
      ? { default: pageNumberFooter(fonts, 'right'), even: pageNumberFooter(fonts, 'left') }
      : section.pageNumbers === 'center'
        ? { default: pageNumberFooter(fonts, 'center'), even: pageNumberFooter(fonts, 'center') }
        : { default: new Footer({ children: [] }), even: new Footer({ children: [] }) };
  // The page number's top sits 7 mm below the type area; Word measures the footer from the page edge.
  const footerDistance = Math.max(
    mmToTwip(section.margins.bottom - 7) - Math.round(STYLE_SIZE.pageNumber * 20 * 1.3),
    0,
  );
  return {
    properties: {
      page: {
        size: {
          width: mmToTwip(paper.width),
          height: mmToTwip(paper.height),
          orientation:
            section.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: mmToTwip(section.margins.top),
          right: mmToTwip(section.margins.right),
          bottom: mmToTwip(section.margins.bottom),
          left: mmToTwip(section.margins.left),
          header: mmToTwip(15),
          footer: footerDistance,
        },
      },
      ...(section.grid
        ? {
            // A line grid (22 lines at 28.95 pt); 28 characters a line come from the body styles'
            // character spacing, which Word and LibreOffice both lay out the same way.
            grid: {
              type: DocumentGridType.LINES,
              linePitch: Math.round(GRID_LINE_PITCH * 20),
            },
          }
        : {}),
    },
    footers,
    children,
  };
}

export interface DocxOptions {
  /** The date written into docProps/core.xml (and used for zip entry times by the output stage). */
  date: Date;
}

/** A DOCX package's files by path, before they are zipped (the output stage zips them once). */
export type DocxParts = Map<string, Uint8Array | string>;

interface PackageCompiler {
  compile(file: Document, prettify?: unknown, overrides?: unknown[]): DocxParts;
}

/**
 * Renders the DOCX package's files; src/output/reproducible.ts zips them with fixed dates. docx's own
 * compiler gives the files unzipped (Packer would deflate them only for us to inflate them again);
 * should a docx release not expose it, the package Packer zips is unzipped instead.
 */
export async function renderDocxParts(doc: IntermediateDocument, fonts: ResolvedFonts): Promise<DocxParts> {
  patchDocxSpeed();
  const headings = new HeadingLists();
  const document = new Document({
    title: doc.meta.title,
    creator: 'jixiao',
    lastModifiedBy: 'jixiao',
    evenAndOddHeaderAndFooters: doc.sections.some((s) => s.pageNumbers === 'gongwen'),
    styles: docxStyles(
      fonts,
      HEADING_LIST,
      doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.fontSize] : []))),
    ),
    numbering: { config: [{ reference: HEADING_LIST, levels: headingListLevels() }] },
    sections: doc.sections.map((s) => sectionOptions(fonts, s, headings)),
  });
  const compiler = (Packer as unknown as { compiler?: PackageCompiler }).compiler;
  const parts: DocxParts = compiler
    ? compiler.compile(document)
    : new Map(Object.entries(unzipSync(await Packer.toBuffer(document))));
  editParts(parts);
  return parts;
}
