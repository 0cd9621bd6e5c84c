import { figureHint } from '../model/fields.js';
import type { SheetFindings } from './sheet-findings.js';
import type { Sheet, SheetCell } from './workbook.js';

/**
 * Reading one cell as a content value, with the cell it came from. Amounts are kept as the sheet shows
 * them; a cell that cannot be read as the field needs is a finding at the cell, and nothing is put in
 * its place.
 */
export interface Sourced {
  value: string;
  row: number;
  col: number;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const PERCENT = /^\d+(\.\d+)?%$/;
const DASHES = new Set(['-', '－', '—', '–', '/']);

export function sourced(cell: SheetCell, value: string): Sourced {
  return { value, row: cell.row, col: cell.col };
}

/** Free text, trimmed; empty is undefined. */
export function readText(sheet: Sheet, row: number, col: number | undefined): Sourced | undefined {
  if (col === undefined) return undefined;
  const cell = sheet.at(row, col);
  const text = cell.text.replace(/\r\n?/g, '\n').trim();
  return text === '' ? undefined : sourced(cell, text);
}

export interface AmountOptions {
  /** The field's Chinese name, for the finding. */
  title: string;
  /** `-` (and its dash look-alikes) accepted as "none". */
  dash?: boolean;
}

/**
 * An amount in 万元: a number at its displayed decimals, or text that is a plain decimal as typed. Text
 * like 12.5万元, １２．５ or 1,234.5 is a finding that says how it should be written.
 */
export function readAmount(
  sheet: Sheet,
  row: number,
  col: number | undefined,
  opts: AmountOptions,
  out: SheetFindings,
): Sourced | undefined | 'bad' {
  if (col === undefined) return undefined;
  const cell = sheet.at(row, col);
  if (cell.number !== undefined) {
    if (cell.unsupportedFormat !== undefined) {
      out.error(
        'import-amount-format',
        sheet,
        row,
        col,
        `${opts.title}的数字格式“${cell.unsupportedFormat}”不是金额格式（如日期格式），无法确定表上显示的数字；请把该格式改为“数值”`,
        cell.text,
      );
      return 'bad';
    }
    if (cell.number < 0) {
      out.error(
        'import-amount-negative',
        sheet,
        row,
        col,
        `${opts.title}不能为负数（表上为 ${cell.text}）`,
        cell.text,
      );
      return 'bad';
    }
    return sourced(cell, cell.text);
  }
  const text = cell.text.trim();
  if (text === '') return undefined;
  if (DECIMAL.test(text)) return sourced(cell, text);
  if (opts.dash && DASHES.has(text)) return sourced(cell, '-');
  const normal = text.normalize('NFKC').replace(/\s+/g, '');
  const wan = /^(\d+(?:\.\d+)?)万元?$/.exec(normal);
  if (wan) {
    out.error(
      'import-amount-with-unit',
      sheet,
      row,
      col,
      `${opts.title}“${text}”是带“万元”的文字，不是数字；表中金额都以万元为单位，请在单元格中只填数字 ${wan[1]}（设为数值格式）`,
      text,
    );
    return 'bad';
  }
  const hint = figureHint(opts.title, text, 'money');
  out.error(
    'import-amount-text',
    sheet,
    row,
    col,
    hint ??
      `${opts.title}“${text}”不是金额；应为不带单位的数字，如 86.275${opts.dash ? '，没有时填“-”' : ''}`,
    text,
  );
  return 'bad';
}

/** A rate as the sheet shows it: 99.9% (a number formatted as percent, or text typed so). */
export function readPercent(sheet: Sheet, row: number, col: number | undefined): Sourced | undefined | 'bad' {
  if (col === undefined) return undefined;
  const cell = sheet.at(row, col);
  const text = cell.text.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return undefined;
  return PERCENT.test(text) ? sourced(cell, text) : 'bad';
}
