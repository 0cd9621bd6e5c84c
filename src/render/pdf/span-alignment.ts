/**
 * A cell that spans rows is aligned within the rules of its span.
 *
 * pdfmake 0.3.11 centres (or bottom-aligns) a row-spanning cell of a `dontBreakRows` table over a height
 * that adds the top of the span's last row to its bottom: a cell spanning three header rows is moved
 * down by about the height of the first two, through the header's bottom rule (the wide project table's
 * 合计, 非财政资金 and 预算支出执行率). This correctness patch aligns such a cell once the page is laid
 * out, from where its lines and the table's rules actually are: its text is moved so that its face's
 * box (ascent to descent, what a reader selects) sits midway between the rules above and below it
 * (`center`), or as far above the lower rule as it was below the upper one (`bottom`).
 *
 * On another pdfmake version the patch is off and pdfmake's own alignment is used (see patches.ts).
 */
import { createRequire } from 'node:module';
import { patchApplies } from './patches.js';

const require = createRequire(import.meta.url);

interface Inline {
  font: { ascender: number; descender: number };
  fontSize: number;
}
interface Line {
  x: number;
  y: number;
  maxWidth: number;
  inlines: Inline[];
  getAscenderHeight(): number;
}
interface Vector {
  type: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
}
interface AlignItem {
  verticalAlignment: string;
  isCellContentMultiPage?: boolean;
  cell?: { rowSpan?: number };
  [SHIFT]?: number;
}
interface PageItem {
  type: string;
  item: unknown;
}
interface Page {
  items: PageItem[];
}
interface PdfDoc {
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
}

const SHIFT = Symbol('jixiao.spanShift');

/** The top and bottom of a line's face boxes: each inline's ascent above and descent below the baseline. */
function faceBox(line: Line): { top: number; bottom: number } {
  const baseline = line.y + line.getAscenderHeight();
  let top = baseline;
  let bottom = baseline;
  for (const i of line.inlines) {
    top = Math.min(top, baseline - (i.font.ascender / 1000) * i.fontSize);
    bottom = Math.max(bottom, baseline - (i.font.descender / 1000) * i.fontSize);
  }
  return { top, bottom };
}

/** Sets the shift of every row-spanning aligned cell on a laid-out page. */
function alignSpans(page: Page): void {
  const rules: Vector[] = [];
  for (const { type, item } of page.items) {
    const v = item as Vector;
    if (type === 'vector' && v.type === 'line' && v.y1 === v.y2) rules.push(v);
  }
  const items = page.items;
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.type !== 'beginVerticalAlignment') continue;
    const align = items[i]!.item as AlignItem;
    if (!align.cell || (align.cell.rowSpan ?? 1) < 2 || align.isCellContentMultiPage) continue;
    // A top-aligned cell stands where pdfmake puts it (below its upper rule); only centre and bottom drift.
    if (align.verticalAlignment !== 'middle' && align.verticalAlignment !== 'bottom') continue;
    let top = Number.POSITIVE_INFINITY;
    let bottom = Number.NEGATIVE_INFINITY;
    let centre = 0;
    let depth = 0;
    let closed = false;
    for (let k = i + 1; k < items.length; k++) {
      const { type, item } = items[k]!;
      if (type === 'beginVerticalAlignment') depth++;
      else if (type === 'endVerticalAlignment' && depth-- === 0) {
        closed = true;
        break;
      } else if (type === 'line') {
        const line = item as Line;
        const box = faceBox(line);
        top = Math.min(top, box.top);
        bottom = Math.max(bottom, box.bottom);
        centre = line.x + line.maxWidth / 2;
      }
    }
    // A cell whose end is not on this page (its span continues on the next) keeps pdfmake's alignment:
    // the lines after it on the page are not its own, and a shift would move them too, off the page.
    if (!closed || !Number.isFinite(top)) continue;
    // The rules that bound the span where its text stands: the nearest above its text, the nearest below.
    let above: Vector | undefined;
    let below: Vector | undefined;
    for (const r of rules) {
      if (Math.min(r.x1, r.x2) > centre || Math.max(r.x1, r.x2) < centre) continue;
      if (r.y1 <= top && (!above || r.y1 > above.y1)) above = r;
      if (r.y1 >= bottom - 0.01 && (!below || r.y1 < below.y1)) below = r;
    }
    if (!above || !below) continue;
    align[SHIFT] =
      align.verticalAlignment === 'bottom'
        ? below.y1 - (top - above.y1) - bottom
        : (above.y1 + below.y1) / 2 - (top + bottom) / 2;
  }
}

let patched: boolean | undefined;

export function patchSpanAlignment(): boolean {
  if (patched !== undefined) return patched;
  patched = patchApplies('span-alignment');
  if (!patched) return false;
  const Renderer = (
    require('pdfmake/js/Renderer.js') as {
      default: { prototype: Record<string, (this: { pdfDocument: PdfDoc }, ...a: never[]) => void> };
    }
  ).default.prototype;
  const { renderPages, beginVerticalAlignment, endVerticalAlignment } = Renderer;
  if (!renderPages || !beginVerticalAlignment || !endVerticalAlignment) {
    patched = false;
    return false;
  }
  Renderer['renderPages'] = function (this: { pdfDocument: PdfDoc }, ...args: never[]) {
    for (const page of args[0] as unknown as Page[]) alignSpans(page);
    return renderPages.apply(this, args);
  };
  Renderer['beginVerticalAlignment'] = function (this: { pdfDocument: PdfDoc }, ...args: never[]) {
    const item = args[0] as unknown as AlignItem;
    const shift = item[SHIFT];
    if (shift === undefined) return beginVerticalAlignment.apply(this, args);
    this.pdfDocument.save();
    this.pdfDocument.translate(0, shift);
  };
  Renderer['endVerticalAlignment'] = function (this: { pdfDocument: PdfDoc }, ...args: never[]) {
    const item = args[0] as unknown as AlignItem;
    if (item[SHIFT] === undefined) return endVerticalAlignment.apply(this, args);
    this.pdfDocument.restore();
  };
  return true;
}
