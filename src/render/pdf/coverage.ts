/**
 * Characters the PDF cannot show: every run of the intermediate document is checked against the font
 * file the PDF sets it in (the run's role, or the number face for Latin text in body and table text,
 * bold or regular), and the fallback faces definition.ts tries after it (faceWithGlyph). A character
 * none of them has prints as an empty box.
 */
import {
  type Block,
  type FontRole,
  type IntermediateDocument,
  isBreak,
  type Run,
} from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { faceWithGlyph, PARAGRAPH_ROLE, pieceFace, splitLatin, splitsLatin } from './definition.js';
import { fontGlyphTest } from './engine.js';

export interface MissingGlyph {
  /** The character (one code point). */
  char: string;
  codePoint: number;
  role: FontRole;
  /** The font file that lacks it. */
  fontFile: string;
  /** The whole text of the run it appears in. */
  text: string;
}

interface Piece {
  text: string;
  /** The whole run the piece comes from. */
  run: string;
  role: FontRole;
  bold: boolean;
}

function runPieces(runs: Run[], role: FontRole, bold: boolean): Piece[] {
  const out: Piece[] = [];
  for (const run of runs) {
    if (isBreak(run)) continue;
    const r = run.role ?? role;
    const b = run.bold ?? bold;
    if (splitsLatin(r))
      for (const p of splitLatin(run.text))
        out.push({ text: p.text, run: run.text, role: pieceFace(r, p.latin), bold: b });
    else out.push({ text: run.text, run: run.text, role: r, bold: b });
  }
  return out;
}

function blockPieces(block: Block): Piece[] {
  switch (block.kind) {
    case 'paragraph':
      return runPieces(block.runs, PARAGRAPH_ROLE[block.style], false);
    case 'heading': {
      const role: FontRole = block.level === 1 ? 'heading1' : block.level === 2 ? 'heading2' : 'body';
      return runPieces(block.number ? [{ text: block.number }, ...block.runs] : block.runs, role, false);
    }
    case 'list':
      return block.items.flatMap((item) => runPieces([{ text: item.label }, ...item.runs], 'body', false));
    case 'table':
      return block.rows.flatMap((row) =>
        row.cells.flatMap((cell) => runPieces(cell.runs, 'table', cell.bold ?? false)),
      );
    case 'attachment':
      return runPieces([{ text: block.label }], 'heading1', false);
    case 'pageBreak':
      return [];
  }
}

/** Every character of the document that neither its face nor a fallback face has, each (character, face) once. */
export function missingGlyphs(doc: IntermediateDocument, fonts: ResolvedFonts): MissingGlyph[] {
  const has = fontGlyphTest(fonts);
  const seen = new Set<string>();
  const out: MissingGlyph[] = [];
  const pieces = doc.sections.flatMap((s) => s.blocks.flatMap(blockPieces));
  for (const piece of pieces) {
    const face = fonts[piece.role];
    const file = piece.bold ? face.bold : face.regular;
    for (const char of piece.text) {
      const cp = char.codePointAt(0)!;
      if (faceWithGlyph(piece.role, piece.bold, cp, has)) continue;
      const id = `${cp}|${file.path}|${file.postscriptName ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ char, codePoint: cp, role: piece.role, fontFile: file.path, text: piece.run });
    }
  }
  return out;
}
