import { z } from 'zod';
import { moneyOrDash, named, text, YEAR } from './fields.js';

const FundingLine = named(
  z.strictObject({
    name: text('项目', '如 财政拨款、其他资金、基本支出、项目支出'),
    budget: moneyOrDash('当年预算'),
    history: named(
      z.record(
        z.string().regex(YEAR, { error: '近两年收支情况的键应为年份，如 2021' }),
        moneyOrDash('往年收支'),
      ),
      '近两年收支情况',
      '按年份填写前两年的金额，如 2020: 4749.16',
    ).optional(),
  }),
  '资金行',
);

export const FundingOverview = named(
  z.strictObject({
    income: named(z.array(FundingLine).min(1, { error: '收入构成至少要有一行' }), '收入构成'),
    expenditure: named(z.array(FundingLine).min(1, { error: '支出构成至少要有一行' }), '支出构成'),
  }),
  '部门总体资金情况',
);
export type FundingOverview = z.infer<typeof FundingOverview>;
export type FundingLine = z.infer<typeof FundingLine>;
