import { z } from 'zod';
import { named, text, textList } from './fields.js';
import { IndicatorSet } from './indicators.js';

const AnnualGoal = named(
  z.strictObject({
    title: text('目标标题', '如 实施养老服务扩容提质行动；可不填').optional(),
    text: text('目标内容', '年内调整过的，这里写调整后（全年）的目标，年初的写在 initial_text'),
    initial_text: text(
      '年初绩效目标',
      '年内调整过目标时，年初设定的目标；不填则与目标内容（text）相同',
    ).optional(),
    completion: text('全年目标实际完成情况', '年度终了时填写').optional(),
    indicators: IndicatorSet.optional(),
  }),
  '年度目标',
);

export const Goals = named(
  z.strictObject({
    long_term: textList('长期目标').optional(),
    annual: named(z.array(AnnualGoal).min(1, { error: '年度目标至少要有一条' }), '年度目标'),
  }),
  '整体绩效目标',
);
export type Goals = z.infer<typeof Goals>;
export type AnnualGoal = z.infer<typeof AnnualGoal>;
