import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import { loadDataFile } from '../load/data-file.js';
import { type DataPath, locateInFile } from '../load/locate.js';
import { LEVEL1_CLASSES, type Level1Class } from '../model/indicators.js';
import { type Decimal, dec, sum } from '../money/decimal.js';
import { namedDataFiles } from './named-files.js';
import { RuleSetFile, type RuleVerdict, type TextLimitField } from './rule-set-schema.js';

/**
 * Rule sets (rules/<id>.yaml): one province's way of scoring the 项目支出绩效自评表 — execution points, class
 * totals or typed 分值, formulas, qualitative bands, grades (forms.md §A). Loaded like frameworks: from the
 * project's own `rules/` first, then the package's; every mistake a finding at the file's line.
 */

export type Verdict = 'met' | 'partly-met' | 'not-met';

export interface Bounds {
  gt: Decimal | undefined;
  gte: Decimal | undefined;
  lt: Decimal | undefined;
  lte: Decimal | undefined;
}

export interface RuleSetBand extends Bounds {
  verdict: Verdict;
  label: string;
  /** Default score as a share of 分值 (0.8 for 80%). */
  score: Decimal;
  /** The bounds as written, for messages ("60%–80%（不含 80%）"). */
  text: string;
}

export interface RuleSet {
  /** File name without extension: what `unit.rules` names. */
  id: string;
  name: string;
  total: Decimal;
  totalText: string;
  execution: {
    points: Decimal;
    inTotal: boolean;
    rate: 'exact' | 'rounded';
    decimals: number | undefined;
    reasonBelow: Decimal | undefined;
    reasonBelowText: string | undefined;
  };
  indicators: {
    points: 'typed' | 'classes';
    total: Decimal | undefined;
    classes: Map<Level1Class, Decimal>;
    notApplicable: 'class' | 'table';
    negative: 'inverse' | 'linear';
    equal: 'positive' | 'symmetric';
    overAchievement: Decimal | undefined;
    overAchievementText: string | undefined;
    lateDate: Verdict;
  };
  bands: RuleSetBand[];
  pending: 'blank' | 'zero';
  scoreDecimals: number;
  grades: Array<{ grade: string; gte: Decimal | undefined; lt: Decimal | undefined }>;
  reasons: {
    belowPoints: boolean;
    maxChars: number | undefined;
    /** Length limits on the project's own text cells (Sichuan: 100 / 200 字). */
    textLimits: Partial<Record<TextLimitField, number>>;
  };
  /** The file as findings show it. */
  file: string;
  usable: boolean;
  at(path: DataPath): SourcePosition;
}

/** The rule sets shipped with the package (`<package>/rules`). */
export const PACKAGE_RULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rules');

/** The rule set a unit is scored under when none names one: the practice of the seeds. */
export const DEFAULT_RULE_SET = 'shenzhen';

const verdictOf = (v: RuleVerdict): Verdict => v.replace('_', '-') as Verdict;
const pct = (text: string) => dec(text.slice(0, -1)).div(100);

/** Whether a value lies inside bounds written gt/gte/lt/lte (an absent bound does not limit). */
export function inBounds(b: Bounds, v: Decimal): boolean {
  return (
    (b.gt === undefined || v.gt(b.gt)) &&
    (b.gte === undefined || v.gte(b.gte)) &&
    (b.lt === undefined || v.lt(b.lt)) &&
    (b.lte === undefined || v.lte(b.lte))
  );
}

/**
 * Loads every rule set a run may use (see namedDataFiles). Problems become findings at the rule file's
 * lines; the ids of files that did not load go to `broken`.
 */
export function loadRuleSets(
  projectDir: string,
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
  broken?: Set<string>,
): Map<string, RuleSet> {
  const out = new Map<string, RuleSet>();
  for (const [id, file] of namedDataFiles(projectDir, 'rules', PACKAGE_RULES)) {
    const set = loadRuleSetFile(file, findings, sources, cwd);
    if (set) out.set(id, set);
    else broken?.add(id);
  }
  return out;
}

/** Loads and checks one rule set file. */
export function loadRuleSetFile(
  absolute: string,
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
): RuleSet | undefined {
  const loaded = loadDataFile(
    absolute,
    { schema: RuleSetFile, code: 'rule-set', label: '评分规则' },
    findings,
    sources,
    cwd,
  );
  if (!loaded) return undefined;
  const { file } = loaded;
  const r = loaded.data.rule_set;
  const opt = (t: string | undefined) => (t === undefined ? undefined : dec(t));
  const optPct = (t: string | undefined) => (t === undefined ? undefined : pct(t));
  const classes = new Map<Level1Class, Decimal>();
  for (const c of LEVEL1_CLASSES) {
    const v = r.indicators.classes[c];
    if (v !== undefined) classes.set(c, dec(v));
  }
  const set: RuleSet = {
    id: path.basename(absolute).replace(/\.ya?ml$/, ''),
    name: r.name,
    total: dec(r.total),
    totalText: r.total,
    execution: {
      points: dec(r.execution.points),
      inTotal: r.execution.in_total,
      rate: r.execution.rate,
      decimals: r.execution.decimals,
      reasonBelow: optPct(r.execution.reason_below),
      reasonBelowText: r.execution.reason_below,
    },
    indicators: {
      points: r.indicators.points,
      total: opt(r.indicators.total),
      classes,
      notApplicable: r.indicators.not_applicable,
      negative: r.indicators.negative,
      equal: r.indicators.equal,
      overAchievement: optPct(r.indicators.over_achievement),
      overAchievementText: r.indicators.over_achievement,
      lateDate: verdictOf(r.indicators.late_date),
    },
    bands: r.qualitative.map((b) => ({
      verdict: verdictOf(b.verdict),
      label: b.label,
      gt: optPct(b.gt),
      gte: optPct(b.gte),
      lt: optPct(b.lt),
      lte: optPct(b.lte),
      score: pct(b.score),
      text: [
        b.gt ? `高于 ${b.gt}` : b.gte ? `${b.gte}（含）以上` : '',
        b.lt ? `低于 ${b.lt}` : b.lte ? `${b.lte}（含）以下` : '',
      ]
        .filter(Boolean)
        .join('、'),
    })),
    pending: r.pending,
    scoreDecimals: r.score_decimals,
    grades: r.grades.map((g) => ({ grade: g.grade, gte: opt(g.gte), lt: opt(g.lt) })),
    reasons: {
      belowPoints: r.reasons?.below_points ?? false,
      maxChars: r.reasons?.max_chars,
      textLimits: Object.fromEntries(
        Object.entries(r.reasons?.text_limits ?? {}).filter(([, n]) => n !== undefined),
      ) as Partial<Record<TextLimitField, number>>,
    },
    file: file.path,
    usable: true,
    at: (p) => locateInFile(file, p).at,
  };
  set.usable = checkRuleSet(set, r.indicators.total !== undefined, findings);
  return set;
}

/** Semantic checks the schema cannot make; false when scores from this set cannot be trusted. */
function checkRuleSet(set: RuleSet, hasIndicatorTotal: boolean, findings: Findings): boolean {
  let usable = true;
  const fail = (
    code: string,
    message: string,
    p: DataPath,
    extra: { expected?: string; found?: string } = {},
  ) => {
    usable = false;
    findings.error(code, message, set.at(['rule_set', ...p]), extra);
  };
  const ind = set.indicators;
  const missing = LEVEL1_CLASSES.filter((c) => !ind.classes.has(c));
  if (missing.length)
    fail(
      'rule-set-classes',
      `评分规则“${set.name}”的各类指标总分（classes）缺少${missing.join('、')}；${ind.points === 'typed' ? '作者没填分值时按它分配' : '各类指标按它分配分值'}`,
      ['indicators', 'classes'],
    );
  const classSum = sum(ind.classes.values());
  const classText = LEVEL1_CLASSES.map((c) => `${c} ${ind.classes.get(c)?.toFixed() ?? 0}`).join(' + ');
  if (ind.points === 'typed' && !hasIndicatorTotal)
    fail(
      'rule-set-indicator-total',
      `评分规则“${set.name}”按作者填写的分值计分（typed），须填写指标分值合计（total）`,
      ['indicators', 'points'],
    );
  const indicatorPoints = ind.points === 'typed' ? ind.total : classSum;
  if (ind.points === 'typed' && ind.total && !missing.length && !classSum.eq(ind.total))
    fail(
      'rule-set-classes-sum',
      `评分规则“${set.name}”的默认分配 ${classText} = ${classSum.toFixed()}，与指标分值合计 ${ind.total.toFixed()} 不符`,
      ['indicators', 'classes'],
      { expected: ind.total.toFixed(), found: classSum.toFixed() },
    );
  if (indicatorPoints) {
    const counted = set.execution.inTotal ? indicatorPoints.plus(set.execution.points) : indicatorPoints;
    const how = `${set.execution.inTotal ? `预算执行率 ${set.execution.points.toFixed()} + ` : ''}${
      ind.points === 'typed' ? `指标分值合计 ${indicatorPoints.toFixed()}` : classText
    }`;
    if (!counted.eq(set.total))
      fail(
        'rule-set-total-mismatch',
        `评分规则“${set.name}”的总分为 ${set.totalText}，而 ${how} = ${counted.toFixed()}${set.execution.inTotal ? '' : '（执行率不计入总分）'}`,
        ['total'],
        { expected: counted.toFixed(), found: set.totalText },
      );
  }
  // Qualitative bands: one per verdict, covering 0–100 % without a gap or an overlap, each default inside.
  for (const v of ['met', 'partly-met', 'not-met'] as const) {
    const n = set.bands.filter((b) => b.verdict === v).length;
    if (n !== 1)
      fail(
        'rule-set-band-verdict',
        `评分规则“${set.name}”的定性指标分档中档次 ${v.replace('-', '_')} ${n === 0 ? '没有对应的分档' : `出现了 ${n} 次`}`,
        ['qualitative'],
      );
  }
  set.bands.forEach((b, i) => {
    if (!inBounds(b, b.score))
      fail(
        'rule-set-band-score',
        `评分规则“${set.name}”中“${b.label}”的默认得分 ${b.score.times(100).toFixed()}% 不在本档（${b.text}）之内`,
        ['qualitative', i, 'score'],
        { expected: b.text, found: `${b.score.times(100).toFixed()}%` },
      );
  });
  const probe = (
    bounds: Bounds[],
    lo: Decimal,
    hi: Decimal,
    show: (v: Decimal) => string,
    code: string,
    what: string,
    p: DataPath,
  ) => {
    const edges = bounds
      .flatMap((b) => [b.gt, b.gte, b.lt, b.lte])
      .filter((x): x is Decimal => x !== undefined);
    const eps = dec('0.000001');
    const values = [lo, hi, ...edges.flatMap((e) => [e.minus(eps), e, e.plus(eps)])].filter(
      (v) => v.gte(lo) && v.lte(hi),
    );
    for (const v of values) {
      const n = bounds.filter((b) => inBounds(b, v)).length;
      if (n !== 1) {
        fail(
          code,
          `评分规则“${set.name}”的${what}${n === 0 ? '有空缺' : '相互重叠'}：取值为 ${show(v)} 时有 ${n} 档适用`,
          p,
        );
        return;
      }
    }
  };
  probe(
    set.bands,
    dec(0),
    dec(1),
    (v) => `${v.times(100).toFixed()}%`,
    'rule-set-band-coverage',
    '定性指标分档',
    ['qualitative'],
  );
  if (set.grades.length)
    probe(
      set.grades.map((g) => ({ gt: undefined, gte: g.gte, lt: g.lt, lte: undefined })),
      dec(0),
      set.total,
      (v) => `${v.toFixed()} 分`,
      'rule-set-grade-coverage',
      '等级',
      ['grades'],
    );
  return usable;
}
