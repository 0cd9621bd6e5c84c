import { type Glyph, pdfGlyphs } from './pdf-glyphs.js';

/**
 * How many cells of the 公文 grid the full lines of body text hold (GB/T 9704: a 156 mm type area,
 * 28 characters of 3号 a line), read from the glyphs of the PDF.
 *
 * How a line's cells are counted. The cell is the grid pitch, 156 mm ÷ 28. A line's content is the run
 * from its first glyph to the right edge of its last glyph, cut at the right margin (a closing mark
 * compressed at the line end shows only its left half), without punctuation hanging past the margin
 * (clreq 3.1.7: it stands outside the line). From that width the justification slack is taken away: the
 * space a line was stretched by to reach the margin, measured as the gap between two ideographs beyond
 * their advance, and found the same way in every other gap (a gap one or more half ems narrower than
 * that is punctuation compressed by clreq 3.1.6, the half ems being content, not slack). So an ideograph
 * or a full-width mark is one cell, a compressed mark half a cell, a digit or Latin letter its width
 * in ems. A line holds n cells when n − 1 < cells ≤ n: it has less than one cell left, so no further
 * character could have stood on it. A full line holds 28; the first line of a paragraph, indented by
 * two, 26.
 *
 * Which lines count: lines in the body face at the body size (3号, in the face most 3号 ideographs are set in)
 * that begin at the left margin or two cells in, and reach the right margin. Headings are in other
 * faces; tables are smaller or start elsewhere; the last line of a paragraph stops short of the margin.
 */

export const TYPE_AREA_WIDTH_PT = (156 / 25.4) * 72;
/** 3号. */
const BODY_SIZE_PT = 16;
const CHARS_PER_LINE = 28;

export interface GridLine {
  page: number;
  text: string;
  /** Cells the line starts in from the margin (0, or 2 for a first line). */
  indent: number;
  cells: number;
  /** Whole cells the line holds (see above) and what it should hold. */
  held: number;
  expected: number;
  /** The start of the line after it (what did not fit). */
  next: string;
}

const HAN = /\p{Script=Han}/u;

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let most = 0;
  for (const [v, n] of counts)
    if (n > most) {
      best = v;
      most = n;
    }
  return best;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Glyphs on one baseline of one page, left to right. */
export function textLines(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
  const lines: Glyph[][] = [];
  let line: Glyph[] = [];
  for (const g of sorted) {
    const last = line[0];
    if (last && (g.page !== last.page || g.y - last.y > g.size / 2)) {
      lines.push(line);
      line = [];
    }
    line.push(g);
  }
  if (line.length) lines.push(line);
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

export function gridLines(pdf: string): GridLine[] {
  const glyphs = pdfGlyphs(pdf);
  const han = glyphs.filter((g) => HAN.test(g.text) && g.size === BODY_SIZE_PT);
  const body = mostCommon(han.map((g) => `${g.font}|${g.size}`));
  const isBody = (g: Glyph) => `${g.font}|${g.size}` === body;
  const lines = textLines(glyphs).filter((l) => {
    const ideographs = l.filter((g) => HAN.test(g.text));
    return ideographs.length > 0 && ideographs.filter(isBody).length * 2 > ideographs.length;
  });
  const left = mostCommon(lines.map((l) => Math.round(l[0]!.x * 100) / 100));
  if (left === undefined) return [];
  const right = left + TYPE_AREA_WIDTH_PT;
  const pitch = TYPE_AREA_WIDTH_PT / CHARS_PER_LINE;
  const out: GridLine[] = [];
  for (const [index, line] of lines.entries()) {
    const indent = Math.round((line[0]!.x - left) / pitch);
    if ((indent !== 0 && indent !== 2) || Math.abs(line[0]!.x - left - indent * pitch) > pitch / 4) continue;
    // Trailing spaces are cut by the layout; marks starting at the margin hang outside the line.
    const content = [...line];
    while (content.length && (content.at(-1)!.text.trim() === '' || content.at(-1)!.x > right - pitch / 4))
      content.pop();
    if (content.length < 2) continue;
    const end = content.at(-1)!;
    const reach = Math.min(end.x + end.advance + end.spacing, right);
    if (reach < right - pitch / 4) continue;
    const gaps = content.slice(1).map((g, i) => {
      const before = content[i]!;
      return {
        d: g.x - (before.x + before.advance + before.spacing),
        han: HAN.test(before.text) && HAN.test(g.text),
      };
    });
    const stretch = median(gaps.filter((g) => g.han).map((g) => g.d));
    const half = line[0]!.size / 2;
    let slack = 0;
    for (const { d } of gaps) {
      const compressed = Math.max(0, Math.round((stretch - d) / half)) * half;
      slack += Math.max(0, d + compressed);
    }
    const cells = (reach - line[0]!.x - slack) / pitch;
    out.push({
      page: line[0]!.page,
      text: line.map((g) => g.text).join(''),
      indent,
      cells: Math.round(cells * 1000) / 1000,
      held: Math.ceil(cells - 0.01),
      expected: CHARS_PER_LINE - indent,
      next: (lines[index + 1] ?? [])
        .map((g) => g.text)
        .join('')
        .slice(0, 12),
    });
  }
  return out;
}

export interface GridReport {
  lines: GridLine[];
  exact: number;
  share: number;
  /** Lines more than one cell away from what they should hold. */
  farOff: GridLine[];
}

/** The share of full body lines holding exactly their cells; printed, with the lines that do not. */
export function gridReport(pdf: string, print = true): GridReport {
  const lines = gridLines(pdf);
  const exact = lines.filter((l) => l.held === l.expected).length;
  const report = {
    lines,
    exact,
    share: lines.length ? exact / lines.length : 0,
    farOff: lines.filter((l) => Math.abs(l.held - l.expected) > 1),
  };
  if (print) {
    const off = lines.filter((l) => l.held !== l.expected);
    console.log(
      `grid: ${exact} of ${lines.length} full body lines hold exactly their cells (${(report.share * 100).toFixed(1)} %)` +
        off.map((l) => `\n  p.${l.page} ${l.cells} of ${l.expected}: ${l.text} / ${l.next}`).join(''),
    );
  }
  return report;
}
