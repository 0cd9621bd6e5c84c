/**
 * File and folder names made from data (a unit's name, a content folder's name). Every name goes through
 * `portableName`, so an output path stays inside the output folder and can be copied to Windows, where
 * our users open the documents: no path separators or characters Windows forbids, no device names, no
 * trailing dots or spaces, and short enough for NTFS, ext4 (255 bytes, 3 a Chinese character) and a
 * Windows path of 260 characters.
 */

/** Characters Windows forbids in a name, replaced by their full-width forms (still readable in Chinese). */
const FULL_WIDTH: Record<string, string> = {
  '<': '＜',
  '>': '＞',
  ':': '：',
  '"': '＂',
  '/': '／',
  '\\': '＼',
  '|': '｜',
  '?': '？',
  '*': '＊',
};
const FORBIDDEN = /[<>:"/\\|?*]/g;
/** Control characters (tabs, line breaks…), line separators and bidirectional overrides. */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu;
/** Reserved device names: `CON.docx` is as unusable as `CON`. */
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

/** Longest name kept, before the extension: 60 Chinese characters, or 80 Latin ones. */
export const MAX_NAME_CHARS = 80;
export const MAX_NAME_BYTES = 180;

export interface PortableName {
  name: string;
  /** Why the name had to change (Chinese, for the finding); empty when it is used as it is. */
  reasons: string[];
}

export function portableName(original: string, fallback = '文书'): PortableName {
  const reasons: string[] = [];
  let name = original;
  if (FORBIDDEN.test(name)) {
    reasons.push('含有文件名不允许的字符 < > : " / \\ | ? *');
    name = name.replace(FORBIDDEN, (c) => FULL_WIDTH[c]!);
  }
  if (CONTROL.test(name)) {
    reasons.push('含有换行、制表符等控制字符');
    name = name.replace(CONTROL, ' ');
  }
  const trimmed = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (trimmed !== name) {
    reasons.push('开头或结尾是点或空格');
    name = trimmed;
  }
  if (name === '') {
    name = fallback;
  }
  if (RESERVED.test(name.split('.')[0]!.trimEnd())) {
    reasons.push('是 Windows 保留的设备名');
    name = `_${name}`;
  }
  if (name.length > MAX_NAME_CHARS || Buffer.byteLength(name) > MAX_NAME_BYTES) {
    reasons.push(`太长（最多 ${MAX_NAME_BYTES / 3} 个汉字或 ${MAX_NAME_CHARS} 个字母），中间部分已省略`);
    name = shortened(name);
  }
  return { name, reasons };
}

/**
 * Cuts the middle out of a long name, keeping its start (the year and unit) and its end (the document's
 * title and variant such as （汇总）), so names of one unit's documents stay distinct.
 */
function shortened(name: string): string {
  const chars = Array.from(name);
  const fits = (n: number) => {
    const head = chars.slice(0, Math.ceil(n / 2));
    const tail = chars.slice(chars.length - Math.floor(n / 2));
    const text = `${head.join('')}…${tail.join('')}`;
    return text.length <= MAX_NAME_CHARS && Buffer.byteLength(text) <= MAX_NAME_BYTES ? text : undefined;
  };
  for (let n = Math.min(chars.length, MAX_NAME_CHARS) - 1; n > 0; n--) {
    const text = fits(n);
    if (text) return text;
  }
  return chars.slice(0, 1).join('');
}

/** The key two names collide under on Windows (and macOS): case and Unicode composition do not count. */
export function collisionKey(segments: string[]): string {
  return segments.map((s) => s.normalize('NFC').toLowerCase()).join('/');
}
