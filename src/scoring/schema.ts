import { z } from 'zod';
import { named, text, textList } from '../model/fields.js';

/**
 * The framework file format (frameworks/*.yaml): a tree of indicators with weights, texts and a rule on
 * every leaf. Numbers arrive as their source text (the content loader's convention), so weights and
 * thresholds stay exact.
 */

const NUMBER = /^\d+(\.\d+)?$/;
const THRESHOLD = /^\d+(\.\d+)?%?$/;
const SIGNED_THRESHOLD = /^-?\d+(\.\d+)?%?$/;

const points = (title: string, description?: string) =>
  named(
    z.string({ error: `${title}应为数字` }).regex(NUMBER, { error: `${title}应为非负数字` }),
    title,
    description,
  );

const threshold = (title: string) =>
  named(
    z
      .string({ error: `${title}应为数字或百分比` })
      .transform((s) => s.replace(/％/g, '%').trim())
      .pipe(z.string().regex(THRESHOLD, { error: `${title}应为数字或百分比（如 90%）` })),
    title,
  );

/** A bound a changing figure may cross on either side of zero ("三公"经费变动率 ≤ 0, ≤ -5%). */
const signedThreshold = (title: string) =>
  named(
    z
      .string({ error: `${title}应为数字或百分比` })
      .transform((s) => s.replace(/％/g, '%').replace(/[−－]/g, '-').trim())
      .pipe(z.string().regex(SIGNED_THRESHOLD, { error: `${title}应为数字或百分比（如 100%、0、-5%）` })),
    title,
  );

/** A dotted path into a unit's `evidence:` block, e.g. `procurement.actual`. */
const evidencePath = (title: string) =>
  named(
    z.string({ error: `${title}应为佐证数据字段路径` }).regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/, {
      error: `${title}应为佐证数据（evidence）中的字段路径，如 procurement.actual`,
    }),
    title,
    '佐证数据（evidence）中的字段路径，如 procurement.actual',
  );

/** Figures summed into one quantity, with the words a deduction note uses for them. */
const Quantity = named(
  z.strictObject({
    fields: named(
      z.array(evidencePath('字段')).min(1, { error: '至少要有一个字段' }),
      '字段',
      '相加的佐证数据字段',
    ),
    label: text('名称', '扣分说明中使用的名称，如 聘员').optional(),
    unit: text('单位', '扣分说明中使用的单位，如 人、万元').optional(),
  }),
  '数量',
);
export type Quantity = z.infer<typeof Quantity>;

const JudgedRule = named(z.strictObject({ kind: z.literal('judged') }), '评判', '由评价人给分');

const RatioRule = named(
  z.strictObject({
    kind: z.literal('ratio'),
    label: text('比率名称'),
    actual: named(Quantity, '实际数'),
    target: named(Quantity, '计划数'),
    over_plan: named(
      z.enum(['cap', 'zero'], { error: '超计划处理应为 cap（按满分）或 zero（得 0 分）' }),
      '超计划处理',
      'cap：实际数超过计划数按满分；zero：实际数超过计划数得 0 分',
    ).default('cap'),
  }),
  '比率计分',
  'min(实际数 ÷ 计划数, 1) × 分值',
);

const Tier = named(
  z.strictObject({
    gt: threshold('高于').optional(),
    gte: threshold('不低于').optional(),
    lt: threshold('低于').optional(),
    lte: threshold('不高于').optional(),
    level: named(z.array(text('档次')).min(1), '档次', '取值为这些文字之一时适用').optional(),
    points: points('得分'),
  }),
  '分档',
);
export type Tier = z.infer<typeof Tier>;

const Measure = named(
  z.strictObject({
    field: evidencePath('字段').optional(),
    numerator: named(Quantity, '分子').optional(),
    denominator: named(Quantity, '分母').optional(),
    current: named(Quantity, '本年数').optional(),
    previous: named(Quantity, '上年数').optional(),
    level: evidencePath('档次字段').optional(),
  }),
  '计量',
  'field（百分比或数字字段）、numerator + denominator（比率）、current + previous（变动率 =（本年 − 上年）÷ 上年）或 level（文字档次）四者之一',
);
export type Measure = z.infer<typeof Measure>;

const TiersRule = named(
  z.strictObject({
    kind: z.literal('tiers'),
    label: text('指标名称'),
    measure: Measure,
    tiers: named(z.array(Tier).min(1, { error: '至少要有一个分档' }), '分档'),
  }),
  '分档计分',
);

const QuarterlyRule = named(
  z.strictObject({
    kind: z.literal('quarterly'),
    label: text('指标名称'),
    progress: evidencePath('季度支出进度'),
    schedule: named(
      z.array(threshold('序时进度')).length(4, { error: '序时进度应有四个季度' }),
      '序时进度',
    ).default(['25%', '50%', '75%', '100%']),
    quarter_points: points('季度分值').default('1'),
    average_points: points('全年平均分值').default('2'),
    cap_quarters_in_average: named(
      z.boolean({ error: '应为 true 或 false' }),
      '平均时季度执行率封顶',
      '计算全年平均执行率时，超序时进度的季度执行率是否按 100% 计',
    ).default(true),
  }),
  '季度预算执行计分',
);

const CoefficientRule = named(
  z.strictObject({ kind: z.literal('coefficient') }),
  '得分系数计分',
  '得分 = 得分系数 × 分值；得分系数（0–100%）由单位在 evaluation.yaml 的 coefficient 中填写',
);

const DeductionRule = named(
  z.strictObject({
    kind: z.literal('deduction'),
    label: text('指标名称'),
    measure: Measure,
    limit: signedThreshold('满分界限'),
    deduct_when: named(
      z.enum(['above', 'below'], { error: '扣分方向应为 above（高于界限扣分）或 below（低于界限扣分）' }),
      '扣分方向',
      'above：不高于满分界限得满分，每高出 1 个百分点扣分；below：不低于满分界限得满分，每低 1 个百分点扣分',
    ).default('above'),
    per_point: named(
      z.string({ error: '每点扣分应为数字' }).regex(/^\d+(\.\d+)?$/, { error: '每点扣分应为正数' }),
      '每点扣分',
      '界限为百分比时每 1 个百分点扣的分数，否则每超出 1 扣的分数；扣完为止（最低 0 分）',
    ),
  }),
  '按点扣分',
  '如 在职人员控制率 ≤ 100% 得满分，每超过 1 个百分点扣 0.1 分，扣完为止',
);

const KINDS_MESSAGE =
  '评分规则类型（kind）应为 judged、coefficient、ratio、tiers、deduction、quarterly、sum 之一';

const PartRule = z.discriminatedUnion(
  'kind',
  [JudgedRule, RatioRule, TiersRule, DeductionRule, QuarterlyRule],
  { error: KINDS_MESSAGE },
);

const Part = named(
  z.strictObject({
    name: text('组成部分名称'),
    weight: points('分值'),
    rule: named(PartRule, '评分规则'),
  }),
  '组成部分',
);

const SumRule = named(
  z.strictObject({
    kind: z.literal('sum'),
    parts: named(z.array(Part).min(2, { error: '至少要有两个组成部分' }), '组成部分'),
  }),
  '分项合计',
);

export const Rule = named(
  z.discriminatedUnion(
    'kind',
    [JudgedRule, CoefficientRule, RatioRule, TiersRule, DeductionRule, QuarterlyRule, SumRule],
    { error: KINDS_MESSAGE },
  ),
  '评分规则',
);
export type Rule = z.infer<typeof Rule>;
export type PartRule = z.infer<typeof PartRule>;
export type LeafRule = Exclude<Rule, { kind: 'sum' }>;

export interface IndicatorNode {
  name: string;
  weight: string;
  description?: string | undefined;
  standard?: string | undefined;
  rule?: Rule | undefined;
  children?: IndicatorNode[] | undefined;
}

export const IndicatorNode: z.ZodType<IndicatorNode> = named(
  z.strictObject({
    name: text('指标名称'),
    weight: points('参考分值'),
    description: text('指标说明').optional(),
    standard: text('参考评分标准').optional(),
    rule: Rule.optional(),
    get children(): z.ZodOptional<z.ZodArray<z.ZodType<IndicatorNode>>> {
      return named(z.array(IndicatorNode), '下级指标').optional();
    },
  }),
  '指标',
);

export const FrameworkFile = named(
  z.strictObject({
    framework: named(
      z.strictObject({
        name: text('框架名称'),
        applies_to: named(
          z.enum(['unit'], {
            error:
              '适用对象应为 unit（部门整体）；项目支出绩效自评表的打分规则不写在评价框架中，而是 rules/ 中的评分规则',
          }),
          '适用对象',
          '评价框架用于部门整体绩效自评（unit）；项目的评分规则见 rules/',
        ),
        total: points('总分'),
        indicators: named(z.array(IndicatorNode).min(1, { error: '至少要有一个指标' }), '一级指标'),
        notes: textList(
          '附注',
          '框架的附注，每条一项（不写编号），印在自评报告附件得分表的总得分一行之下，依次编为 1. 2. ……；不写则不印',
        ).optional(),
      }),
      '评价框架',
    ),
  }),
  '评价框架文件',
);
export type FrameworkFile = z.infer<typeof FrameworkFile>;
