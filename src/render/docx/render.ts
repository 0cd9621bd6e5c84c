/**
 * DOCX back-end: intermediate document → DOCX bytes via docx 9. What users edit in Word before it is
 * stamped: named styles, real tables (merged cells, repeated header rows, rows that do not split),
 * page numbers as PAGE fields, the 公文 document grid (22 lines; 28 characters through character spacing).
 */
import {
  AlignmentType,
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
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { unzipSync } from 'fflate';
import { GRID_LINE_PITCH, mmToTwip, STYLE_SIZE } from '../../document/grid.js';
import {
  type Align,
  type Block,
  type IntermediateDocument,
  isBreak,
  PAPER_MM,
  pageSizeMm,
  type Run,
  type Section,
  type Table as TableBlock,
} from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { editXml, XmlEditError } from '../../output/xml-edit.js';
import { docxStyles, gridIndentTwips, roleFont, STYLE_ID } from './styles.js';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const VALIGN = {
  top: VerticalAlignTable.TOP,
  center: VerticalAlignTable.CENTER,
  bottom: VerticalAlignTable.BOTTOM,
} as const;

function textRuns(
  fonts: ResolvedFonts,
  runs: Run[],
  base: { size?: number; bold?: boolean } = {},
): TextRun[] {
  return runs.map((run) => {
    if (isBreak(run)) return new TextRun({ break: 1 });
    const size = run.size ?? base.size;
    const bold = run.bold ?? base.bold;
    return new TextRun({
      text: run.text,
      ...(run.role ? { font: roleFont(fonts, run.role) } : {}),
      ...(size !== undefined ? { size: Math.round(size * 2) } : {}),
      ...(bold !== undefined ? { bold } : {}),
    });
  });
}

function tableNode(fonts: ResolvedFonts, table: TableBlock, widthTwip: number): Table {
  const total = table.columns.reduce((a, b) => a + b, 0);
  const colWidths = table.columns.map((w) => Math.floor((widthTwip * w) / total));
  // Column index where each cell starts, counting cells covered by row spans from above.
  const taken = new Set<string>();
  const rows = table.rows.map((row, r) => {
    let c = 0;
    const cells = row.cells.map((cell) => {
      while (taken.has(`${r},${c}`)) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      }
      const width = colWidths.slice(c, c + cell.colSpan).reduce((a, b) => a + b, 0);
      c += cell.colSpan;
      return new TableCell({
        children: [
          new Paragraph({
            style: STYLE_ID.table,
            alignment: ALIGN[cell.align],
            children: textRuns(fonts, cell.runs, {
              ...(table.fontSize !== STYLE_SIZE.table ? { size: table.fontSize } : {}),
              ...(cell.bold ? { bold: true } : {}),
            }),
          }),
        ],
        rowSpan: cell.rowSpan,
        columnSpan: cell.colSpan,
        verticalAlign: VALIGN[cell.valign],
        width: { size: width, type: WidthType.DXA },
        margins: { left: 57, right: 57, top: 28, bottom: 28 },
      });
    });
    return new TableRow({ children: cells, tableHeader: r < table.headerRows, cantSplit: true });
  });
  return new Table({
    rows,
    width: { size: colWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: colWidths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
  });
}

function blockNodes(
  fonts: ResolvedFonts,
  block: Block,
  widthTwip: number,
  pageBreakBefore: boolean,
): (Paragraph | Table)[] {
  const pb = pageBreakBefore ? { pageBreakBefore: true } : {};
  switch (block.kind) {
    case 'paragraph': {
      const style = {
        body: STYLE_ID.body,
        title: STYLE_ID.title,
        subtitle: STYLE_ID.subtitle,
        caption: STYLE_ID.caption,
        table: STYLE_ID.table,
        note: STYLE_ID.note,
        signature: STYLE_ID.signature,
      }[block.style];
      const indent =
        block.indent === undefined
          ? {}
          : {
              indent: {
                firstLineChars: Math.round(block.indent * 100),
                firstLine: gridIndentTwips(block.indent),
              },
            };
      const align: Align | undefined = block.align;
      return [
        new Paragraph({
          style,
          ...pb,
          ...indent,
          ...(align ? { alignment: ALIGN[align] } : {}),
          children: textRuns(fonts, block.runs),
        }),
      ];
    }
    case 'heading': {
      const runs: Run[] = block.number ? [{ text: block.number }, ...block.runs] : block.runs;
      return [new Paragraph({ style: `Heading${block.level}`, ...pb, children: textRuns(fonts, runs) })];
    }
    case 'list':
      return block.items.map(
        (item, i) =>
          new Paragraph({
            style: STYLE_ID.body,
            ...(i === 0 ? pb : {}),
            children: textRuns(fonts, [{ text: item.label }, ...item.runs]),
          }),
      );
    case 'table': {
      const nodes: (Paragraph | Table)[] = [tableNode(fonts, block, widthTwip)];
      if (pageBreakBefore) nodes.unshift(new Paragraph({ style: STYLE_ID.caption, pageBreakBefore: true }));
      return nodes;
    }
    case 'attachment':
      return [new Paragraph({ style: STYLE_ID.attachment, ...pb, children: [new TextRun(block.label)] })];
    case 'pageBreak':
      return [];
  }
}

function pageNumberFooter(fonts: ResolvedFonts, align: 'left' | 'right' | 'center'): Footer {
  const oneChar = Math.round(STYLE_SIZE.pageNumber * 20);
  const font = roleFont(fonts, 'song');
  const size = Math.round(STYLE_SIZE.pageNumber * 2);
  return new Footer({
    children: [
      new Paragraph({
        alignment: ALIGN[align],
        indent: align === 'left' ? { left: oneChar } : align === 'right' ? { right: oneChar } : {},
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [
          new TextRun({ text: '— ', font, size }),
          new TextRun({ children: [PageNumber.CURRENT], font, size }),
          new TextRun({ text: ' —', font, size }),
        ],
      }),
    ],
  });
}

function sectionOptions(fonts: ResolvedFonts, section: Section): ISectionOptions {
  const paper = PAPER_MM[section.paper];
  const size = pageSizeMm(section);
  const typeWidth = mmToTwip(size.width - section.margins.left - section.margins.right);
  const children: (Paragraph | Table)[] = [];
  let breakNext = false;
  for (const block of section.blocks) {
    if (block.kind === 'pageBreak') {
      breakNext = true;
      continue;
    }
    children.push(...blockNodes(fonts, block, typeWidth, breakNext));
    breakNext = false;
  }
  // Word needs a paragraph after a table at the end of a section.
  if (children.at(-1) instanceof Table) children.push(new Paragraph({ style: STYLE_ID.caption }));
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
  const document = new Document({
    title: doc.meta.title,
    creator: 'jixiao',
    lastModifiedBy: 'jixiao',
    evenAndOddHeaderAndFooters: doc.sections.some((s) => s.pageNumbers === 'gongwen'),
    styles: docxStyles(fonts),
    sections: doc.sections.map((s) => sectionOptions(fonts, s)),
  });
  const compiler = (Packer as unknown as { compiler?: PackageCompiler }).compiler;
  const parts: DocxParts = compiler
    ? compiler.compile(document)
    : new Map(Object.entries(unzipSync(await Packer.toBuffer(document))));
  withSettings(parts);
  return parts;
}

/**
 * docx cannot set these: punctuation is not compressed (so full-width punctuation keeps its grid
 * cell, as in the PDF) and East Asian line breaking (kinsoku) stays on.
 */
function withSettings(parts: DocxParts): void {
  const SETTINGS = 'word/settings.xml';
  const settings = parts.get(SETTINGS);
  if (settings === undefined) throw new XmlEditError(SETTINGS);
  const xml = typeof settings === 'string' ? settings : new TextDecoder().decode(settings);
  parts.set(
    SETTINGS,
    editXml(xml, SETTINGS, '<w:compat>', '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'),
  );
}
