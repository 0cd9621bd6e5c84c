import { z } from 'zod';
import { named, percent, text } from './fields.js';

const LeafScore = named(
  z.strictObject({
    score: named(z.string().regex(/^\d+(\.\d+)?$/, { error: '得分应为数字' }), '得分').optional(),
    coefficient: named(
      percent('得分系数'),
      '得分系数',
      '得分系数评分的指标：0–100%，得分 = 得分系数 × 分值',
    ).optional(),
    note: text('扣分情况说明', '扣分情况及整改情况说明；不填时由数据生成').optional(),
    override_reason: text('调整理由', '覆盖计算得分时必须说明理由').optional(),
    parts: named(
      z.record(
        z.string(),
        named(z.string().regex(/^\d+(\.\d+)?$/, { error: '得分应为数字' }), '组成部分得分'),
      ),
      '组成部分得分',
      '由几部分合计的指标中，评判部分的得分，如 政府采购政策功能: 1',
    ).optional(),
  }),
  '指标得分',
);

export const Evaluation = named(
  z.strictObject({
    framework: text(
      '评价框架',
      'frameworks/ 中的评价框架名称，如 shenzhen-2021；不填则用 unit.yaml 中 unit 的 framework（下属单位沿用上级单位的）',
    ).optional(),
    scores: named(
      z.record(z.string(), LeafScore),
      '各项得分',
      '按末级指标名称填写评判得分、得分系数、扣分说明或覆盖理由',
    ).default({}),
  }),
  '整体绩效自评',
);
export type Evaluation = z.infer<typeof Evaluation>;
