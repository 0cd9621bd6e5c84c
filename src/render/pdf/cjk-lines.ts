/**
 * Lines of justified Chinese text after W3C clreq, so that a full line of 公文 body text holds its 28
 * cells.
 *
 * pdfmake breaks text where Unicode line breaking (UAX #14) allows and stretches a line that does not
 * fill its width. Chinese text then loses a cell whenever the next unit is two characters that may not
 * be parted — 「民”」 (no line may start with ”), 「“民」 (none may end with “), 「元，」 — and one cell is
 * left: about one full line in five held 27 or 26. clreq's answer is to make room on the line rather
 * than stretch it:
 *
 * - Punctuation compression (标点挤压, clreq 3.1.6): a full-width mark is half glyph, half blank (closing
 *   marks and 。，、；： blank on the right, opening marks on the left). Of two adjacent marks one always
 *   gives its blank half: 。” ）， → the first, ，“ → the first, （“ → the second.
 * - When the next unit does not fit, in this order: the unit's last mark gives its blank half at the line
 *   end (line-end compression); a last 。，、 hangs past the margin (clreq 3.1.7, 标点悬挂); then marks
 *   on the line give their blank halves, right to left, and last the spaces beside digits and Latin.
 *   What is left over is spread between the line's pieces (pdfmake's justification), on that line only.
 * - 避头尾 (clreq 3.1.7): no break before a closing mark or 。，、；：？！, none after an opening mark, none
 *   inside —— or ……; otherwise a break may come next to any Chinese character (UAX #14 would also
 *   keep 「”」 with digits after it). Digits and Latin words stay whole, breaking where pdfmake's UAX #14
 *   pieces do.
 *
 * Why inside pdfmake's line filling (buildNextLine) rather than by setting widths or character spacing
 * in the document definition: which marks must give way depends on where a line ends, and that depends
 * on the width of the column the text is laid out in, which only layout knows (a table cell, a page of
 * another orientation, a relayout). Patching the line filling reads the real glyph advances pdfmake
 * measured with fontkit (nothing here assumes a face: a mark narrower than an em is not compressed) and
 * keeps every other part of layout — pages, line heights, rendering — pdfmake's own. Pieces placed on a
 * line are copies, so the measured pieces a relayout reuses stay as measured.
 *
 * Only text that is justified and contains Chinese is laid out this way (body paragraphs, headings,
 * lists; tables are left- or centre-aligned and keep pdfmake's breaking).
 */

export interface Inline {
  text: string;
  width: number;
  characterSpacing?: number;
  alignment?: string;
  fontSize?: number;
  noWrap?: boolean;
  noNewLine?: boolean;
  lineEnd?: boolean;
  leadingCut?: number;
  leadingIndent?: number;
  trailingCut?: number;
  x?: number;
}

export interface LineLike {
  inlines: Inline[];
  leadingCut: number;
  addInline(inline: Inline): void;
  lastLineInParagraph: boolean;
  /** The line's text, set when a glyph on it gives part of its advance (see `materialize`). */
  [ACTUAL_TEXT]?: string;
}

/** A string key: pdfmake copies a line's own properties when it moves lines (unbreakable blocks). */
export const ACTUAL_TEXT = '_jixiaoActualText';

/** No line begins with these (clreq 3.1.7 and GB/T 15834): closing marks, pauses and stops. */
const NO_START = new Set([...'，。、；：？！）】》」』〕〉〗”’%‰℃,.;:?!)]}']);
/** No line ends with these: opening marks. */
const NO_END = new Set([...'（【《「『〔〈〖“‘([{']);
/** Marks whose glyph sits in the left half of a full-width cell, the right half blank. */
const CLOSING = new Set([...'，。、；：）】》」』〕〉〗”’']);
/** Marks whose glyph sits in the right half, the left half blank. */
const OPENING = new Set([...'（【《「『〔〈〖“‘']);
/** Marks that may hang past the line end (clreq 3.1.7). */
const HANGING = new Set([...'，。、．']);
/** Marks written doubled that are never parted: —— and ……. */
const DOUBLED = new Set([...'—…']);

const CJK = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF\u2014\u2018\u2019\u201C\u201D\u2026\u00B7]/u;

/** One character (with any spaces after it) or one Latin piece, as a line is filled with it. */
interface Item {
  inline: Inline;
  /** Whether a line may end before this item. */
  breakBefore: boolean;
  /** Blank halves a full-width mark may give: before its glyph (opening) or after it (closing). */
  openHalf: number;
  closeHalf: number;
  /** What is always taken off (adjacent marks), before and after the glyph. */
  cutBefore: number;
  cutAfter: number;
  hangs: boolean;
  /** Spaces after the glyphs, which may shrink mid-line. */
  space: number;
}

export interface Measure {
  widthOfText(text: string, inline: Inline): number;
}

const clone = (inline: Inline, text: string, width: number): Inline => {
  // pdfmake's inlines are plain objects: a spread copies one in a single step (V8 clones its shape),
  // where Object.assign adds its twenty-odd properties one by one.
  if (Object.getPrototypeOf(inline) === Object.prototype) return { ...inline, text, width };
  const copy = Object.assign(Object.create(Object.getPrototypeOf(inline)), inline) as Inline;
  copy.text = text;
  copy.width = width;
  return copy;
};

/** Whether a node's pieces are laid out here: justified text with Chinese in it. */
export function isCjkJustified(inlines: Inline[]): boolean {
  if (inlines[0]?.alignment !== 'justify') return false;
  return inlines.some((i) => CJK.test(i.text));
}

/** The pieces of a paragraph as items: Chinese text a character each, Latin pieces whole. */
export function itemsOf(inlines: Inline[], measure: Measure): Item[] {
  const items: Item[] = [];
  let previous = '';
  inlines.forEach((inline, index) => {
    const chars = [...inline.text];
    const latin = !chars.some((c) => CJK.test(c));
    // A character with the spaces after it; Latin pieces are one part.
    const parts: string[] = [];
    if (latin || chars.length <= 1) parts.push(inline.text);
    else
      for (const c of chars) {
        if (/\s/.test(c) && parts.length) parts[parts.length - 1] += c;
        else parts.push(c);
      }
    parts.forEach((text, k) => {
      const piece = parts.length === 1 ? inline : clone(inline, text, measure.widthOfText(text, inline));
      if (parts.length > 1) {
        piece.leadingCut = k === 0 ? inline.leadingCut : 0;
        if (k > 0) delete piece.leadingIndent;
        const trailing = text.length - text.trimEnd().length;
        piece.trailingCut = trailing ? measure.widthOfText(text.slice(-trailing), inline) : 0;
        piece.noNewLine = k < parts.length - 1 || inline.noNewLine;
        piece.lineEnd = k === parts.length - 1 ? inline.lineEnd : undefined;
      }
      const first = [...text][0] ?? '';
      const glyph = text.trimEnd();
      const last = [...glyph].at(-1) ?? '';
      const em = inline.fontSize ?? 0;
      // A mark counts as full-width (with a blank half to give) only when the face draws it an em wide.
      const full = glyph.length === 1 && piece.width - (piece.trailingCut ?? 0) >= em * 0.95;
      const before = items.at(-1);
      const cjkSide = CJK.test(previous) || CJK.test(first);
      let breakBefore: boolean;
      if (!before) breakBefore = false;
      else if (before.inline.lineEnd) breakBefore = true;
      else if (NO_START.has(first) || NO_END.has(previous)) breakBefore = false;
      else if (DOUBLED.has(first) && previous === first) breakBefore = false;
      else if (cjkSide) breakBefore = true;
      // Inside Latin text, breaks are where pdfmake's pieces allow them: between pieces, unless glued.
      else breakBefore = k === 0 && !inlines[index - 1]?.noNewLine;
      items.push({
        inline: piece,
        breakBefore,
        openHalf: full && OPENING.has(glyph) ? em / 2 : 0,
        closeHalf: full && CLOSING.has(glyph) ? em / 2 : 0,
        cutBefore: 0,
        cutAfter: 0,
        hangs: glyph.length === 1 && HANGING.has(glyph),
        space: latin || glyph !== text ? (piece.trailingCut ?? 0) : 0,
      });
      previous = last || previous;
    });
  });
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    // Only a space between Chinese and Latin may shrink (clreq 3.2.2): one between Latin words may not.
    if (
      a.space &&
      !CJK.test([...a.inline.text.trimEnd()].at(-1) ?? '') &&
      !CJK.test([...b.inline.text][0] ?? '')
    )
      a.space = 0;
    // Adjacent marks: one of the two gives its blank half (clreq 3.1.6.1).
    if (a.space) continue;
    if (a.closeHalf && (b.closeHalf || b.openHalf)) {
      a.cutAfter = a.closeHalf;
      a.closeHalf = 0;
    } else if (a.openHalf && b.openHalf) {
      b.cutBefore = b.openHalf;
      b.openHalf = 0;
    }
  }
  return items;
}

/**
 * An item as placed on a line: what it gives before and after its glyph (compression), the spaces after
 * it it gives up, and whether it hangs past the margin.
 */
interface Placed {
  item: Item;
  before: number;
  after: number;
  space: number;
  hang: boolean;
}

const EPSILON = 1e-3;

const placedOf = (item: Item): Placed => ({
  item,
  before: item.cutBefore,
  after: item.cutAfter,
  space: 0,
  hang: false,
});
const widthOf = (p: Placed) => p.item.inline.width - p.before - p.after - p.space;
const widthOfAll = (placed: Placed[]) =>
  placed.reduce((sum, p) => sum + widthOf(p), 0) - (placed[0]?.item.inline.leadingCut ?? 0);

/**
 * Fills one line from `items[from]`; returns the index after the last item placed. The line gets
 * copies of the pieces, narrowed as compression asks.
 */
export function fillLine(
  items: Item[],
  from: number,
  line: LineLike,
  maxWidth: number,
  /** Whether a mark may hang past the line: not in a table cell or column, whose border it would cross. */
  hanging: boolean,
): number {
  let placed: Placed[] = [];
  let at = from;
  // The first unit is placed whatever its width (a piece wider than the line is cut by the caller). The
  // line's first piece keeps its blank half: no line-start compression.
  do placed.push(placedOf(items[at++]!));
  while (at < items.length && !items[at]!.breakBefore && !placed.at(-1)!.item.inline.lineEnd);
  placed[0]!.before = 0;
  while (at < items.length && !placed.at(-1)!.item.inline.lineEnd) {
    let end = at + 1;
    while (end < items.length && !items[end]!.breakBefore) end++;
    const trial = [...placed, ...items.slice(at, end).map(placedOf)];
    const last = trial.at(-1)!;
    const needed = widthOfAll(trial) - (last.item.inline.trailingCut ?? 0) - maxWidth;
    if (needed <= EPSILON) {
      placed = trial;
      at = end;
      continue;
    }
    if (squeeze(trial, needed, hanging)) {
      placed = trial;
      at = end;
    }
    break;
  }
  materialize(placed, line);
  line.lastLineInParagraph = at >= items.length;
  return at;
}

/**
 * Puts copies of the placed pieces on the line. What a glyph gives is taken out of its advance through
 * character spacing (PDF's Tc), so the blank half before an opening mark is given by the glyph before
 * it. A reader's text extraction still sees the next glyph start inside the box of the one that gave
 * (poppler measures a glyph by the font's width alone, and past a fifth of an em of overlap starts a
 * new word, in -layout even a new line), so such a line carries its text as ActualText.
 */
function materialize(placed: Placed[], line: LineLike): void {
  if (placed.some((p) => p.before || p.after))
    line[ACTUAL_TEXT] = placed
      .map((p) => p.item.inline.text)
      .join('')
      .trimEnd();
  placed.forEach((p, i) => {
    const inline = p.item.inline;
    const next = placed[i + 1];
    const gives = p.after + (next?.before ?? 0);
    let text = inline.text;
    if (p.space) text = text.trimEnd();
    const copy = clone(inline, text, widthOf(p) - (next?.before ?? 0) + p.before);
    if (p.space) copy.trailingCut = 0;
    if (gives) copy.characterSpacing = (inline.characterSpacing ?? 0) - gives;
    if (p.hang) copy.trailingCut = copy.width;
    line.addInline(copy);
  });
}

/** One way the line can make room: a blank half or the spaces of a placed piece. */
interface Give {
  target: Placed;
  side: 'before' | 'after' | 'space';
  gives: number;
}

/**
 * Makes `needed` points of room on `trial` (the line with the unit that did not fit at its end), in clreq's order (see the top of this file); false when the line cannot give
 * that much.
 */
function squeeze(trial: Placed[], needed: number, hanging: boolean): boolean {
  const last = trial.at(-1)!;
  const ends: { after: number; hang: boolean; gives: number }[] = [];
  if (last.item.closeHalf && last.after < last.item.closeHalf)
    ends.push({ after: last.item.closeHalf, hang: false, gives: last.item.closeHalf - last.after });
  if (hanging && last.item.hangs)
    ends.push({ after: last.after, hang: true, gives: widthOf(last) - (last.item.inline.trailingCut ?? 0) });
  // Room the rest of the line can give, right to left: blank halves of marks, then spaces beside Latin.
  const halves: Give[] = [];
  const spaces: Give[] = [];
  for (let i = trial.length - 2; i >= 0; i--) {
    const p = trial[i]!;
    const item = p.item;
    if (item.closeHalf && p.after < item.closeHalf)
      halves.push({ target: p, side: 'after', gives: item.closeHalf });
    // An opening mark's blank half is given by the glyph before it, which must be one glyph.
    const before = trial[i - 1];
    if (
      item.openHalf &&
      p.before < item.openHalf &&
      before &&
      [...before.item.inline.text.trimEnd()].length === 1
    )
      halves.push({ target: p, side: 'before', gives: item.openHalf });
    if (item.space) spaces.push({ target: p, side: 'space', gives: item.space });
  }
  const others = [...halves, ...spaces];
  // A glyph gives at most one blank half: the closing mark's own, or the opening mark's after it.
  const givesAlready = (i: number) => (trial[i]?.after ?? 0) > 0 || (trial[i + 1]?.before ?? 0) > 0;
  const giver = (o: Give) => trial.indexOf(o.target) - (o.side === 'before' ? 1 : 0);
  const plan = (room: number): Give[] | undefined => {
    const taken: Give[] = [];
    const givers = new Set<number>();
    for (const o of others) {
      if (room >= needed - EPSILON) break;
      if (o.side !== 'space') {
        const g = giver(o);
        if (givers.has(g) || givesAlready(g)) continue;
        givers.add(g);
      }
      taken.push(o);
      room += o.gives;
    }
    return room >= needed - EPSILON ? taken : undefined;
  };
  // The end alone first, then the end with the marks on the line, then the marks alone.
  let choice: { end?: (typeof ends)[number]; taken: Give[] } | undefined;
  for (const end of ends) if (!choice && end.gives >= needed - EPSILON) choice = { end, taken: [] };
  for (const end of ends) {
    const taken = choice ? undefined : plan(end.gives);
    if (taken) choice = { end, taken };
  }
  if (!choice) {
    const taken = plan(0);
    if (taken) choice = { taken };
  }
  if (!choice) return false;
  if (choice.end) {
    last.after = Math.max(last.after, choice.end.after);
    last.hang = choice.end.hang;
  }
  for (const o of choice.taken) {
    if (o.side === 'space') o.target.space = o.gives;
    else if (o.side === 'after') o.target.after = o.gives;
    else o.target.before = o.gives;
  }
  return true;
}
