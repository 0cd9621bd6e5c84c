/**
 * Opening a workbook for import: the bytes are told apart first (an encrypted workbook is an OLE
 * compound file, not a zip, and exceljs would only say "end of central directory"), then exceljs reads
 * the sheets, and each sheet becomes a grid of cells in which a merged area answers with its first cell.
 */
import ExcelJS from 'exceljs';
import { displayNumber } from './number-format.js';

export interface SheetCell {
  row: number;
  col: number;
  /** What the cell shows: text as typed, a number at its number format; '' when empty. */
  text: string;
  /** The stored number, for a number (or a formula's number result). */
  number?: number;
  /** Set when the number's format is not a decimal or percent one (a date, a fraction). */
  unsupportedFormat?: string;
  /** A formula's text, when the cell holds one. */
  formula?: string;
  /** The merged area's first cell, when this cell lies inside a merge (itself included). */
  master?: { row: number; col: number };
  /** Last row and column of the merge this cell starts. */
  mergeEnd?: { row: number; col: number };
}

export interface Sheet {
  name: string;
  rowCount: number;
  colCount: number;
  /** Cell (row, col), 1-based; a cell inside a merge answers with the merge's first cell's content. */
  at(row: number, col: number): SheetCell;
}

export type OpenResult =
  | { ok: true; sheets: Sheet[] }
  | { ok: false; code: 'not-a-workbook' | 'encrypted-workbook' | 'legacy-xls'; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => data[i] === b);
}

/** An OLE compound file holding an encrypted OOXML package names its EncryptedPackage stream. */
function holdsEncryptedPackage(data: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(name);
}

/** Largest grid read: a sheet formatted down to row 1,048,576 is read as far as it has content. */
const MAX_ROWS = 20_000;
const MAX_COLS = 200;

export async function openWorkbook(data: Uint8Array): Promise<OpenResult> {
  if (startsWith(data, CFB)) {
    return holdsEncryptedPackage(data)
      ? {
          ok: false,
          code: 'encrypted-workbook',
          message:
            '工作簿设有打开密码（已加密），无法读取；请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再导入',
        }
      : {
          ok: false,
          code: 'legacy-xls',
          message: '这是旧版 Excel 97–2003 工作簿（.xls），无法读取；请在 Excel 中另存为 .xlsx 后再导入',
        };
  }
  const notWorkbook = {
    ok: false as const,
    code: 'not-a-workbook' as const,
    message:
      '不是 Excel 工作簿（.xlsx）：文件内容无法作为工作簿读取；请确认选择的是用 Excel 或 WPS 保存的 .xlsx 文件',
  };
  if (!startsWith(data, ZIP)) return notWorkbook;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as never);
  } catch {
    return notWorkbook;
  }
  // A zip that is not a workbook (a .docx renamed) loads as a workbook without sheets.
  if (workbook.worksheets.length === 0) return notWorkbook;
  return { ok: true, sheets: workbook.worksheets.map(toSheet) };
}

function toSheet(ws: ExcelJS.Worksheet): Sheet {
  const rowCount = Math.min(ws.rowCount, MAX_ROWS);
  const colCount = Math.min(ws.columnCount, MAX_COLS);
  const ends = new Map<string, { row: number; col: number }>();
  // exceljs keeps merges as ranges keyed by their first cell.
  const merges = (ws as unknown as { _merges: Record<string, { model: MergeModel }> })._merges ?? {};
  for (const range of Object.values(merges)) {
    const m = range.model;
    ends.set(`${m.top}:${m.left}`, { row: m.bottom, col: m.right });
  }
  const cache = new Map<string, SheetCell>();
  const at = (row: number, col: number): SheetCell => {
    const key = `${row}:${col}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const cell = readCell(ws, row, col, ends);
    cache.set(key, cell);
    return cell;
  };
  return { name: ws.name, rowCount, colCount, at };
}

interface MergeModel {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readCell(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  ends: Map<string, { row: number; col: number }>,
): SheetCell {
  const own = ws.findCell(row, col);
  const source = own?.isMerged ? own.master : own;
  const out: SheetCell = { row, col, text: '' };
  if (own?.isMerged && source) out.master = { row: Number(source.row), col: Number(source.col) };
  const end = ends.get(`${row}:${col}`);
  if (end) out.mergeEnd = end;
  if (!source) return out;
  Object.assign(out, contentOf(source));
  return out;
}

type CellContent = Pick<SheetCell, 'text' | 'number' | 'unsupportedFormat' | 'formula'>;

function contentOf(cell: ExcelJS.Cell): CellContent {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return numberContent(v, cell.numFmt);
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return { text: (o.richText as Array<{ text: string }>).map((r) => r.text).join('') };
    if ('formula' in o || 'sharedFormula' in o) {
      const formula = String(o.formula ?? o.sharedFormula ?? '');
      const result = o.result;
      if (typeof result === 'number') return { ...numberContent(result, cell.numFmt), formula };
      if (typeof result === 'string') return { text: result, formula };
      return { text: '', formula };
    }
    if (typeof o.text === 'string') return { text: o.text };
    if ('error' in o) return { text: String(o.error) };
  }
  return { text: String(v) };
}

function numberContent(value: number, format: string | undefined): CellContent {
  const shown = displayNumber(value, format);
  return 'text' in shown
    ? { text: shown.text, number: value }
    : { text: String(value), number: value, unsupportedFormat: shown.unsupported };
}

/** `D7`, `AA12`. */
export function cellName(row: number, col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** `Sheet1!D7`, `'年度 表'!D7`: the sheet quoted the way Excel quotes it when its name needs it. */
export function cellRef(sheet: string, row: number, col: number): string {
  return `${sheetPrefix(sheet)}${cellName(row, col)}`;
}

export function rangeRef(
  sheet: string,
  from: { row: number; col: number },
  to: { row: number; col: number },
): string {
  return `${sheetPrefix(sheet)}${cellName(from.row, from.col)}:${cellName(to.row, to.col)}`;
}

function sheetPrefix(sheet: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(sheet) && !/^\d/.test(sheet)
    ? `${sheet}!`
    : `'${sheet.replace(/'/g, "''")}'!`;
}
