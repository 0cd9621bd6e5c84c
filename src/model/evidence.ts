import { z } from 'zod';
import { count, money, named, percent } from './fields.js';

/** Facts the scoring rules read. Each block is optional; a rule that needs a missing block says so. */
const BudgetExecution = named(
  z.strictObject({
    budget: money('部门预算', '财政拨款支出总额（万元）'),
    initial_budget: money(
      '年初预算数',
      '年初批复的部门预算（万元）；年内有调整时，budget 写全年（调整）预算数。不填则与部门预算相同',
    ).optional(),
    carryover_start: money('年初结转结余'),
    spending: money('全年实际支出'),
    project_spending: money('项目支出').optional(),
    carryover_end: money('年末结转结余', '填报数；须等于 年初结转结余 + 部门预算 − 全年实际支出').optional(),
    quarterly_progress: named(
      z.strictObject({
        q1: percent('一季度支出进度'),
        q2: percent('二季度支出进度'),
        q3: percent('三季度支出进度'),
        q4: percent('四季度支出进度'),
      }),
      '季度支出进度',
      '各季度末月份累计支出进度（3、6、9、12 月月末）',
    ).optional(),
  }),
  '预算执行',
);

const Procurement = named(
  z.strictObject({
    planned: money('采购计划金额'),
    actual: money('实际采购金额'),
  }),
  '政府采购',
);

const Assets = named(
  z.strictObject({
    total: money('国有资产总额'),
    current: money('流动资产').optional(),
    non_current: money('非流动资产').optional(),
    fixed_net: money('固定资产净值').optional(),
    intangible_net: money('无形资产净值').optional(),
    long_term_investment: money('长期股权投资').optional(),
    construction_in_progress: money('在建工程').optional(),
    fixed_total: money('固定资产总额', '所有固定资产总额（计算固定资产利用率）').optional(),
    fixed_in_use: money('在用固定资产总额').optional(),
    disposal_income: money('资产处置收入').optional(),
  }),
  '资产',
);

const Staffing = named(
  z.strictObject({
    authorized: count('核定编制数').optional(),
    in_service: named(
      count('在职人员数'),
      '在职人员数',
      '部门（单位）实际在职人数，以部门决算口径为准（计算在职人员控制率 = 在职人员数 ÷ 编制数）',
    ).optional(),
    civil_servants: count('在编公务员').default(0),
    staff: count('在编职员').default(0),
    workers: count('在编工勤').default(0),
    contract: named(count('编外人员'), '编外人员', '劳务派遣及直接聘用的编外人员（聘员）').default(0),
  }),
  '人员',
);

const BudgetVsActual = (title: string) =>
  named(z.strictObject({ budget: money(`${title}预算数`), actual: money(`${title}实际支出数`) }), title);

const ThreePublic = named(
  z.strictObject({
    budget: money('“三公”经费预算数').optional(),
    actual: money('“三公”经费实际支出数'),
    previous_actual: money(
      '上年“三公”经费实际支出数',
      '上年度“三公”经费实际支出数（万元），计算“三公”经费变动率 =（本年 − 上年）÷ 上年',
    ).optional(),
  }),
  '“三公”经费',
);

const PublicFunds = named(
  z.strictObject({
    three_public: ThreePublic,
    daily: BudgetVsActual('日常公用经费').optional(),
  }),
  '公用经费',
);

export const DISCLOSURE_LEVELS = ['按规定公开', '公开但不符合要求', '未公开', '涉密不公开'] as const;
const Disclosure = named(
  z.strictObject({
    budget: named(
      z.enum(DISCLOSURE_LEVELS, { error: `应为 ${DISCLOSURE_LEVELS.join('、')} 之一` }),
      '部门预算公开',
    ),
    final_accounts: named(
      z.enum(DISCLOSURE_LEVELS, { error: `应为 ${DISCLOSURE_LEVELS.join('、')} 之一` }),
      '部门决算公开',
    ),
  }),
  '预决算信息公开',
);

export const Evidence = named(
  z.strictObject({
    budget_execution: BudgetExecution.optional(),
    procurement: Procurement.optional(),
    assets: Assets.optional(),
    staffing: Staffing.optional(),
    public_funds: PublicFunds.optional(),
    disclosure: Disclosure.optional(),
    satisfaction: percent('服务对象满意度').optional(),
    projects_on_time: named(
      z.strictObject({ planned: count('计划完成项目数'), on_time: count('按时完成项目数') }),
      '项目完成及时性',
    ).optional(),
  }),
  '评价佐证数据',
);
export type Evidence = z.infer<typeof Evidence>;
