import { type Finding, SEVERITY_LABEL } from './finding.js';

/** Source text by file path, so a finding can show its line with a caret under the value. */
export type SourceLookup = (file: string) => string | undefined;

/**
 * Formats one finding the way design.md shows it:
 *   file:line:col 错误 message
 *      41 |   previous line
 *      42 |     offending line
 *         |             ^
 */
export function formatFinding(finding: Finding, sources: SourceLookup): string {
  const where = finding.at ? `${finding.at.file}:${finding.at.line}:${finding.at.col} ` : '';
  const lines = [`${where}${SEVERITY_LABEL[finding.severity]} ${terminalSafe(finding.message)}`];
  if (!finding.at) return lines[0]!;
  const text = sources(finding.at.file);
  if (text === undefined) return lines[0]!;
  const all = text.split(/\r?\n/);
  const lineNo = finding.at.line;
  const width = String(lineNo).length + 2;
  const gutter = (n: number | '') => `${String(n).padStart(width)} | `;
  if (lineNo >= 2 && all[lineNo - 2] !== undefined && all[lineNo - 2]!.trim() !== '') {
    lines.push(gutter(lineNo - 1) + terminalSafe(excerptLine(all[lineNo - 2]!, 0).text));
  }
  const current = all[lineNo - 1];
  if (current !== undefined) {
    const excerpt = excerptLine(current, finding.at.col - 1);
    const shown = terminalSafe(excerpt.text);
    const index = terminalSafe(excerpt.text.slice(0, excerpt.index)).length;
    lines.push(gutter(lineNo) + shown);
    lines.push(`${gutter('') + caretPadding(shown, index)}^`);
  }
  return lines.join('\n');
}

/**
 * Characters a terminal acts on rather than shows: C0 and C1 controls other than tab and newline (ESC
 * starts colour, cursor and title sequences) and the bidirectional controls, which reorder the line.
 */
const TERMINAL_UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text as printed on a terminal: unsafe characters written as escapes (`\x1b`, `\u202e`) so they are seen. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (ch) => {
    const cp = ch.charCodeAt(0);
    return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/** Longest source line shown in full; a longer one (a 10 MB value) is cut to a window around the caret. */
const MAX_SHOWN = 160;

function excerptLine(line: string, index: number): { text: string; index: number } {
  if (line.length <= MAX_SHOWN) return { text: line, index };
  const start = Math.max(0, Math.min(index - MAX_SHOWN / 2, line.length - MAX_SHOWN));
  const head = start > 0 ? '…' : '';
  const tail = start + MAX_SHOWN < line.length ? '…' : '';
  return { text: head + line.slice(start, start + MAX_SHOWN) + tail, index: index - start + head.length };
}

/** Pads to the display column of `index`: CJK and full-width characters take two cells, tabs stay tabs. */
function caretPadding(line: string, index: number): string {
  let pad = '';
  const chars = Array.from(line.slice(0, index));
  for (const ch of chars) {
    if (ch === '\t') pad += '\t';
    else pad += isWide(ch) ? '  ' : ' ';
  }
  return pad;
}

function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
