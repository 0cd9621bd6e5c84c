import { z } from 'zod';
import { named, text } from '../model/fields.js';

/**
 * The rule set file format (rules/*.yaml): how one province's 项目支出绩效自评表 is scored (forms.md §A).
 * Numbers arrive as their source text (the content loader's convention), so points and bounds stay exact.
 */

const NUMBER = /^\d+(\.\d+)?$/;
const PERCENT = /^\d+(\.\d+)?%$/;

const points = (title: string, description?: string) =>
  named(
    z.string({ error: `${title}应为数字` }).regex(NUMBER, { error: `${title}应为非负数字，如 10` }),
    title,
    description,
  );

const percentOf = (title: string, description?: string) =>
  named(
    z
      .string({ error: `${title}应为百分比（如 80%）` })
      .transform((s) => s.replace(/％/g, '%').trim())
      .pipe(z.string().regex(PERCENT, { error: `${title}应为百分比（如 80%）` })),
    title,
    description,
  );

const choice = <const T extends readonly [string, ...string[]]>(
  values: T,
  title: string,
  description: string,
) => named(z.enum(values, { error: `${title}应为 ${values.join('、')} 之一` }), title, description);

const decimals = (title: string, description: string) =>
  named(
    z
      .union([z.literal('0'), z.literal('1'), z.literal('2')], { error: `${title}应为 0、1 或 2` })
      .transform(Number),
    title,
    description,
  );

const VERDICTS = ['met', 'partly_met', 'not_met'] as const;
export type RuleVerdict = (typeof VERDICTS)[number];

const Execution = named(
  z.strictObject({
    points: points('预算执行率分值', '预算执行率的分值，如 10'),
    in_total: named(
      z.boolean({ error: '执行率计入总分应为 true 或 false' }),
      '执行率计入总分',
      'true：执行率得分计入总分；false：总分只是各绩效指标得分之和',
    ).default(true),
    rate: choice(
      ['exact', 'rounded'],
      '执行率计分口径',
      'exact：按精确执行率计分；rounded：先按打印的小数位四舍五入，再按印出的执行率计分',
    ).default('exact'),
    decimals: decimals(
      '执行率小数位',
      '执行率打印的小数位数：0、1 或 2；不填则用单位信息中的 rate_decimals',
    ).optional(),
    reason_below: percentOf(
      '执行率须说明原因的下限',
      '执行率低于此值时须在项目中填写 execution_reason（执行偏差原因）；不填则不要求',
    ).optional(),
  }),
  '预算执行率',
);

const Classes = named(
  z.strictObject({
    产出指标: points('产出指标总分').optional(),
    效益指标: points('效益指标总分').optional(),
    满意度指标: points('满意度指标总分').optional(),
  }),
  '各类指标总分',
  'classes 时为各一级指标的总分；typed 时为作者没填分值时的默认分配',
);

const Indicators = named(
  z.strictObject({
    points: choice(
      ['typed', 'classes'],
      '指标分值口径',
      'typed：作者填写的分值照印、不折算，合计须等于 total；classes：按各类指标总分分配（作者的分值只作比例）',
    ),
    total: points('指标分值合计', 'typed 时各指标分值之和，如 90').optional(),
    classes: Classes,
    not_applicable: choice(
      ['class', 'table'],
      '不适用指标的处理',
      'class：不适用指标的分值分给同类其他指标；table：去掉不适用指标后整表按比例放大到总分',
    ).default('class'),
    negative: choice(
      ['inverse', 'linear'],
      '反向指标计分',
      'inverse：目标值 ÷ 实际值 × 分值；linear：实际 ≤ 目标得满分，目标 < 实际 < 2 × 目标按 (1 − (实际 − 目标) ÷ 目标) × 分值，实际 ≥ 2 × 目标得 0 分',
    ).default('inverse'),
    equal: choice(
      ['positive', 'symmetric'],
      '等于型指标计分',
      'positive：同正向（目标为 0 时实际 ≤ 0 得满分，否则 0 分）；symmetric：偏离任一方向都按比例扣分',
    ).default('positive'),
    over_achievement: percentOf(
      '超额完成提示比例',
      '完成值达到目标值的此比例（如 120%）时提示复核目标是否定得过低；不填则不提示',
    ).optional(),
    late_date: choice(
      VERDICTS,
      '逾期完成的档次',
      '日期目标逾期完成时按哪一档计分：met、partly_met 或 not_met',
    ).default('not_met'),
  }),
  '绩效指标',
);

const Band = named(
  z.strictObject({
    verdict: choice(VERDICTS, '档次', 'met：达成；partly_met：部分达成；not_met：未达成'),
    label: text('档次名称', '如 达成、部分达成、未达成'),
    gt: percentOf('下限（不含）').optional(),
    gte: percentOf('下限（含）').optional(),
    lt: percentOf('上限（不含）').optional(),
    lte: percentOf('上限（含）').optional(),
    score: percentOf('默认得分', '按分值的百分比计的默认得分，须在本档之内'),
  }),
  '定性指标分档',
);
export type RuleBand = z.infer<typeof Band>;

const Grade = named(
  z.strictObject({
    grade: text('等级', '如 优'),
    gte: points('等级下限（含）').optional(),
    lt: points('等级上限（不含）').optional(),
  }),
  '等级',
);

/** Project text fields a rule set may limit in length (text_limits), with their Chinese names. */
export const TEXT_LIMIT_FIELDS = {
  completion: '年度目标完成情况',
  implementation: '实施内容及过程概述',
  conclusion: '评价结论',
  problems: '存在问题',
  rectification: '改进措施',
} as const;
export type TextLimitField = keyof typeof TEXT_LIMIT_FIELDS;

const charCount = (name: string) =>
  named(
    z
      .string({ error: `${name}应为整数` })
      .regex(/^\d+$/, { error: `${name}应为整数，如 200` })
      .transform(Number),
    name,
  ).optional();

const Reasons = named(
  z.strictObject({
    below_points: named(
      z.boolean({ error: '得分低于分值须说明原因应为 true 或 false' }),
      '得分低于分值须说明原因',
      'true：指标得分低于分值时须填写偏差原因分析及改进措施（deviation）',
    ).default(false),
    max_chars: named(
      z
        .string({ error: '偏差原因字数上限应为整数' })
        .regex(/^\d+$/, { error: '偏差原因字数上限应为整数，如 100' })
        .transform(Number),
      '偏差原因字数上限',
      '偏差原因分析及改进措施的字数上限，如 100；不填则不限',
    ).optional(),
    // Sichuan 510000_0013zp: the form's own limits on the project's narrative cells.
    text_limits: named(
      z.strictObject(
        Object.fromEntries(
          Object.entries(TEXT_LIMIT_FIELDS).map(([key, name]) => [key, charCount(`${name}字数上限`)]),
        ) as Record<TextLimitField, ReturnType<typeof charCount>>,
      ),
      '文字字数上限',
      `项目各栏文字的字数上限，如 { completion: 100, conclusion: 200 }；可写 ${Object.entries(
        TEXT_LIMIT_FIELDS,
      )
        .map(([k, n]) => `${k}（${n}）`)
        .join('、')}`,
    ).optional(),
  }),
  '说明要求',
);

export const RuleSetBody = named(
  z.strictObject({
    name: text('评分规则名称', '如 全国项目支出绩效自评（财预〔2020〕10号）'),
    total: points('总分', '如 100'),
    execution: Execution,
    indicators: Indicators,
    qualitative: named(
      z.array(Band).min(1, { error: '定性指标分档至少要有一档' }),
      '定性指标分档',
      '按分值的百分比划分的档次，上下界的开闭照写（gte/gt/lte/lt）',
    ),
    pending: choice(
      ['blank', 'zero'],
      '未填完成值的处理',
      'blank：得分留空并提示，总分和等级也留空；zero：按 0 分计并提示',
    ).default('blank'),
    score_decimals: decimals('得分小数位', '分值和得分保留的小数位：0、1 或 2').default(2),
    grades: named(z.array(Grade), '等级', '按总分划分的自评等级；写 [] 则表中不印等级'),
    reasons: Reasons.optional(),
  }),
  '评分规则',
);

export const RuleSetFile = named(z.strictObject({ rule_set: RuleSetBody }), '评分规则文件');
export type RuleSetFile = z.infer<typeof RuleSetFile>;
export type RuleSetBody = z.infer<typeof RuleSetBody>;
