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
}

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
  // Adjacent marks: one of the two gives its blank half (clreq 3.1.6.1).
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
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

/** An item as placed on a line: how much of it is taken off before and after its glyph, and whether it hangs. */
interface Placed {
  item: Item;
  before: number;
  after: number;
  hang: boolean;
}

const EPSILON = 1e-3;

const widthOf = (p: Placed) => p.item.inline.width - p.before - p.after;

/**
 * Fills one line from `items[from]`; returns the index after the last item placed. The line gets
 * copies of the pieces, moved and narrowed as compression and hanging ask.
 */
export function fillLine(items: Item[], from: number, line: LineLike, maxWidth: number): number {
  const placed: Placed[] = [];
  let used = 0;
  let at = from;
  const place = (item: Item) => {
    const p: Placed = { item, before: item.cutBefore, after: item.cutAfter, hang: false };
    if (placed.length === 0) {
      // The line's first piece keeps its blank half (no line-start compression) and the paragraph indent.
      p.before = 0;
      used -= item.inline.leadingCut ?? 0;
    }
    placed.push(p);
    used += widthOf(p);
  };
  // The first unit is placed whatever its width (a piece wider than the line is cut by the caller).
  do place(items[at++]!);
  while (at < items.length && !items[at]!.breakBefore && !placed.at(-1)!.item.inline.lineEnd);
  while (at < items.length && !placed.at(-1)!.item.inline.lineEnd) {
    let end = at + 1;
    while (end < items.length && !items[end]!.breakBefore) end++;
    const unit = items.slice(at, end);
    const last = unit.at(-1)!;
    const width = unit.reduce((sum, item) => sum + item.inline.width - item.cutBefore - item.cutAfter, 0);
    const needed = width - (last.inline.trailingCut ?? 0) - (maxWidth - used);
    if (needed <= EPSILON) {
      for (const item of unit) place(item);
      at = end;
      continue;
    }
    if (squeeze(placed, unit, needed)) {
      for (const item of unit) place(item);
      // squeeze decided the cuts of the unit's items: place() took the fixed ones; apply the rest.
      applyPlan(placed, unit);
      at = end;
    }
    break;
  }
  for (const p of placed) {
    const copy = clone(p.item.inline, p.item.inline.text, widthOf(p));
    if (p.hang) copy.trailingCut = copy.width;
    line.addInline(copy);
    if (p.before) copy.x = (copy.x ?? 0) - p.before;
  }
  line.lastLineInParagraph = at >= items.length;
  return at;
}

/** Cuts planned by squeeze for the unit being added, applied once the unit is placed. */
const plans = new WeakMap<Item, { before: number; after: number; hang: boolean }>();

function applyPlan(placed: Placed[], unit: Item[]): void {
  for (const p of placed.slice(placed.length - unit.length)) {
    const plan = plans.get(p.item);
    if (!plan) continue;
    p.before = Math.max(p.before, plan.before);
    p.after = Math.max(p.after, plan.after);
    p.hang = plan.hang;
    plans.delete(p.item);
  }
}

/**
 * Makes `needed` points of room for `unit` at the end of the line, in clreq's order (see the top of
 * this file); false when the line cannot give that much, and nothing is changed then.
 */
function squeeze(placed: Placed[], unit: Item[], needed: number): boolean {
  const last = unit.at(-1)!;
  const lastWidth = last.inline.width - last.cutBefore - last.cutAfter - (last.inline.trailingCut ?? 0);
  const ends: { after: number; hang: boolean; gives: number }[] = [];
  if (last.closeHalf) ends.push({ after: last.closeHalf, hang: false, gives: last.closeHalf });
  if (last.hangs) ends.push({ after: 0, hang: true, gives: lastWidth });
  // Room the rest can give, right to left: blank halves of marks, then spaces beside Latin.
  const halves: { target: Placed | Item; side: 'before' | 'after'; gives: number }[] = [];
  const spaces: { target: Placed | Item; gives: number }[] = [];
  const candidates: (Placed | Item)[] = [...placed, ...unit.slice(0, -1)].reverse();
  const first = placed[0];
  for (const c of candidates) {
    const item = 'item' in c ? c.item : c;
    const before = 'item' in c ? c.before : item.cutBefore;
    const after = 'item' in c ? c.after : item.cutAfter;
    if (item.closeHalf && after < item.closeHalf)
      halves.push({ target: c, side: 'after', gives: item.closeHalf });
    if (item.openHalf && before < item.openHalf && c !== first)
      halves.push({ target: c, side: 'before', gives: item.openHalf });
    if (item.space) spaces.push({ target: c, gives: item.space });
  }
  const others = [
    ...halves.map((h) => ({ ...h, space: false })),
    ...spaces.map((s) => ({ ...s, side: 'after' as const, space: true })),
  ];
  const plan = (end: { after: number; hang: boolean; gives: number } | undefined) => {
    let room = end?.gives ?? 0;
    const taken: typeof others = [];
    for (const o of others) {
      if (room >= needed - EPSILON) break;
      taken.push(o);
      room += o.gives;
    }
    return room >= needed - EPSILON ? taken : undefined;
  };
  // The end alone first, then the end with the marks on the line, then the marks alone.
  let choice: { end?: (typeof ends)[number]; taken: typeof others } | undefined;
  for (const end of ends) if (!choice && end.gives >= needed - EPSILON) choice = { end, taken: [] };
  for (const end of ends) {
    if (choice) break;
    const taken = plan(end);
    if (taken) choice = { end, taken };
  }
  if (!choice) {
    const taken = plan(undefined);
    if (taken) choice = { taken };
  }
  if (!choice) return false;
  const planOf = (item: Item) => {
    const p = plans.get(item) ?? { before: 0, after: 0, hang: false };
    plans.set(item, p);
    return p;
  };
  if (choice.end) {
    const p = planOf(last);
    p.after = Math.max(p.after, last.cutAfter + choice.end.after);
    p.hang = choice.end.hang;
  }
  for (const o of choice.taken) {
    if ('item' in o.target) {
      const p = o.target;
      if (o.space) p.after += o.gives;
      else if (o.side === 'after') p.after = Math.max(p.after, p.item.closeHalf);
      else p.before = Math.max(p.before, p.item.openHalf);
    } else {
      const item = o.target;
      const p = planOf(item);
      if (o.space) p.after = Math.max(p.after, item.cutAfter) + o.gives;
      else if (o.side === 'after') p.after = Math.max(p.after, item.closeHalf);
      else p.before = Math.max(p.before, item.openHalf);
    }
  }
  return true;
}
