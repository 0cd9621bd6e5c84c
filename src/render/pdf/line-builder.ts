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
 * Written against pdfmake 0.3.11; on any other version it is not applied (patches.ts).
 */
import { createRequire } from 'node:module';
import { patchApplies } from './patches.js';

const require = createRequire(import.meta.url);

interface Inline {
  text: string;
  width: number;
  noWrap?: boolean;
  noNewLine?: boolean;
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

let patched: boolean | undefined;

export function patchLineBuilder(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  if (!patchApplies('line-builder')) return false;
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
    this: { writer: { context(): { availableWidth: number } } },
    node: TextNode,
  ): Line | null {
    if (!enabled) return stock.call(this, node) as Line | null;
    const inlines = node._inlines;
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
  patched = true;
  return true;
}
