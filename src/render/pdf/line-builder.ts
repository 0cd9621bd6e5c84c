/**
 * Lines of a long paragraph in time linear in its length.
 *
 * pdfmake fills a line by taking text pieces off the front of the paragraph's list and asking the line
 * whether the next piece fits, passing it a copy of every piece after it (`slice(1)`) so that pieces
 * glued to the next one (`noNewLine`) are weighed together. CJK text is one piece a character, so a
 * paragraph of n characters copies about n²/2 pieces: 20,000 characters took seconds, 80,000 most of a
 * minute. This speed patch passes only the glued run that the line actually reads, and hands pieces
 * out by position instead of shifting them off a large array. What is laid out is unchanged.
 *
 * Justified Chinese text is filled after clreq instead (cjk-lines.ts, a correctness patch of its own:
 * it stays on when the speed patches are turned off).
 *
 * Written against pdfmake 0.3.11; on any other version neither is applied (patches.ts).
 */
import { createRequire } from 'node:module';
import { type Inline as CjkInline, fillLine, isCjkJustified, itemsOf } from './cjk-lines.js';
import { patchApplies } from './patches.js';

const require = createRequire(import.meta.url);

interface Inline {
  text: string;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
  leadingCut?: number;
  trailingCut?: number;
}
interface Line {
  hasEnoughSpaceForInline(inline: Inline, next: Inline[]): boolean;
  getAvailableWidth(): number;
  addInline(inline: Inline): void;
  lastLineInParagraph: boolean;
}
interface TextNode {
  _inlines?: Inline[];
}

/** The pieces after the first that are weighed with it: the glued run and the piece that ends it. */
function gluedAfter(inlines: Inline[], first: number): Inline[] {
  const run: Inline[] = [];
  if (!inlines[first]?.noNewLine) return run;
  for (let i = first + 1; i < inlines.length; i++) {
    const next = inlines[i]!;
    run.push(next);
    if (!next.noNewLine) break;
  }
  return run;
}

/** The longest prefix of `text` (at least one character) whose width fits in `room`. */
function fittingLength(text: string, room: number, width: (part: string) => number): number {
  let low = 1;
  let high = text.length;
  let best = 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (width(text.substring(0, mid)) <= room) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

let enabled = true;

/** Turns the patched line builder off or on: a test compares the PDFs laid out both ways. */
export function fastLineBuilder(on: boolean): void {
  enabled = on;
}

/** How many pieces of a paragraph's list earlier lines took (not yet removed from it). */
const consumed = new WeakMap<Inline[], number>();

/** A justified Chinese paragraph's items (cjk-lines.ts) and how many of them earlier lines took. */
const cjkItems = new WeakMap<Inline[], { items: ReturnType<typeof itemsOf>; taken: number }>();

let patched: boolean | undefined;

export function patchLineBuilder(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  const fast = patchApplies('line-builder');
  const cjk = patchApplies('cjk-line-layout');
  if (!fast && !cjk) return false;
  const LayoutBuilder = (
    require('pdfmake/js/LayoutBuilder.js') as { default: { prototype: Record<string, unknown> } }
  ).default.prototype;
  const LineClass = (require('pdfmake/js/Line.js') as { default: new (width: number) => Line }).default;
  const TextInlines = (
    require('pdfmake/js/TextInlines.js') as {
      default: new (p: null) => { widthOfText(text: string, inline: Inline): number };
    }
  ).default;
  const stock = LayoutBuilder['buildNextLine'];
  if (typeof stock !== 'function') return false;

  LayoutBuilder['buildNextLine'] = function (
    this: { writer: { context(): { availableWidth: number; snapshots: unknown[] } } },
    node: TextNode,
  ): Line | null {
    const inlines = node._inlines;
    if (cjk && inlines?.length) {
      let state = cjkItems.get(inlines);
      if (!state && isCjkJustified(inlines as CjkInline[])) {
        state = { items: itemsOf(inlines as CjkInline[], new TextInlines(null)), taken: 0 };
        cjkItems.set(inlines, state);
      }
      if (state) {
        const context = this.writer.context();
        return cjkLine(inlines, state, context.availableWidth, context.snapshots.length === 0);
      }
    }
    if (!enabled || !fast) return stock.call(this, node) as Line | null;
    if (!inlines) return null;
    let taken = consumed.get(inlines) ?? 0;
    if (taken >= inlines.length) return null;
    const line = new LineClass(this.writer.context().availableWidth);
    const measure = new TextInlines(null);
    // Pieces are taken by position (pdfmake shifts them off one by one); the taken ones are removed from
    // the list in bulk, once they are half of it, so each piece is moved a bounded number of times.
    let forceContinue = false;
    while (
      taken < inlines.length &&
      (forceContinue || line.hasEnoughSpaceForInline(inlines[taken]!, gluedAfter(inlines, taken)))
    ) {
      const inline = inlines[taken++]!;
      let hardWrap = false;
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        // A piece wider than what is left of the line is cut where it stops fitting; the rest goes
        // back to the front of the list.
        const fits = fittingLength(inline.text, line.getAvailableWidth(), (part) =>
          measure.widthOfText(part, inline),
        );
        if (fits < inline.text.length) {
          const rest = Object.assign(Object.create(Object.getPrototypeOf(inline)), inline) as Inline;
          rest.text = inline.text.substring(fits);
          inline.text = inline.text.substring(0, fits);
          rest.width = measure.widthOfText(rest.text, rest);
          inline.width = measure.widthOfText(inline.text, inline);
          inlines[--taken] = rest;
          hardWrap = true;
        }
      }
      line.addInline(inline);
      forceContinue = !!inline.noNewLine && !hardWrap;
    }
    line.lastLineInParagraph = taken === inlines.length;
    if (line.lastLineInParagraph) {
      inlines.length = 0;
      consumed.delete(inlines);
    } else if (taken * 2 > inlines.length) {
      inlines.splice(0, taken);
      consumed.delete(inlines);
    } else consumed.set(inlines, taken);
    return line;
  };
  /** The next line of a justified Chinese paragraph; null once all of it is laid out. */
  const cjkLine = (
    inlines: Inline[],
    state: { items: ReturnType<typeof itemsOf>; taken: number },
    width: number,
    hanging: boolean,
  ): Line | null => {
    if (state.taken >= state.items.length) return null;
    const first = state.items[state.taken]!;
    const piece = first.inline;
    const indent = -(piece.leadingCut ?? 0);
    if (!piece.noWrap && piece.text.length > 1 && piece.width > width - indent) {
      // A Latin piece wider than the whole line is cut where it stops fitting, as pdfmake does.
      const measure = new TextInlines(null);
      const fits = fittingLength(piece.text, width - indent, (part) => measure.widthOfText(part, piece));
      if (fits < piece.text.length) {
        const rest = Object.assign(Object.create(Object.getPrototypeOf(piece)), piece) as Inline;
        rest.text = piece.text.substring(fits);
        rest.width = measure.widthOfText(rest.text, rest);
        rest.leadingCut = 0;
        const head = Object.assign(Object.create(Object.getPrototypeOf(piece)), piece) as Inline;
        head.text = piece.text.substring(0, fits);
        head.width = measure.widthOfText(head.text, head);
        head.trailingCut = 0;
        state.items.splice(
          state.taken,
          1,
          { ...first, inline: head, space: 0 },
          { ...first, inline: rest, breakBefore: true },
        );
      }
    }
    const line = new LineClass(width);
    state.taken = fillLine(
      state.items,
      state.taken,
      line as unknown as Parameters<typeof fillLine>[2],
      width,
      hanging,
    );
    if (line.lastLineInParagraph) {
      inlines.length = 0;
      cjkItems.delete(inlines);
    }
    return line;
  };

  patched = true;
  return true;
}
