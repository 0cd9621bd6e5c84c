import type { z } from 'zod';
import type { Findings } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import { UnitContent } from '../model/content.js';
import { Project } from '../model/projects.js';
import { knownKeys, nearestTitle, schemaAt, titleOf } from './schema-walk.js';
import { closest } from './suggest.js';

/**
 * The parts of a unit that validated on their own when the unit as a whole did not, so the checks that
 * read only them still run in the same pass (a 调剂 mismatch is reported beside a malformed 填报日期).
 */
export type ValidParts = {
  [K in Exclude<keyof UnitContent, 'projects'>]?: UnitContent[K];
} & {
  /** The projects that validated, with their index in the unit's project list (for positions). */
  projects: Array<{ index: number; project: Project }>;
  /** True when every project validated: checks across projects (调剂 pairs) need all of them. */
  allProjects: boolean;
};

export type ValidatedUnit = { content: UnitContent } | { content: undefined; parts: ValidParts };

/** Validates one unit's merged data against the content model; every zod issue becomes a positioned finding. */
export function validateUnit(unit: LoadedUnit, findings: Findings): ValidatedUnit {
  const result = UnitContent.safeParse(unit.data);
  if (result.success) return { content: result.data };
  for (const issue of result.error.issues) reportIssue(unit, issue, findings);
  return { content: undefined, parts: validParts(unit.data, result.error.issues) };
}

/** Each top-level part without an issue, parsed alone; of `projects`, each project without an issue. */
function validParts(data: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): ValidParts {
  const failed = new Set(issues.filter((i) => i.path.length > 0).map((i) => String(i.path[0])));
  const parts: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(UnitContent.shape)) {
    if (key === 'projects' || failed.has(key) || data[key] === undefined) continue;
    const parsed = (schema as z.ZodType).safeParse(data[key]);
    if (parsed.success) parts[key] = parsed.data;
  }
  const raw = Array.isArray(data['projects']) ? (data['projects'] as unknown[]) : [];
  const badProjects = new Set(
    issues.filter((i) => i.path[0] === 'projects').map((i) => (i.path.length > 1 ? i.path[1] : 'all')),
  );
  const projects: ValidParts['projects'] = [];
  if (!badProjects.has('all')) {
    raw.forEach((item, index) => {
      if (badProjects.has(index)) return;
      const parsed = Project.safeParse(item);
      if (parsed.success) projects.push({ index, project: parsed.data });
    });
  }
  return { ...(parts as Partial<UnitContent>), projects, allProjects: projects.length === raw.length };
}

function describeFound(source: string | undefined): string {
  if (source === undefined || source === '') return '空值';
  const oneLine = source.replace(/\s+/g, ' ');
  return `“${oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine}”`;
}

function reportIssue(unit: LoadedUnit, issue: z.core.$ZodIssue, findings: Findings): void {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const candidates = knownKeys(schemaAt(UnitContent, path));
    const place = nearestTitle(UnitContent, path) ?? '此处';
    for (const key of issue.keys) {
      const guess = closest(key, candidates);
      const hint = guess
        ? `。是否应为“${guess.key}”${guess.title ? `（${guess.title}）` : ''}？`
        : `。可用的字段：${candidates.map((c) => c.key).join('、')}`;
      findings.error(
        'unknown-key',
        `未知字段“${key}”（在${place}中）${hint}`,
        unit.locateKey(path, key) ?? unit.locate(path)?.at,
        {
          field: place,
          found: key,
          ...(guess ? { expected: guess.key } : {}),
        },
      );
    }
    return;
  }
  const located = unit.locate(path);
  const field = titleOf(schemaAt(UnitContent, path)) ?? String(path[path.length - 1] ?? '内容');
  const key = String(path[path.length - 1] ?? '');
  if (located?.missing && issue.code === 'invalid_type') {
    const holder = nearestTitle(UnitContent, path.slice(0, -1)) ?? '内容';
    findings.error('missing-field', `${holder}缺少必填字段“${field}”（${key}）`, located.at, {
      field,
      expected: key,
    });
    return;
  }
  // A key written with no value (`budget:`), as `jixiao init` leaves figures for the new year: say what to
  // fill in rather than what the empty value is not.
  if (located && !located.missing && located.source === '' && issue.code === 'invalid_type') {
    findings.error('empty-field', `${field}尚未填写（${key}）：请在冒号后填写${field}`, located.at, {
      field,
      expected: key,
      found: '',
    });
    return;
  }
  let message = issue.message;
  if (issue.code === 'invalid_type' && /^Invalid input/.test(message)) {
    message = `${field}的格式不正确`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'array')
    message = `${field}应为列表（每项以“- ”开头）`;
  if (issue.code === 'invalid_type' && issue.expected === 'object')
    message = `${field}应为“键: 值”形式的一组字段`;
  const found = located?.source;
  findings.error(
    `invalid-${issue.code.replace(/_/g, '-')}`,
    `${message}，实际为${describeFound(found)}`,
    located?.at,
    {
      field,
      ...(found !== undefined ? { found } : {}),
    },
  );
}
