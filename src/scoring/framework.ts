import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { core } from 'zod';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import { loadDataFile } from '../load/data-file.js';
import { type DataPath, locateInFile } from '../load/locate.js';
import type { YamlFile } from '../load/yaml-file.js';
import { Evidence } from '../model/evidence.js';
import { type Decimal, dec, sum } from '../money/decimal.js';
import { knownKeys, schemaAt, titleOf } from '../validate/schema-walk.js';
import { closest } from '../validate/suggest.js';
import { namedDataFiles } from './named-files.js';
import {
  FrameworkFile,
  type IndicatorNode,
  type Measure,
  type Quantity,
  type Rule,
  type Tier,
} from './schema.js';

/** One indicator of a loaded framework, with where it is written. */
export interface FrameworkNode {
  name: string;
  /** 1 = 一级指标, 2 = 二级指标, 3 = 三级指标 (or deeper). */
  level: number;
  weight: Decimal;
  /** The weight as written in the framework file ("1.5"), for printing. */
  weightText: string;
  description: string | undefined;
  standard: string | undefined;
  rule: Rule | undefined;
  children: FrameworkNode[];
  /** Data path of this node inside the framework file. */
  path: DataPath;
}

export interface Framework {
  /** File name without extension: what `evaluation.framework` names. */
  id: string;
  name: string;
  total: Decimal;
  totalText: string;
  roots: FrameworkNode[];
  /** Every leaf in table order. */
  leaves: FrameworkNode[];
  /** 附注: printed under the scoring table's 总得分 row, one item each; none when the file has none. */
  notes: readonly string[];
  file: YamlFile;
  /** False when the framework has errors that make its scores meaningless (a leaf without a rule…). */
  usable: boolean;
  at(path: DataPath): SourcePosition;
}

/** The frameworks shipped with the package (`<package>/frameworks`). */
export const PACKAGE_FRAMEWORKS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../frameworks',
);

/** Parses a number or percentage threshold ("90%" → 0.9, "1.5" → 1.5). */
export function thresholdValue(text: string): Decimal {
  return text.endsWith('%') ? dec(text.slice(0, -1)).div(100) : dec(text);
}

/**
 * Loads every framework a run may use (see namedDataFiles). Problems in a framework file become findings
 * at its lines; the ids of files that did not load go to `broken`.
 */
export function loadFrameworks(
  projectDir: string,
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
  broken?: Set<string>,
): Map<string, Framework> {
  const out = new Map<string, Framework>();
  for (const [id, file] of namedDataFiles(projectDir, 'frameworks', PACKAGE_FRAMEWORKS)) {
    const fw = loadFrameworkFile(file, findings, sources, cwd);
    if (fw) out.set(id, fw);
    else broken?.add(id);
  }
  return out;
}

/** Loads and checks one framework file. */
export function loadFrameworkFile(
  absolute: string,
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
): Framework | undefined {
  const loaded = loadDataFile(
    absolute,
    { schema: FrameworkFile, code: 'framework', label: '评价框架' },
    findings,
    sources,
    cwd,
  );
  if (!loaded) return undefined;
  const { file } = loaded;
  const f = loaded.data.framework;
  const at = (p: DataPath) => locateInFile(file, p).at;
  const build = (node: IndicatorNode, level: number, p: DataPath): FrameworkNode => ({
    name: node.name,
    level,
    weight: dec(node.weight),
    weightText: node.weight,
    description: node.description,
    standard: node.standard,
    rule: node.rule,
    children: (node.children ?? []).map((c, i) => build(c, level + 1, [...p, 'children', i])),
    path: p,
  });
  const roots = f.indicators.map((n, i) => build(n, 1, ['framework', 'indicators', i]));
  const leaves: FrameworkNode[] = [];
  const walk = (n: FrameworkNode): void => {
    if (n.children.length) n.children.forEach(walk);
    else leaves.push(n);
  };
  roots.forEach(walk);
  const framework: Framework = {
    id: path.basename(absolute).replace(/\.ya?ml$/, ''),
    name: f.name,
    total: dec(f.total),
    totalText: f.total,
    roots,
    leaves,
    notes: f.notes ?? [],
    file,
    usable: true,
    at,
  };
  framework.usable = checkFramework(framework, findings);
  return framework;
}

type AnySchema = core.$ZodType;
function defOf(schema: AnySchema | undefined): { type: string } & Record<string, unknown> {
  let s = schema;
  // Look through optional/default/pipe wrappers to the value's own type.
  for (let i = 0; s && i < 8; i++) {
    const d = (s as unknown as { _zod: { def: { type: string } & Record<string, unknown> } })._zod.def;
    if (['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(d.type))
      s = d['innerType'] as AnySchema;
    else if (d.type === 'pipe') s = d['in'] as AnySchema;
    else return d;
  }
  return { type: 'unknown' };
}

/** What an evidence path holds, by the content schema. */
type FieldKind = 'number' | 'level' | 'group' | 'unknown';

/** Resolves an evidence path against the content model: its Chinese title and kind, or a did-you-mean. */
export function evidenceField(
  dotted: string,
): { ok: true; title: string; kind: FieldKind; levels?: string[] } | { ok: false; message: string } {
  const segs = dotted.split('.');
  for (let i = 1; i <= segs.length; i++) {
    const s = schemaAt(Evidence as unknown as AnySchema, segs.slice(0, i));
    if (!s) {
      const parent = schemaAt(Evidence as unknown as AnySchema, segs.slice(0, i - 1));
      const candidates = knownKeys(parent);
      const guess = closest(segs[i - 1]!, candidates);
      const prefix = segs.slice(0, i - 1).join('.');
      const suggestion = guess ? `${prefix ? `${prefix}.` : ''}${guess.key}` : undefined;
      return {
        ok: false,
        message: `佐证数据中没有字段“${dotted}”${
          suggestion ? `。是否应为“${suggestion}”${guess?.title ? `（${guess.title}）` : ''}？` : ''
        }`,
      };
    }
  }
  const schema = schemaAt(Evidence as unknown as AnySchema, segs)!;
  const title = titleOf(schema) ?? dotted;
  const d = defOf(schema);
  if (d.type === 'enum') {
    const entries = d['entries'] as Record<string, string>;
    return { ok: true, title, kind: 'level', levels: Object.values(entries) };
  }
  if (d.type === 'object') return { ok: true, title, kind: 'group' };
  if (d.type === 'string' || d.type === 'number') return { ok: true, title, kind: 'number' };
  return { ok: true, title, kind: 'unknown' };
}

/** 一级 … 四级: the level names the appendix prints. */
export const LEVEL_NAMES = ['一级', '二级', '三级', '四级'] as const;
/** The deepest unit framework the appendix lays out. */
export const MAX_UNIT_DEPTH = LEVEL_NAMES.length;

interface Nested {
  children?: readonly Nested[] | undefined;
}

/** How many levels a framework has: the level of its deepest leaf. */
export function frameworkDepth(roots: readonly Nested[]): number {
  const depthOf = (n: Nested): number => 1 + Math.max(0, ...(n.children ?? []).map(depthOf));
  return Math.max(0, ...roots.map(depthOf));
}

/** Structural checks; returns false when scores from this framework cannot be trusted at all. */
function checkFramework(fw: Framework, findings: Findings): boolean {
  let usable = true;
  const fail = (code: string, message: string, p: DataPath) => findings.error(code, message, fw.at(p));
  const rootSum = sum(fw.roots.map((r) => r.weight));
  if (!rootSum.eq(fw.total)) {
    findings.error(
      'framework-total-mismatch',
      `评价框架“${fw.name}”的一级指标分值合计为 ${rootSum.toFixed()}，与总分 ${fw.totalText} 不符`,
      fw.at(['framework', 'total']),
      { field: '总分', expected: rootSum.toFixed(), found: fw.totalText },
    );
  }
  const seen = new Map<string, FrameworkNode>();
  const levelName = (n: FrameworkNode) => `${LEVEL_NAMES[n.level - 1] ?? `${n.level}级`}指标`;
  // The report's appendix gives each level a name and a 参考分值 column: 2 to 4 levels fit on the page.
  // A leaf above the deepest level is fine (its cell spans the levels it lacks).
  const depth = frameworkDepth(fw.roots);
  if (depth === 1) {
    usable = false;
    for (const r of fw.roots)
      fail(
        'framework-depth',
        `一级指标“${r.name}”没有下级指标；部门整体评价框架至少要分到二级（附件评分表按一级、二级……指标排版）`,
        [...r.path, 'name'],
      );
  }
  const visit = (n: FrameworkNode) => {
    if (n.level > MAX_UNIT_DEPTH) {
      usable = false;
      fail(
        'framework-depth',
        `“${n.name}”是第 ${n.level} 级指标；部门整体评价框架的指标最多分到四级（附件评分表按一级至四级指标排版），请把它并入上级指标`,
        [...n.path, 'name'],
      );
      return;
    }
    if (n.children.length) {
      const childSum = sum(n.children.map((c) => c.weight));
      if (!childSum.eq(n.weight)) {
        findings.error(
          'framework-weight-mismatch',
          `${levelName(n)}“${n.name}”的参考分值为 ${n.weightText}，其下${levelName(n.children[0]!)}分值合计为 ${childSum.toFixed()}（${n.children.map((c) => `${c.name} ${c.weightText}`).join(' + ')}）`,
          fw.at([...n.path, 'weight']),
          { field: '参考分值', expected: childSum.toFixed(), found: n.weightText },
        );
      }
      if (n.rule)
        fail('framework-rule-on-parent', `“${n.name}”有下级指标，不应有评分规则（rule）`, [
          ...n.path,
          'rule',
        ]);
      n.children.forEach(visit);
      return;
    }
    const dup = seen.get(n.name);
    if (dup) {
      usable = false;
      fail('framework-duplicate-leaf', `指标名称“${n.name}”重复；自评按名称填写得分，名称须唯一`, [
        ...n.path,
        'name',
      ]);
    }
    seen.set(n.name, n);
    if (!n.rule) {
      usable = false;
      fail('framework-leaf-without-rule', `${levelName(n)}“${n.name}”没有评分规则（rule）`, [
        ...n.path,
        'name',
      ]);
      return;
    }
    if (!checkRule(fw, n.rule, n.weight, n.name, [...n.path, 'rule'], findings)) usable = false;
  };
  fw.roots.forEach(visit);
  return usable;
}

function checkRule(
  fw: Framework,
  rule: Rule,
  weight: Decimal,
  name: string,
  p: DataPath,
  findings: Findings,
): boolean {
  let ok = true;
  const err = (
    code: string,
    message: string,
    at: DataPath,
    extra: { expected?: string; found?: string } = {},
  ) => {
    ok = false;
    findings.error(code, message, fw.at(at), extra);
  };
  const checkPath = (dotted: string, want: FieldKind, at: DataPath) => {
    const f = evidenceField(dotted);
    if (!f.ok) return err('framework-unknown-evidence', `指标“${name}”：${f.message}`, at);
    if (want === 'number' && f.kind !== 'number')
      err('framework-evidence-kind', `指标“${name}”：佐证数据“${f.title}”（${dotted}）不是数值字段`, at);
    if (want === 'level' && f.kind !== 'level')
      err(
        'framework-evidence-kind',
        `指标“${name}”：佐证数据“${f.title}”（${dotted}）不是档次（选项）字段`,
        at,
      );
    if (want === 'group' && f.kind !== 'group')
      err('framework-evidence-kind', `指标“${name}”：佐证数据“${f.title}”（${dotted}）应为一组季度数据`, at);
    return f;
  };
  const checkQuantity = (q: Quantity, at: DataPath) => {
    q.fields.forEach((f, i) => {
      checkPath(f, 'number', [...at, 'fields', i]);
    });
  };
  switch (rule.kind) {
    case 'sum': {
      const partSum = sum(rule.parts.map((x) => dec(x.weight)));
      if (!partSum.eq(weight))
        err(
          'framework-parts-mismatch',
          `指标“${name}”的分值为 ${weight.toFixed()}，各组成部分分值合计为 ${partSum.toFixed()}（${rule.parts.map((x) => `${x.name} ${x.weight}`).join(' + ')}）`,
          [...p, 'parts'],
          { expected: weight.toFixed(), found: partSum.toFixed() },
        );
      rule.parts.forEach((part, i) => {
        if (
          !checkRule(
            fw,
            part.rule,
            dec(part.weight),
            `${name}·${part.name}`,
            [...p, 'parts', i, 'rule'],
            findings,
          )
        )
          ok = false;
      });
      break;
    }
    case 'ratio':
      checkQuantity(rule.actual, [...p, 'actual']);
      checkQuantity(rule.target, [...p, 'target']);
      break;
    case 'quarterly': {
      checkPath(rule.progress, 'group', [...p, 'progress']);
      const full = dec(rule.quarter_points).times(4).plus(dec(rule.average_points));
      if (!full.eq(weight))
        err(
          'framework-quarterly-points',
          `指标“${name}”的分值为 ${weight.toFixed()}，而 4 个季度 × ${rule.quarter_points} + 全年平均 ${rule.average_points} = ${full.toFixed()}`,
          [...p, 'quarter_points'],
          { expected: weight.toFixed(), found: full.toFixed() },
        );
      break;
    }
    case 'deduction':
      if (!measureFormOk(rule.measure, false)) {
        err(
          'framework-measure',
          `指标“${name}”的计量（measure）应为 field、numerator + denominator 或 current + previous 三者之一`,
          [...p, 'measure'],
        );
        break;
      }
      checkNumericMeasure(rule.measure, p, checkPath, checkQuantity);
      // A ratio's limit is a percentage: "1" would read as 1 %, not 100 %.
      if (rule.measure.field === undefined && !rule.limit.endsWith('%') && !thresholdValue(rule.limit).eq(0))
        err(
          'framework-deduction-limit',
          `指标“${name}”按比率扣分，满分界限（limit）应写成百分比，如 ${thresholdValue(rule.limit).times(100).toFixed()}%`,
          [...p, 'limit'],
          { expected: `${thresholdValue(rule.limit).times(100).toFixed()}%`, found: rule.limit },
        );
      if (dec(rule.per_point).eq(0))
        err(
          'framework-deduction-points',
          `指标“${name}”的每点扣分（per_point）不能为 0`,
          [...p, 'per_point'],
          {
            found: rule.per_point,
          },
        );
      break;
    case 'tiers':
      checkTiers(rule.measure, rule.tiers, weight, name, p, err, checkPath, checkQuantity);
      break;
    default:
      break;
  }
  return ok;
}

function checkTiers(
  m: Measure,
  tiers: Tier[],
  weight: Decimal,
  name: string,
  p: DataPath,
  err: (code: string, message: string, at: DataPath, extra?: { expected?: string; found?: string }) => void,
  checkPath: (dotted: string, want: FieldKind, at: DataPath) => unknown,
  checkQuantity: (q: Quantity, at: DataPath) => void,
): void {
  if (!measureFormOk(m, true)) {
    err(
      'framework-measure',
      `指标“${name}”的计量（measure）应为 field、numerator + denominator、current + previous 或 level 四者之一`,
      [...p, 'measure'],
    );
    return;
  }
  tiers.forEach((t, i) => {
    if (dec(t.points).gt(weight))
      err(
        'framework-tier-above-weight',
        `指标“${name}”的分档得分 ${t.points} 高于其分值 ${weight.toFixed()}`,
        [...p, 'tiers', i, 'points'],
        { expected: `≤ ${weight.toFixed()}`, found: t.points },
      );
  });
  const best = tiers.reduce((b, t) => (dec(t.points).gt(b) ? dec(t.points) : b), dec(0));
  if (best.lt(weight))
    err(
      'framework-tier-below-weight',
      `指标“${name}”的最高分档为 ${best.toFixed()}，达不到其分值 ${weight.toFixed()}`,
      [...p, 'tiers'],
    );
  if (m.level !== undefined) {
    const f = checkPath(m.level, 'level', [...p, 'measure', 'level']) as
      | ReturnType<typeof evidenceField>
      | undefined;
    tiers.forEach((t, i) => {
      if (!t.level || t.gt || t.gte || t.lt || t.lte)
        err('framework-tier-form', `指标“${name}”按文字档次计分，分档应只写 level 和 points`, [
          ...p,
          'tiers',
          i,
        ]);
    });
    if (f?.ok && f.levels) {
      for (const level of f.levels) {
        const n = tiers.filter((t) => t.level?.includes(level)).length;
        if (n !== 1)
          err(
            'framework-tier-coverage',
            `指标“${name}”的分档中，“${level}”${n === 0 ? '没有对应的分档' : `出现在 ${n} 个分档中`}`,
            [...p, 'tiers'],
          );
      }
      tiers.forEach((t, i) => {
        t.level?.forEach((l, j) => {
          if (!f.levels!.includes(l))
            err('framework-tier-level', `指标“${name}”的档次“${l}”不是可选值（${f.levels!.join('、')}）`, [
              ...p,
              'tiers',
              i,
              'level',
              j,
            ]);
        });
      });
    }
    return;
  }
  checkNumericMeasure(m, p, checkPath, checkQuantity);
  tiers.forEach((t, i) => {
    if (t.level) err('framework-tier-form', `指标“${name}”按数值计分，分档不应写 level`, [...p, 'tiers', i]);
  });
  // Every value a measure can take must fall in exactly one tier: probe each bound, just beside it, and
  // beyond the extremes.
  const bounds = tiers.flatMap((t) => [t.gt, t.gte, t.lt, t.lte]).filter((b): b is string => b !== undefined);
  const eps = dec('0.000001');
  const probes = [dec(0), ...bounds.map(thresholdValue).flatMap((b) => [b.minus(eps), b, b.plus(eps)])];
  probes.push(sum(bounds.map(thresholdValue)).plus(1));
  for (const v of probes) {
    if (v.lt(0)) continue;
    const n = tiers.filter((t) => tierMatches(t, v)).length;
    if (n !== 1) {
      const shown = bounds.some((b) => b.endsWith('%')) ? `${v.times(100).toFixed()}%` : v.toFixed();
      err(
        'framework-tier-coverage',
        `指标“${name}”的分档${n === 0 ? '不完整' : '相互重叠'}：取值为 ${shown} 时有 ${n} 个分档适用`,
        [...p, 'tiers'],
      );
      return;
    }
  }
}

/** Whether a measure is exactly one of its forms (a pair needs both halves). */
function measureFormOk(m: Measure, levelAllowed: boolean): boolean {
  const forms = [
    m.field !== undefined,
    m.numerator !== undefined || m.denominator !== undefined,
    m.current !== undefined || m.previous !== undefined,
    levelAllowed && m.level !== undefined,
  ];
  if (!levelAllowed && m.level !== undefined) return false;
  if (forms.filter(Boolean).length !== 1) return false;
  if (forms[1] && (!m.numerator || !m.denominator)) return false;
  if (forms[2] && (!m.current || !m.previous)) return false;
  return true;
}

function checkNumericMeasure(
  m: Measure,
  p: DataPath,
  checkPath: (dotted: string, want: FieldKind, at: DataPath) => unknown,
  checkQuantity: (q: Quantity, at: DataPath) => void,
): void {
  if (m.field !== undefined) checkPath(m.field, 'number', [...p, 'measure', 'field']);
  for (const key of ['numerator', 'denominator', 'current', 'previous'] as const) {
    const q = m[key];
    if (q) checkQuantity(q, [...p, 'measure', key]);
  }
}

/** Whether a numeric value falls in a tier, bounds exactly as written (gt/gte/lt/lte). */
export function tierMatches(t: Tier, v: Decimal): boolean {
  if (t.gt !== undefined && !v.gt(thresholdValue(t.gt))) return false;
  if (t.gte !== undefined && !v.gte(thresholdValue(t.gte))) return false;
  if (t.lt !== undefined && !v.lt(thresholdValue(t.lt))) return false;
  if (t.lte !== undefined && !v.lte(thresholdValue(t.lte))) return false;
  return true;
}
