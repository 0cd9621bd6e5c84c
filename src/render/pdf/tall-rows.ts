/**
 * Table rows taller than a page are split across pages, never dropped; rows a form chains together
 * (`keepWithNext`) stand on one page.
 *
 * Our tables keep each row on one page (`dontBreakRows`), as the filed forms do. pdfmake lays such a row
 * out in an "unbreakable block" and, when the block does not fit on any page, keeps only its first
 * page: the rest of the row's text (and, for the first body row, which is kept with the header, the
 * header too) silently disappears. This correctness patch notices the overflow when pdfmake commits the
 * block and has the document laid out again with that one row breakable — the stock path of a table
 * without `dontBreakRows`, header rows repeated — and, for the first body row, no longer kept with the
 * header. Every other row stays whole.
 *
 * A chain of rows, each kept with the next, is laid out as one more unbreakable block around the rows'
 * own: pdfmake moves it to the next page whole. A chain taller than a page is noticed the same way as a
 * tall row and let go (its rows go their own ways) in the next layout.
 *
 * Written against pdfmake 0.3.11 (patches.ts). On any other version the patch is not applied and
 * `patchTallRows` says so: the PDF back-end then lets every row of every table break (nothing is lost,
 * rows may split).
 */
import { createRequire } from 'node:module';
import { patchApplies } from './patches.js';
import { patchRelayout } from './relayout.js';

const require = createRequire(import.meta.url);

interface TableNode {
  table: {
    keepWithHeaderRows?: number;
    dontBreakRows?: boolean;
    body: unknown[][];
    [KEEP_WITH_NEXT]?: ReadonlySet<number>;
  };
  [BREAKABLE]?: Set<number>;
  /** The first rows of chains found taller than a page. */
  [LOOSE]?: Set<number>;
}
interface Processor {
  tableNode: TableNode;
  dontBreakRows: boolean;
  headerRows?: number;
  rowsWithoutPageBreak: number;
  [KEEP]?: boolean;
  /** The first row of the chain being laid out. */
  [CHAIN]?: number;
}
interface Context {
  pages: unknown[];
  y: number;
  pageMargins: { top: number; bottom: number };
  getCurrentPage(): { pageSize: { height: number } };
}
interface Writer {
  transactionLevel: number;
  repeatables: Array<{ height: number }>;
  contextStack: Context[];
  context(): Context;
}

/**
 * The block being committed cannot fit on any page: it ran over the page of its own context, or it is
 * taller than a fresh page of the document leaves below the repeated header rows. pdfmake then keeps
 * only the block's first page, or drops the block altogether.
 */
function tooTall(writer: Writer): boolean {
  const block = writer.context();
  if (block.pages.length > 1) return true;
  const page = writer.contextStack[writer.contextStack.length - 1];
  if (!page) return false;
  const repeated = writer.repeatables.reduce((sum, r) => sum + r.height, 0);
  const room =
    page.getCurrentPage().pageSize.height - page.pageMargins.top - page.pageMargins.bottom - repeated;
  return block.y > room + 0.01;
}

const BREAKABLE = Symbol('jixiao.breakableRows');
/** On a pdfmake table definition: the rows kept on the page of the row after them. */
export const KEEP_WITH_NEXT = Symbol('jixiao.keepWithNext');
const LOOSE = Symbol('jixiao.looseChains');
const CHAIN = Symbol('jixiao.chain');
/** The table's own `dontBreakRows`, while a breakable row of it is laid out. */
const KEEP = Symbol('jixiao.dontBreakRows');

/** The rows being committed, innermost last (a table may sit in a cell of another). */
const committing: Array<{ processor: Processor; row: number; chain?: number }> = [];
/** Set by a layout that lost a row's overflow; read and cleared by `adjustTallRows`. */
let overflowed = false;
let patched: boolean | undefined;

/** Records that the row being committed did not fit on a page, so that the next layout splits it. */
function overflow(entry: { processor: Processor; row: number; chain?: number }): void {
  const { processor, row } = entry;
  const node = processor.tableNode;
  if (entry.chain !== undefined) {
    // Rows kept together that no page holds: they break as rows do.
    node[LOOSE] ??= new Set();
    node[LOOSE].add(entry.chain);
    overflowed = true;
    return;
  }
  const keep = node.table.keepWithHeaderRows ?? 0;
  if (processor.headerRows && row < processor.rowsWithoutPageBreak && keep > 0) {
    // The header and the first body row were one block: let the row go its own way first.
    node.table.keepWithHeaderRows = 0;
    overflowed = true;
    return;
  }
  if (processor.headerRows && row < processor.headerRows) return; // a header taller than a page
  if (row === 0) {
    // No header: the first row opens the table's own block, so this table's rows may all break.
    node.table.dontBreakRows = false;
    overflowed = true;
    return;
  }
  node[BREAKABLE] ??= new Set();
  if (!node[BREAKABLE].has(row)) {
    node[BREAKABLE].add(row);
    overflowed = true;
  }
}

/** Applies the patch once; false when pdfmake is not the version it was written against. */
export function patchTallRows(): boolean {
  if (patched !== undefined) return patched;
  patched = false;
  // Needs the relayout loop: an overflow found in one layout is split in the next.
  if (!patchApplies('tall-rows') || !patchRelayout()) return false;
  const TableProcessor = (
    require('pdfmake/js/TableProcessor.js') as {
      default: { prototype: Record<string, (...args: unknown[]) => unknown> };
    }
  ).default.prototype;
  const PageElementWriter = (
    require('pdfmake/js/PageElementWriter.js') as {
      default: { prototype: Record<string, (...args: unknown[]) => unknown> };
    }
  ).default.prototype;
  const { beginTable, beginRow, endRow } = TableProcessor;
  const { commitUnbreakableBlock } = PageElementWriter;
  if (!beginTable || !beginRow || !endRow || !commitUnbreakableBlock) return false;

  // A row's mode is set before pdfmake starts it (it reads `dontBreakRows` before `beginRow` too).
  const modeFor = (processor: Processor, row: number) => {
    if (row === 0) return; // the first row's mode is the table's (its block opened with the table)
    const keep = processor[KEEP] ?? processor.dontBreakRows;
    processor[KEEP] = keep;
    processor.dontBreakRows = keep && !processor.tableNode[BREAKABLE]?.has(row);
  };
  TableProcessor['beginTable'] = function (this: Processor, ...args: unknown[]) {
    this[KEEP] = undefined;
    this[CHAIN] = undefined;
    return beginTable.apply(this, args);
  };
  TableProcessor['beginRow'] = function (this: Processor, ...args: unknown[]) {
    const row = args[0] as number;
    const keep = this.tableNode.table[KEEP_WITH_NEXT];
    const writer = args[1] as Writer & { beginUnbreakableBlock(): void };
    // A chain opens at its first row, unless it was found taller than a page.
    if (keep?.has(row) && !keep.has(row - 1) && this.dontBreakRows && !this.tableNode[LOOSE]?.has(row)) {
      writer.beginUnbreakableBlock();
      this[CHAIN] = row;
    }
    return beginRow.apply(this, args);
  };
  TableProcessor['endRow'] = function (this: Processor, ...args: unknown[]) {
    const row = args[0] as number;
    const writer = args[1] as Writer & { commitUnbreakableBlock(): void };
    committing.push({ processor: this, row });
    try {
      const result = endRow.apply(this, args);
      const chain = this[CHAIN];
      const last = row === this.tableNode.table.body.length - 1;
      if (chain !== undefined && (last || !this.tableNode.table[KEEP_WITH_NEXT]?.has(row))) {
        this[CHAIN] = undefined;
        committing.push({ processor: this, row, chain });
        try {
          writer.commitUnbreakableBlock();
        } finally {
          committing.pop();
        }
      }
      return result;
    } finally {
      committing.pop();
      modeFor(this, row + 1);
    }
  };
  PageElementWriter['commitUnbreakableBlock'] = function (this: Writer, ...args: unknown[]) {
    const outermost = this.transactionLevel === 1 && args[0] === undefined && args[1] === undefined;
    const current = committing[committing.length - 1];
    if (outermost && current && tooTall(this)) overflow(current);
    return commitUnbreakableBlock.apply(this, args);
  };
  patched = true;
  return true;
}

/** After a layout: true when some row was cut short, so the document must be laid out again. */
export function adjustTallRows(): boolean {
  const again = overflowed;
  overflowed = false;
  return again;
}

/** After the last layout: throws when a row was still cut short (it must never be printed so). */
export function assertNoRowCut(): void {
  if (overflowed) {
    overflowed = false;
    throw new Error('表格中有一行高于一页，未能分页排版');
  }
}
