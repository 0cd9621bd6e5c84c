import { z } from 'zod';
import { money, named, text } from './fields.js';

export const FUND_KINDS = ['财政拨款', '其他资金'] as const;

const TaskItem = named(
  z.strictObject({
    name: text('明细名称'),
    amount: money('明细金额'),
    fund: named(z.enum(FUND_KINDS, { error: '资金来源应为 财政拨款 或 其他资金' }), '资金来源').default(
      '财政拨款',
    ),
  }),
  '任务明细',
);

export const AnnualTask = named(
  z
    .strictObject({
      name: text('任务名称'),
      description: text('主要内容', '不填时由明细生成，如“劳务派遣费 319.86 万元；……”').optional(),
      items: named(
        z.array(TaskItem).min(1, { error: '明细至少要有一项' }),
        '明细',
        '构成预算金额的各项明细',
      ).optional(),
      amount: money('预算金额', '没有明细时直接填写的预算金额（万元）').optional(),
      other_funds: money('其他资金', '没有明细时，预算金额中的其他资金（万元），默认 0').optional(),
      approved: money('预算批复数', '核对用：明细合计必须等于此数').optional(),
    })
    .superRefine((task, ctx) => {
      if (task.items && task.amount !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message:
            '已列明细时预算金额由明细合计得出，不要再填写 amount；如需核对请填写 approved（预算批复数）',
        });
      }
      if (!task.items && task.amount === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `任务“${task.name}”缺少明细（items）或预算金额（amount）`,
        });
      }
      if (task.items && task.other_funds !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['other_funds'],
          message: '已列明细时其他资金由明细的资金来源得出，不要再填写 other_funds',
        });
      }
    }),
  '年度主要任务',
);
export type AnnualTask = z.infer<typeof AnnualTask>;
export type TaskItem = z.infer<typeof TaskItem>;
