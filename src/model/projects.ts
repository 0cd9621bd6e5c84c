import { z } from 'zod';
import { figureHint, money, moneyOrDash, named, text } from './fields.js';
import { IndicatorSet } from './indicators.js';

/** Budget adjustments during the year; the sign each kind has on the project's budget. */
export const ADJUSTMENT_SIGN = {
  调剂调入: 1,
  调剂调出: -1,
  统筹收回: -1,
  追加: 1,
  调减: -1,
} as const;
export type AdjustmentKind = keyof typeof ADJUSTMENT_SIGN;
export const ADJUSTMENT_KINDS = Object.keys(ADJUSTMENT_SIGN) as AdjustmentKind[];

const Adjustment = named(
  z
    .strictObject({
      kind: named(
        z.enum(ADJUSTMENT_KINDS, { error: `调整类型应为 ${ADJUSTMENT_KINDS.join('、')} 之一` }),
        '调整类型',
      ),
      amount: money('调整金额'),
      counterpart: text('对方项目', '调剂调入/调出时，对方项目的名称（同一单位内）').optional(),
      note: text('说明').optional(),
    })
    .superRefine((adj, ctx) => {
      if ((adj.kind === '调剂调入' || adj.kind === '调剂调出') && !adj.counterpart) {
        ctx.addIssue({ code: 'custom', path: ['kind'], message: `${adj.kind}须填写对方项目（counterpart）` });
      }
    }),
  '预算调整',
);
export type Adjustment = z.infer<typeof Adjustment>;

const Spending = named(
  z.strictObject({
    general_budget: moneyOrDash('一般公共预算').default('-'),
    government_fund: moneyOrDash('政府性基金').default('-'),
    non_fiscal: moneyOrDash('非财政资金').default('-'),
  }),
  '实际支出金额',
  '按资金来源填写；合计由各来源相加得出',
);

const splitPoints = (title: string) =>
  named(
    z.string({ error: `${title}应为数字` }).regex(/^\d+(\.\d+)?$/, { error: `${title}应为数字` }),
    title,
  ).optional();

export const Project = named(
  z.strictObject({
    name: text('项目名称'),
    code: text('项目编码').optional(),
    budget: money('项目年度预算金额', '年初预算数（万元）'),
    adjustments: named(z.array(Adjustment), '预算调整', '调剂调入/调出、统筹收回、追加、调减').default([]),
    spending: Spending,
    goal: text('年初绩效目标').optional(),
    completion: text('绩效目标整体完成情况').optional(),
    indicators: IndicatorSet.optional(),
    points: named(
      z.strictObject({
        预算执行率: splitPoints('预算执行率分值'),
        产出指标: splitPoints('产出指标总分'),
        效益指标: splitPoints('效益指标总分'),
        满意度指标: splitPoints('满意度指标总分'),
      }),
      '分值分配',
      '本项目自己的分值分配，代替评分规则中的预算执行率分值和各类指标总分，如 { 预算执行率: 20, 产出指标: 40 }；合计须等于评分规则的总分',
    ).optional(),
    execution_reason: text('执行偏差原因', '预算执行率低于评分规则要求（如 90%）时的原因说明').optional(),
    problems: text('项目执行中存在的问题').optional(),
    rectification: text('整改情况').optional(),
    filed_rate: named(
      z.string({ error: '填报执行率应为百分比' }).regex(/^\d+(\.\d+)?%$/, {
        error: (iss) => figureHint('填报执行率', iss.input, 'percent') ?? '填报执行率应为百分比，如 99.9%',
      }),
      '填报执行率',
      '核对用：已报送表格上印的预算支出执行率；与计算值不同时给出警告',
    ).optional(),
  }),
  '项目',
);
export type Project = z.infer<typeof Project>;
