/**
 * Laying a document out again after a small change, inside one pdfmake run.
 *
 * A table's group label is repeated at the top of every page its group continues on, so where pages
 * begin decides which cells carry it, and the cells decide where pages begin. pdfmake itself lays a
 * document out again on the same (already measured) structure when its pageBreakBefore callback asks
 * for it; we do the same when labels moved, with the same pdfkit document and fonts. What makes that
 * cheap: measuring text (breaking it into pieces and looking each up in the font) is most of a layout,
 * and it depends only on the node's text and style, so a text node whose text did not change gets back
 * the pieces it was measured into the first time.
 */
import { createRequire } from 'node:module';
import { patchApplies } from './patches.js';

const require = createRequire(import.meta.url);

/** Says after a layout whether the document changed and must be laid out again. */
export type Adjust = () => boolean;

const RELAYOUT = Symbol('jixiao.relayout');

/**
 * pdfmake's pageBreakBefore slot carries the adjust callback into the layout; pdfmake never sees it as a
 * pageBreakBefore function (which would make it collect every node's page information after a layout).
 */
export function relayoutHook(adjust: Adjust, settled?: () => void): object {
  return Object.assign(() => false, { [RELAYOUT]: { adjust, settled } });
}

/** Layouts after the first, at most: labels settle within three, a row taller than a page takes two. */
const MAX_RELAYOUTS = 5;

interface Inline {
  text: string;
  width: number;
  justifyShift?: number;
}
interface TextNode {
  text: unknown;
  _inlines: Inline[];
  _minWidth: number;
  _maxWidth: number;
}
/** A text node as measured: its pieces and what layout may change in them. */
interface Measured {
  text: unknown;
  inlines: Inline[];
  texts: string[];
  widths: number[];
  minWidth: number;
  maxWidth: number;
}

/** The measurements of the layout run in progress (layout is synchronous, so one at a time). */
let measured: WeakMap<object, Measured> | undefined;
let reuse = true;
let reuseApplies = false;

/** Turns measurement reuse off or on: a test compares the PDFs made both ways. */
export function reuseMeasurements(on: boolean): void {
  reuse = on;
}

function restore(node: TextNode, m: Measured): void {
  for (let i = 0; i < m.inlines.length; i++) {
    const inline = m.inlines[i]!;
    // A piece too wide for its line is cut in two by layout; justification shifts pieces.
    if (inline.text !== m.texts[i]) {
      inline.text = m.texts[i]!;
      inline.width = m.widths[i]!;
    }
    if (inline.justifyShift !== undefined) inline.justifyShift = undefined;
  }
  // Layout takes pieces off the front of the list as it fills lines.
  node._inlines = m.inlines.slice();
  node._minWidth = m.minWidth;
  node._maxWidth = m.maxWidth;
}

let patched: boolean | undefined;

/**
 * Installs the relayout loop (a correctness patch: label repetition and tall rows depend on it) and,
 * as a speed patch of its own, measurement reuse. False when the loop is not installed (another
 * pdfmake version): the caller must not pass a relayout hook then.
 */
export function patchRelayout(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  if (!patchApplies('relayout')) return false;
  patched = true;
  const LayoutBuilder = (
    require('pdfmake/js/LayoutBuilder.js') as {
      default: { prototype: Record<string, (...args: unknown[]) => unknown> };
    }
  ).default;
  const layoutDocument = LayoutBuilder.prototype['layoutDocument']!;
  LayoutBuilder.prototype['layoutDocument'] = function (
    this: { linearNodeList: Array<{ resetXY?: () => void }> },
    ...args: unknown[]
  ): unknown {
    const hook = (args[8] as { [RELAYOUT]?: { adjust: Adjust; settled?: () => void } } | undefined)?.[
      RELAYOUT
    ];
    if (!hook) return layoutDocument.apply(this, args);
    const { adjust, settled } = hook;
    args[8] = undefined;
    measured = reuse && reuseApplies ? new WeakMap() : undefined;
    try {
      let pages = layoutDocument.apply(this, args);
      // Each layout after the first can only add labels where pages begin or split a row that was too
      // tall; the last one is kept as is.
      for (let pass = 0; pass < MAX_RELAYOUTS && adjust(); pass++) {
        // As pdfmake does before it lays a document out again.
        for (const node of this.linearNodeList) node.resetXY?.();
        pages = layoutDocument.apply(this, args);
      }
      settled?.();
      return pages;
    } finally {
      measured = undefined;
    }
  };

  reuseApplies = patchApplies('measurement-reuse');
  if (!reuseApplies) return true;
  const DocMeasure = (
    require('pdfmake/js/DocMeasure.js') as {
      default: { prototype: { measureLeaf(this: unknown, node: TextNode): TextNode } };
    }
  ).default;
  const measureLeaf = DocMeasure.prototype.measureLeaf;
  DocMeasure.prototype.measureLeaf = function (node) {
    const known = measured?.get(node);
    if (known && known.text === node.text) {
      restore(node, known);
      return node;
    }
    const result = measureLeaf.call(this, node);
    measured?.set(node, {
      text: node.text,
      inlines: node._inlines.slice(),
      texts: node._inlines.map((i) => i.text),
      widths: node._inlines.map((i) => i.width),
      minWidth: node._minWidth,
      maxWidth: node._maxWidth,
    });
    return result;
  };
  return true;
}
