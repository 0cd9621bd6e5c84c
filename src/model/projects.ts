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
      note: text('说明', '调整的原因（四川省表：年内追加、调减须说明原因）').optional(),
    })
    .superRefine((adj, ctx) => {
      if ((adj.kind === '调剂调入' || adj.kind === '调剂调出') && !adj.counterpart) {
        ctx.addIssue({ code: 'custom', path: ['kind'], message: `${adj.kind}须填写对方项目（counterpart）` });
      }
    }),
  '预算调整',
);
export type Adjustment = z.infer<typeof Adjustment>;

/**
 * The fund sources a project's 项目资金 table lists, per form family, in the order the form prints them:
 * the national 财预〔2020〕10号 form (forms.md B1) and Sichuan's 510000_0013zp (B2).
 */
export const FUND_SOURCE_FAMILIES = {
  national: ['当年财政拨款', '上年结转资金', '其他资金'],
  sichuan: ['财政资金', '财政专户管理资金', '单位资金', '其他资金'],
} as const;
export type FundFamily = keyof typeof FUND_SOURCE_FAMILIES;
export type FundSource = (typeof FUND_SOURCE_FAMILIES)[FundFamily][number];
export const FUND_SOURCES = [...new Set(Object.values(FUND_SOURCE_FAMILIES).flat())] as FundSource[];

const FundRow = named(
  z.strictObject({
    source: named(
      z.enum(FUND_SOURCES, { error: `资金来源应为 ${FUND_SOURCES.join('、')} 之一` }),
      '资金来源',
      '全国表：当年财政拨款、上年结转资金、其他资金；四川表：财政资金、财政专户管理资金、单位资金、其他资金',
    ),
    budget: money('年初预算数').optional(),
    adjusted_budget: money('调整后预算数', '调整后（全年）预算数（万元）').optional(),
    spending: money('执行数', '全年（预算）执行数（万元）').optional(),
  }),
  '资金来源行',
);
export type FundRow = z.infer<typeof FundRow>;

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
    attribute: named(
      z.enum(['新增', '延续'], { error: '项目属性应为 新增 或 延续' }),
      '项目属性',
      '新增 或 延续',
    ).optional(),
    manager: text('项目负责人').optional(),
    finance_manager: text('财务负责人').optional(),
    budget: money('项目年度预算金额', '年初预算数（万元）'),
    adjustments: named(z.array(Adjustment), '预算调整', '调剂调入/调出、统筹收回、追加、调减').default([]),
    spending: Spending,
    funds: named(
      z.array(FundRow).min(1, { error: '项目资金至少要有一行' }),
      '项目资金',
      '按资金来源分行的年初预算数、调整后预算数、执行数（万元）；不填的格留空。年度资金总额由各行相加，不要填写；各列合计须等于本项目的年初预算、调整后预算和实际支出合计',
    ).optional(),
    goal: text('年初绩效目标').optional(),
    completion: text(
      '绩效目标整体完成情况',
      '年度目标完成情况 / 实际完成情况（四川表限 100 字以内）',
    ).optional(),
    implementation: text('实施内容及过程概述').optional(),
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
    conclusion: text('评价结论').optional(),
    problems: text('项目执行中存在的问题', '四川省表印为“存在问题”').optional(),
    rectification: text('整改情况', '四川省表印为“改进措施”').optional(),
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
