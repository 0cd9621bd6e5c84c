/**
 * Same input, same bytes: the date a document carries comes from SOURCE_DATE_EPOCH or the content,
 * never the clock; the DOCX's core.xml dates and zip entry times are rewritten to it.
 */
import { editXml, XmlEditError } from './xml-edit.js';
import { type ZipEntry, zipFiles } from './zip.js';

const CORE = 'docProps/core.xml';

/** Used when neither SOURCE_DATE_EPOCH nor the content gives a date. */
export const DEFAULT_DATE = new Date('2000-01-01T00:00:00Z');

/**
 * The build date: SOURCE_DATE_EPOCH (seconds) when set, else the content's ISO date (YYYY-MM-DD, at
 * midnight UTC), else DEFAULT_DATE.
 */
export function buildDate(contentDate?: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && epoch.trim() !== '') {
    if (!/^\d+$/.test(epoch.trim())) throw new Error(`SOURCE_DATE_EPOCH 应为秒数（整数），却是“${epoch}”`);
    return new Date(Number(epoch.trim()) * 1000);
  }
  if (contentDate) {
    const d = new Date(`${contentDate}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return DEFAULT_DATE;
}

/** W3CDTF without milliseconds, as Word writes it. */
function w3c(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Zip (DOS) times cover 1980–2107 (fflate writes up to 2099); times are written as UTC wall-clock so the
 * bytes do not depend on TZ.
 */
function zipTime(date: Date): Date {
  const min = Date.UTC(1980, 0, 1, 12);
  const max = Date.UTC(2099, 11, 31);
  const t = Math.min(Math.max(date.getTime(), min), max);
  const u = new Date(t);
  return new Date(
    u.getUTCFullYear(),
    u.getUTCMonth(),
    u.getUTCDate(),
    u.getUTCHours(),
    u.getUTCMinutes(),
    u.getUTCSeconds(),
  );
}

/**
 * Zips an Office Open XML package's files (a DOCX from render/docx, an XLSX from render/xlsx) so the bytes depend only on its content and `date`:
 * entries in name order with `date` as their time, and core.xml's dates set to it.
 */
export function reproducibleDocx(parts: ReadonlyMap<string, Uint8Array | string>, date: Date): Buffer {
  const stamp = w3c(date);
  const mtime = zipTime(date);
  const entries: ZipEntry[] = [];
  // [Content_Types].xml first, as Office writes it; the rest in name order.
  const names = [...parts.keys()].sort();
  const first = names.indexOf('[Content_Types].xml');
  if (first > 0) names.unshift(...names.splice(first, 1));
  if (!parts.has(CORE)) throw new XmlEditError(CORE);
  for (const name of names) {
    let data = parts.get(name)!;
    if (name === CORE) {
      let xml = typeof data === 'string' ? data : new TextDecoder().decode(data);
      xml = editXml(xml, CORE, /(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`);
      data = editXml(xml, CORE, /(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    entries.push({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data });
  }
  return zipFiles(entries, mtime);
}
