/**
 * Characters that must not reach a document: C0/C1 control characters other than tab and newline (XML 1.0,
 * and so DOCX, forbids most of them; a PDF prints them as empty boxes), the bidirectional embedding,
 * override and isolate controls (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C),
 * which silently reorder the text around them, and what is not a character at all (lone surrogates,
 * U+FFFE, U+FFFF). They are removed where the text is loaded, with a warning at the value.
 */

const UNWANTED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface Cleaned {
  text: string;
  /** The removed characters as `U+XXXX`, each once, in order of appearance. */
  removed: string[];
  /** Index in the original text of the first removed character. */
  first: number;
}

/** Lone carriage returns become newlines; unwanted characters are removed. Undefined: nothing to clean. */
export function cleanText(text: string): Cleaned | undefined {
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  UNWANTED.lastIndex = 0;
  const first = normalised.search(UNWANTED);
  if (first < 0) return normalised === text ? undefined : { text: normalised, removed: [], first: -1 };
  const removed = new Set<string>();
  const cleaned = normalised.replace(UNWANTED, (ch) => {
    removed.add(codePointLabel(ch.charCodeAt(0)));
    return '';
  });
  return { text: cleaned, removed: [...removed], first: text.search(UNWANTED) };
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The Chinese message for a value that had unwanted characters removed. */
export function cleanedMessage(removed: string[]): string {
  const shown = removed.slice(0, 5).join('、') + (removed.length > 5 ? ' 等' : '');
  return `文字中含有不可见的控制字符或双向文字控制符（${shown}），已删除；这类字符常由复制粘贴带入，会使文档无法打开或文字顺序错乱`;
}
