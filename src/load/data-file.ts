import { readFileSync } from 'node:fs';
import type { core, z } from 'zod';
import type { Findings } from '../diagnostics/finding.js';
import { knownKeys, nearestTitle, schemaAt, titleOf } from '../validate/schema-walk.js';
import { closest } from '../validate/suggest.js';
import { displayPath } from './content-tree.js';
import { locateInFile, locateKey } from './locate.js';
import { parseYamlFile, toPlainData, type YamlFile } from './yaml-file.js';

/**
 * The files a clerk copies and edits besides content — frameworks, rule sets, form declarations — are
 * read like content: YAML with positions, validated by a zod schema with Chinese titles, every mistake a
 * finding at file:line:col (an unknown key with a did-you-mean).
 */
export interface DataFileKind<S extends z.ZodType> {
  schema: S;
  /** Finding codes start with it: `framework`, `rule-set`, `form`. */
  code: string;
  /** What the file is, in Chinese: 评价框架, 评分规则, 文书声明. */
  label: string;
}

export function loadDataFile<S extends z.ZodType>(
  absolute: string,
  kind: DataFileKind<S>,
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
): { file: YamlFile; data: z.infer<S> } | undefined {
  const shown = displayPath(absolute, cwd);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    findings.error(`${kind.code}-unreadable`, `无法读取${kind.label}文件 ${shown}`, {
      file: shown,
      line: 1,
      col: 1,
    });
    return undefined;
  }
  sources?.set(shown, text);
  const file = parseYamlFile(shown, text, findings);
  if (!file) return undefined;
  const plain = toPlainData(file, findings);
  if (plain === undefined) return undefined;
  const parsed = kind.schema.safeParse(plain);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(file, issue, kind, findings);
    return undefined;
  }
  return { file, data: parsed.data };
}

function describeFound(source: string | undefined): string {
  if (source === undefined || source === '') return '空值';
  const oneLine = source.replace(/\s+/g, ' ');
  return `“${oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine}”`;
}

function reportIssue<S extends z.ZodType>(
  file: YamlFile,
  issue: core.$ZodIssue,
  kind: DataFileKind<S>,
  findings: Findings,
): void {
  const p = issue.path;
  const schema = kind.schema as unknown as core.$ZodType;
  if (issue.code === 'unrecognized_keys') {
    const candidates = knownKeys(schemaAt(schema, p));
    for (const key of issue.keys) {
      const guess = closest(key, candidates);
      const hint = guess
        ? `。是否应为“${guess.key}”${guess.title ? `（${guess.title}）` : ''}？`
        : candidates.length
          ? `。可用的字段：${candidates.map((c) => c.key).join('、')}`
          : '';
      findings.error(
        `${kind.code}-unknown-key`,
        `${kind.label}中的未知字段“${key}”（在${nearestTitle(schema, p) ?? '此处'}中）${hint}`,
        locateKey(file, p, key) ?? locateInFile(file, p).at,
        { found: key, ...(guess ? { expected: guess.key } : {}) },
      );
    }
    return;
  }
  const located = locateInFile(file, p);
  const key = String(p[p.length - 1] ?? '');
  const field = titleOf(schemaAt(schema, p)) ?? key;
  if (located.missing && issue.code === 'invalid_type') {
    const holder = nearestTitle(schema, p.slice(0, -1)) ?? kind.label;
    findings.error(`${kind.code}-missing-field`, `${holder}缺少必填字段“${field}”（${key}）`, located.at, {
      field,
      expected: key,
    });
    return;
  }
  let message = issue.message;
  if (/^Invalid/.test(message)) message = `${field}的格式不正确`;
  findings.error(
    `${kind.code}-invalid-${issue.code.replace(/_/g, '-')}`,
    `${kind.label}中${message}，实际为${describeFound(located.source)}`,
    located.at,
    { field, ...(located.source !== undefined ? { found: located.source } : {}) },
  );
}
