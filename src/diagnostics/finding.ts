/**
 * Findings are data: every problem jixiao reports (content, framework, template) is a Finding with
 * a position, so the CLI can print it for people and `--json` can print it for tools.
 */
export type Severity = 'error' | 'warning';

export interface SourcePosition {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** 1-based line and column of the offending value. */
  line: number;
  col: number;
}

export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. `unknown-key`, `total-mismatch`. */
  code: string;
  /** The Chinese message the author reads. */
  message: string;
  /** Where the offending value is; absent only for problems that have no place in a file. */
  at?: SourcePosition;
  /** The Chinese name of the field concerned, when there is one. */
  field?: string;
  expected?: string;
  found?: string;
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告' };

/** Collects findings over a whole run; nothing stops at the first problem. */
export class Findings {
  readonly items: Finding[] = [];

  add(finding: Finding): void {
    this.items.push(bounded(finding));
  }

  error(code: string, message: string, at?: SourcePosition, extra: Partial<Finding> = {}): void {
    this.add({ severity: 'error', code, message, ...(at ? { at } : {}), ...extra });
  }

  warning(code: string, message: string, at?: SourcePosition, extra: Partial<Finding> = {}): void {
    this.add({ severity: 'warning', code, message, ...(at ? { at } : {}), ...extra });
  }

  get errorCount(): number {
    return this.items.filter((f) => f.severity === 'error').length;
  }

  get warningCount(): number {
    return this.items.filter((f) => f.severity === 'warning').length;
  }

  /** Findings in file, line, column order so output is stable run to run. */
  sorted(): Finding[] {
    return [...this.items].sort(compareFindings);
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.at?.file ?? '';
  const fb = b.at?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.at?.line ?? 0;
  const lb = b.at?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.at?.col ?? 0;
  const cb = b.at?.col ?? 0;
  if (ca !== cb) return ca - cb;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Longest quoted value a message keeps whole; a longer one (a pasted 10 MB cell) is shortened. */
const MAX_QUOTED = 80;
const MAX_MESSAGE = 2000;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 21).join('')}…${chars.slice(-20).join('')}`;
}

/** A finding whose message quotes a huge value, or whose found/expected is huge, is cut to readable size. */
function bounded(finding: Finding): Finding {
  const long = (s: string | undefined) => s !== undefined && s.length > MAX_QUOTED;
  if (finding.message.length <= MAX_MESSAGE / 4 && !long(finding.found) && !long(finding.expected))
    return finding;
  let message = finding.message.replace(
    /“([^”]*)”/g,
    (_, inner: string) => `“${shorten(inner, MAX_QUOTED)}”`,
  );
  message = shorten(message, MAX_MESSAGE);
  return {
    ...finding,
    message,
    ...(finding.found !== undefined ? { found: shorten(finding.found, MAX_QUOTED * 2) } : {}),
    ...(finding.expected !== undefined ? { expected: shorten(finding.expected, MAX_QUOTED * 2) } : {}),
  };
}
