/**
 * The geometry of a table as both back-ends draw it, in points: the PDF lays its rows out with these,
 * and the DOCX gives Word and LibreOffice the same, so a cell breaks its lines and a table its pages
 * where the PDF does.
 */

/** A table's line pitch as a multiple of its font size. */
export const TABLE_PITCH = 1.3;
/** Padding left and right of a cell's text. */
export const CELL_PAD_X = 2;
/** Padding above a cell's text (below it, see tableBottomPadding in pdf/definition.ts). */
export const CELL_PAD_Y = 1.5;
/** Width of every rule. */
export const RULE = 0.5;

/**
 * The text width of each column for a table set `widthPt` wide: the width less every column's padding
 * and every rule, shared as the columns' widths share it.
 */
export function columnTextWidths(columns: readonly number[], widthPt: number): number[] {
  const total = columns.reduce((a, b) => a + b, 0);
  const n = columns.length;
  const inner = widthPt - n * 2 * CELL_PAD_X - (n + 1) * RULE;
  return columns.map((w) => (inner * w) / total);
}

/**
 * How many lines a cell's text takes in `widthPt`, filled the way the PDF fills a table line: a CJK
 * character may end a line anywhere, an ASCII word stays whole, and a break written in the data starts
 * a line. `advance` gives a character's width in points. Punctuation compression is left out, so a line
 * that fits only compressed counts one more: the count errs on the tall side.
 */
export function wrappedLineCount(
  lines: readonly string[],
  widthPt: number,
  advance: (cp: number) => number,
): number {
  let count = 0;
  for (const text of lines) {
    count++;
    let used = 0;
    for (const piece of text.match(/[\x21-\x7e]+|./gsu) ?? []) {
      let width = 0;
      for (const ch of piece) width += advance(ch.codePointAt(0)!);
      if (used > 0 && used + width > widthPt + 1e-6) {
        count++;
        used = piece === ' ' ? 0 : width;
      } else used += width;
      // A word wider than the line is cut where it reaches the border.
      while (used > widthPt + 1e-6 && widthPt > 0) {
        count++;
        used -= widthPt;
      }
    }
  }
  return count;
}
