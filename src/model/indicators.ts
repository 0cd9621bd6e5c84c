import { z } from 'zod';
import { named, percentUpTo100, text, YEAR, yesNo } from './fields.js';

/** The official indicator classes: 一级指标 → its 二级指标. */
export const INDICATOR_CLASSES = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
} as const;

/**
 * The 二级指标 classes the 部门预算项目绩效自评表 has columns for (seeds 000/001), in column order; a project
 * indicator of another class (成本指标, 可持续影响指标) has no place on that form.
 */
export const PROJECT_TABLE_CLASSES = [
  '数量指标',
  '质量指标',
  '时效指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '服务对象满意度指标',
] as const;

/** 指标性质 as the Sichuan and Chongqing forms print it (forms.md B2, B3). */
export const INDICATOR_NATURES = ['=', '≥', '≤', '>', '<', '定性'] as const;
export type IndicatorNature = (typeof INDICATOR_NATURES)[number];

/** Other ways to write a 指标性质 symbol: ASCII pairs and full-width forms. */
const NATURE_SPELLINGS: Record<string, IndicatorNature> = {
  '>=': '≥',
  '≧': '≥',
  '⩾': '≥',
  '<=': '≤',
  '≦': '≤',
  '⩽': '≤',
  '==': '=',
  '＝': '=',
  '﹦': '=',
  '＞': '>',
  '＜': '<',
};

const Nature = named(
  z
    .string({ error: `指标性质应为 ${INDICATOR_NATURES.join(' ')} 之一` })
    .transform((s) => NATURE_SPELLINGS[s.trim()] ?? s.trim())
    .pipe(
      z.enum(INDICATOR_NATURES, {
        error: `指标性质应为 ${INDICATOR_NATURES.join(' ')} 之一（“>”要加引号写作 '>'，或写全角“＞”）`,
      }),
    ),
  '指标性质',
  "=、≥、≤、>、<、定性 之一；不填时由指标值得出（≥95% 为 ≥，显著 为 定性）。YAML 中“>”要加引号：'>'",
);

export type Level1Class = keyof typeof INDICATOR_CLASSES;
export const LEVEL1_CLASSES = Object.keys(INDICATOR_CLASSES) as Level1Class[];

export const Indicator = named(
  z.strictObject({
    name: text('指标名称').optional(),
    target: text(
      '指标值',
      '年度指标值/目标值，如 ≥95%、10 次、2024 年 12 月完成、显著、不适用；年内调整过的，这里写调整后指标值，年初的值写在 initial_target',
    ),
    initial_target: text(
      '年初指标值',
      '年内调整过指标值时，年初设定的指标值；不填则与指标值（target）相同',
    ).optional(),
    nature: Nature.optional(),
    unit: text('度量单位', '计量单位，如 %、人次、万元；不填时取指标值中写的单位').optional(),
    explanation: text('指标解释').optional(),
    scoring_standard: text('评（扣）分标准').optional(),
    note: text('备注').optional(),
    core: yesNo('是否核心指标').optional(),
    coefficient: percentUpTo100('得分系数').optional(),
    actual: text('完成值', '实际完成值/完成情况').optional(),
    history: named(
      z.record(z.string().regex(YEAR, { error: '近两年指标值的键应为年份，如 2021' }), text('往年指标值')),
      '近两年指标值',
      '按年份填写，如 2020: 应保尽保',
    ).optional(),
    standard: text('绩效标准').optional(),
    weight: named(z.string().regex(/^\d+(\.\d+)?$/, { error: '分值应为数字' }), '分值').optional(),
    score: named(
      z.string().regex(/^\d+(\.\d+)?$/, { error: '得分应为数字' }),
      '得分',
      '自评得分，覆盖按规则计算的得分：在 0 到该指标的分值之间，并须填写评分说明（score_reason）',
    ).optional(),
    score_reason: text(
      '评分说明',
      '填写得分（score）时的理由；印在项目支出绩效自评表的“偏差原因分析及改进措施”栏',
    ).optional(),
    deviation: text('偏差原因分析及改进措施').optional(),
  }),
  '绩效指标',
);
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorGroup = named(
  z
    .strictObject({
      level1: named(
        z.enum(LEVEL1_CLASSES, { error: `一级指标应为 ${LEVEL1_CLASSES.join('、')} 之一` }),
        '一级指标',
      ),
      level2: text('二级指标'),
      items: named(z.array(Indicator), '三级指标', '本组的指标；无指标时写 []，表格仍保留该行').default([]),
    })
    .superRefine((group, ctx) => {
      const allowed: readonly string[] = INDICATOR_CLASSES[group.level1];
      if (!allowed.includes(group.level2)) {
        ctx.addIssue({
          code: 'custom',
          path: ['level2'],
          message: `二级指标“${group.level2}”不属于${group.level1}，应为 ${allowed.join('、')} 之一`,
        });
      }
    }),
  '指标组',
);
export type IndicatorGroup = z.infer<typeof IndicatorGroup>;

export const IndicatorSet = named(z.array(IndicatorGroup), '绩效指标', '按一级、二级指标分组');
