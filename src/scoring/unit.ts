import Big from 'big.js';
import type { ComputedIndicator } from '../compute/indicators.js';
import type { ComputedUnit } from '../compute/unit.js';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import type { DataPath } from '../load/locate.js';
import { type Decimal, dec, parsePercent, sum } from '../money/decimal.js';
import { closest } from '../validate/suggest.js';
import type { Framework, FrameworkNode } from './framework.js';
import { evidenceField, LEVEL_NAMES } from './framework.js';
import { evaluateRule, type PartResult } from './rules.js';
import type { Rule } from './schema.js';

/** Where a unit's values are, for findings (a LoadedUnit provides both). */
export interface UnitLocator {
  at(path: DataPath): SourcePosition | undefined;
  atKey(path: DataPath, key: string): SourcePosition | undefined;
}

/** A leaf as the framework writes it (name, level, weight, 指标说明, 参考评分标准), with its score. */
export interface ScoredLeaf
  extends Pick<FrameworkNode, 'name' | 'level' | 'weight' | 'weightText' | 'description' | 'standard'> {
  kind: 'leaf';
  ruleKind: Rule['kind'];
  /** What the rule computes from evidence, rounded half-up to 2 decimals (undefined for judged leaves). */
  computed: Decimal | undefined;
  /** The score that counts: the author's override, the judged score or the computed one, rounded. */
  score: Decimal | undefined;
  /** The score as printed: "1.98", "5", "0" (no trailing zeros). */
  scoreText: string | undefined;
  /** Set when the author replaced a computed score. */
  override: { computed: Decimal | undefined; reason: string | undefined } | undefined;
  /** 扣分情况及整改情况说明: the author's text, else one generated from the evidence where the rule deducts. */
  note: string | undefined;
  noteSource: 'author' | 'generated' | undefined;
  /** Sum rules: each part's exact score and generated note. */
  parts: PartResult[];
  /** 得分系数 a coefficient leaf was scored with (0.95 for 95 %): the evaluation's, else its indicator's. */
  coefficient: Decimal | undefined;
  /** What a ratio leaf measured (执行率 0.95), exact. */
  measured: Decimal | undefined;
}

export interface ScoredGroup {
  kind: 'group';
  name: string;
  level: number;
  weight: Decimal;
  weightText: string;
  children: ScoredNode[];
  /** Sum of the children's rounded scores; undefined while any is missing. */
  score: Decimal | undefined;
}

export type ScoredNode = ScoredGroup | ScoredLeaf;

export interface UnitScores {
  unitId: string;
  framework: { id: string; name: string; total: Decimal; totalText: string; notes: readonly string[] };
  tree: ScoredNode[];
  /** Every leaf in table order. */
  leaves: ScoredLeaf[];
  /** 总得分: the sum of the rounded leaf scores; undefined while a leaf has no score. */
  total: Decimal | undefined;
  totalText: string | undefined;
  overrides: ScoredLeaf[];
}

/** 三级指标, 二级指标 …: how findings name a leaf, by its level. */
function leafWord(node: FrameworkNode): string {
  return `${LEVEL_NAMES[node.level - 1] ?? ''}指标`;
}

/**
 * The unit's own indicator (indicators.yaml) a framework leaf of the same name stands for: forms such as
 * Chongqing's 部门整体绩效自评表 print its 计量单位, 指标值 and 完成值 beside the leaf's score, and its
 * 得分系数 may be entered there instead of in the evaluation. Matched by 指标名称, first match.
 */
export function unitIndicatorNamed(
  unit: ComputedUnit,
  name: string,
): { item: ComputedIndicator; path: DataPath } | undefined {
  for (const [g, group] of unit.indicators.entries()) {
    const i = group.items.findIndex((it) => it.source.name === name);
    if (i >= 0) return { item: group.items[i]!, path: ['indicators', g, 'items', i] };
  }
  return undefined;
}

/** Half-up to 2 decimals, the precision every leaf score is printed and added at. */
export function roundScore(v: Decimal): Decimal {
  return v.round(2, Big.roundHalfUp);
}

/** "5", "1.98", "98.96": the score as the scoring table prints it. */
export function scoreText(v: Decimal): string {
  return roundScore(v).toFixed();
}

/**
 * Scores one unit's self-evaluation (`evaluation:`) against its framework. Every problem is a finding at
 * the content's line; the result holds whatever could be scored.
 */
export function scoreUnit(
  unit: ComputedUnit,
  framework: Framework,
  where: UnitLocator,
  findings: Findings,
): UnitScores | undefined {
  const evaluation = unit.content.evaluation;
  if (!evaluation) return undefined;
  const evidence = unit.content.evidence ?? {};
  const scores = evaluation.scores;
  const fwAt = where.at(['evaluation', 'framework']);
  const leafNames = new Set(framework.leaves.map((l) => l.name));

  // Names the author wrote that the framework does not have.
  for (const key of Object.keys(scores)) {
    if (leafNames.has(key)) continue;
    const owner = framework.leaves.find(
      (l) => l.rule?.kind === 'sum' && l.rule.parts.some((p) => p.name === key),
    );
    const guess = closest(
      key,
      framework.leaves.map((l) => ({ key: l.name })),
    );
    const hint = owner
      ? `。“${key}”是“${owner.name}”的组成部分，请写在“${owner.name}”的 parts 下`
      : guess
        ? `。是否应为“${guess.key}”？`
        : '';
    findings.error(
      'score-unknown-indicator',
      `评价框架 ${framework.id} 中没有${framework.leaves.every((l) => l.level === 3) ? '三级指标' : '末级指标'}“${key}”${hint}`,
      where.atKey(['evaluation', 'scores'], key) ?? where.at(['evaluation', 'scores']),
      { field: '各项得分', found: key, ...(guess ? { expected: guess.key } : {}) },
    );
  }

  const overrides: ScoredLeaf[] = [];
  const leaves: ScoredLeaf[] = [];
  const scoreLeaf = (node: FrameworkNode): ScoredLeaf => {
    const rule = node.rule!;
    const entry = scores[node.name];
    const entryPath = ['evaluation', 'scores', node.name];
    const given = entry?.score === undefined ? undefined : dec(entry.score);
    const judgedParts: Record<string, Decimal> = {};
    for (const [k, v] of Object.entries(entry?.parts ?? {})) judgedParts[k] = dec(v);
    const judgedPartNames =
      rule.kind === 'sum' ? rule.parts.filter((p) => p.rule.kind === 'judged').map((p) => p.name) : [];
    for (const k of Object.keys(judgedParts)) {
      if (!judgedPartNames.includes(k)) {
        findings.error(
          'score-unknown-part',
          `${leafWord(node)}“${node.name}”没有需要评判的组成部分“${k}”${judgedPartNames.length ? `（可填：${judgedPartNames.join('、')}）` : ''}`,
          where.atKey([...entryPath, 'parts'], k) ?? where.at([...entryPath, 'parts']),
          { field: '组成部分得分', found: k },
        );
      }
    }
    if (rule.kind === 'sum') {
      for (const part of rule.parts) {
        const v = judgedParts[part.name];
        if (v?.gt(dec(part.weight))) {
          findings.error(
            'score-above-weight',
            `“${node.name}”中“${part.name}”的得分 ${v.toFixed()} 高于其分值 ${part.weight}`,
            where.at([...entryPath, 'parts', part.name]),
            { field: '组成部分得分', expected: `≤ ${part.weight}`, found: v.toFixed() },
          );
        }
      }
    }

    // 得分系数: only on a coefficient leaf, and within 0–100 %.
    let coefficient: Decimal | undefined;
    if (entry?.coefficient !== undefined) {
      const at = where.at([...entryPath, 'coefficient']);
      if (rule.kind !== 'coefficient') {
        findings.error(
          'score-coefficient-unexpected',
          `${leafWord(node)}“${node.name}”不按得分系数评分，不应填写得分系数（coefficient）`,
          at,
          { field: '得分系数', found: entry.coefficient },
        );
      } else {
        coefficient = parsePercent(entry.coefficient);
        if (coefficient.gt(1)) {
          findings.error(
            'score-coefficient-range',
            `${leafWord(node)}“${node.name}”的得分系数 ${entry.coefficient} 超出 0%–100%`,
            at,
            { field: '得分系数', expected: '0%–100%', found: entry.coefficient },
          );
          coefficient = undefined;
        }
      }
    }
    // The same 得分系数 may be written on the unit's indicator of that name: once is enough, twice must agree.
    const own = rule.kind === 'coefficient' ? unitIndicatorNamed(unit, node.name) : undefined;
    const ownCoefficient = own?.item.coefficient;
    if (ownCoefficient !== undefined && entry?.coefficient === undefined) coefficient = ownCoefficient;
    else if (ownCoefficient !== undefined && coefficient !== undefined && !coefficient.eq(ownCoefficient)) {
      findings.error(
        'score-coefficient-mismatch',
        `指标“${node.name}”的得分系数 ${own!.item.source.coefficient} 与整体绩效自评中填写的 ${entry!.coefficient} 不一致；只填一处即可`,
        where.at([...own!.path, 'coefficient']),
        { field: '得分系数', expected: entry!.coefficient, found: own!.item.source.coefficient },
      );
    }
    if (
      rule.kind === 'coefficient' &&
      given === undefined &&
      coefficient === undefined &&
      entry?.coefficient === undefined
    ) {
      findings.error(
        'score-missing',
        `自评缺少${leafWord(node)}“${node.name}”的得分系数（coefficient，0%–100%，得分 = 得分系数 × 分值 ${node.weightText}）`,
        where.at(entry ? entryPath : ['evaluation', 'scores']),
        { field: '得分系数', expected: '0%–100%' },
      );
    }

    let computed: Decimal | undefined;
    let generated: string | undefined;
    let parts: PartResult[] = [];
    let judgedDeduction = false;
    let leafOverride: ScoredLeaf['override'];
    let measured: Decimal | undefined;
    if (rule.kind === 'judged') {
      if (given === undefined) {
        findings.error(
          'score-missing',
          `自评缺少${leafWord(node)}“${node.name}”的得分（评判指标，分值 ${node.weightText}）`,
          where.at(entry ? entryPath : ['evaluation', 'scores']),
          { field: '得分', expected: `0–${node.weightText}` },
        );
      } else if (entry?.override_reason !== undefined) {
        findings.warning(
          'override-reason-on-judged',
          `${leafWord(node)}“${node.name}”由评价人直接评分，不是计算得分，无需填写调整理由（override_reason）；扣分原因请写在扣分情况说明（note）中`,
          where.at([...entryPath, 'override_reason']),
        );
      }
    } else {
      const res = evaluateRule(rule, node.weight, evidence, { parts: judgedParts, coefficient });
      parts = res.parts;
      measured = res.measured;
      judgedDeduction = res.judgedDeductions.length > 0;
      if (given === undefined) {
        for (const p of res.missingEvidence) {
          const f = evidenceField(p);
          const title = f.ok ? f.title : p;
          findings.error(
            'score-evidence-missing',
            `评价框架 ${framework.id} 的${leafWord(node)}“${node.name}”需要佐证数据“${title}”（evidence.${p}），本单位未填写`,
            fwAt,
            { field: title, expected: `evidence.${p}` },
          );
        }
        for (const p of res.missingJudged) {
          findings.error(
            'score-missing',
            `自评缺少“${node.name}”中评判部分“${p}”的得分（填写在 parts 下，如 ${p}: 1）`,
            where.at(entry ? entryPath : ['evaluation', 'scores']),
            { field: '组成部分得分', expected: p },
          );
        }
        for (const problem of res.problems) {
          findings.error('score-not-computable', `${leafWord(node)}“${node.name}”无法计分：${problem}`, fwAt);
        }
      }
      if (res.score !== undefined) computed = roundScore(res.score);
      generated = res.note;
      if (given !== undefined) {
        const override = { computed, reason: entry?.override_reason };
        if (entry?.override_reason === undefined) {
          findings.error(
            'override-without-reason',
            `${leafWord(node)}“${node.name}”的得分 ${given.toFixed()} 覆盖了计算得分${computed ? ` ${computed.toFixed()}` : ''}，须填写调整理由（override_reason）`,
            where.at([...entryPath, 'score']),
            {
              field: '调整理由',
              ...(computed ? { expected: computed.toFixed() } : {}),
              found: given.toFixed(),
            },
          );
        }
        leafOverride = override;
      }
    }
    const final = given ?? computed;
    if (given?.gt(node.weight)) {
      findings.error(
        'score-above-weight',
        `${leafWord(node)}“${node.name}”的得分 ${given.toFixed()} 高于其分值 ${node.weightText}`,
        where.at([...entryPath, 'score']),
        { field: '得分', expected: `≤ ${node.weightText}`, found: given.toFixed() },
      );
    }
    const deducts = final !== undefined && roundScore(final).lt(node.weight);
    let note: string | undefined;
    let noteSource: ScoredLeaf['noteSource'];
    if (entry?.note) {
      note = entry.note;
      noteSource = 'author';
    } else if (deducts && generated && given === undefined) {
      note = generated;
      noteSource = 'generated';
    }
    // A judged deduction (a judged score, an override, a coefficient below 100 %) needs the author's reason.
    const judgedLeaf = rule.kind === 'judged' || rule.kind === 'coefficient';
    const unexplained = !note || (rule.kind === 'coefficient' && noteSource !== 'author');
    if (unexplained && ((deducts && (judgedLeaf || given !== undefined)) || judgedDeduction)) {
      findings.warning(
        'score-deduction-without-note',
        `${leafWord(node)}“${node.name}”得分 ${final ? scoreText(final) : ''} 低于分值 ${node.weightText}，请填写扣分情况说明（note）`,
        where.at(
          given !== undefined ? [...entryPath, 'score'] : entry ? entryPath : ['evaluation', 'scores'],
        ),
        { field: '扣分情况说明' },
      );
    }
    const leaf: ScoredLeaf = {
      kind: 'leaf',
      name: node.name,
      level: node.level,
      weight: node.weight,
      weightText: node.weightText,
      description: node.description,
      standard: node.standard,
      ruleKind: rule.kind,
      computed,
      score: final === undefined ? undefined : roundScore(final),
      scoreText: final === undefined ? undefined : scoreText(final),
      override: leafOverride,
      note,
      noteSource,
      parts,
      coefficient,
      measured,
    };
    if (leaf.override) overrides.push(leaf);
    leaves.push(leaf);
    return leaf;
  };

  const build = (node: FrameworkNode): ScoredNode => {
    if (!node.children.length) return scoreLeaf(node);
    const children = node.children.map(build);
    const all = children.map((c) => c.score);
    return {
      kind: 'group',
      name: node.name,
      level: node.level,
      weight: node.weight,
      weightText: node.weightText,
      children,
      score: all.every((s) => s !== undefined) ? sum(all as Decimal[]) : undefined,
    };
  };
  const tree = framework.roots.map(build);
  const complete = leaves.every((l) => l.score !== undefined);
  const total = complete ? sum(leaves.map((l) => l.score!)) : undefined;
  return {
    unitId: unit.id,
    framework: {
      id: framework.id,
      name: framework.name,
      total: framework.total,
      totalText: framework.totalText,
      notes: framework.notes,
    },
    tree,
    leaves,
    total,
    totalText: total === undefined ? undefined : total.toFixed(),
    overrides,
  };
}

/** One row of the scoring table (部门整体支出绩效评价共性指标体系框架): a leaf with its ancestors. */
export interface ScoringRow {
  /** The groups above the leaf, outermost first (the table merges a group's cells down its rows). */
  /** Each group's score is the scoring stage's subtotal (undefined while a leaf below has none). */
  ancestors: Array<{ name: string; weightText: string; level: number; scoreText: string | undefined }>;
  leaf: ScoredLeaf;
  /**
   * Columns the leaf's name cell spans: 1 at the deepest level; a leaf higher up also covers the name and
   * 参考分值 columns of the levels it lacks (its own 参考分值 stays in the last level's column).
   */
  nameColumns: number;
}

/** The number of levels of a scored tree (the appendix prints a name and a 参考分值 column for each). */
export function scoringDepth(scores: UnitScores): number {
  const depthOf = (n: ScoredNode): number =>
    n.kind === 'leaf' ? 1 : 1 + Math.max(0, ...n.children.map(depthOf));
  return Math.max(0, ...scores.tree.map(depthOf));
}

/** The scoring table's rows in order: each leaf with its groups and the columns its name spans. */
export function scoringTableRows(scores: UnitScores): ScoringRow[] {
  const depth = scoringDepth(scores);
  const rows: ScoringRow[] = [];
  const walk = (n: ScoredNode, above: ScoringRow['ancestors']) => {
    if (n.kind === 'leaf') {
      rows.push({ ancestors: above, leaf: n, nameColumns: 2 * (depth - n.level) + 1 });
      return;
    }
    const mine = [
      ...above,
      { name: n.name, weightText: n.weightText, level: n.level, scoreText: n.score?.toFixed() },
    ];
    for (const c of n.children) walk(c, mine);
  };
  for (const n of scores.tree) walk(n, []);
  return rows;
}
