import { z } from 'zod';
import { date, named, text, textList } from './fields.js';

/** The one document filed as a numbered attachment (附件N); its name is the key in `attachments`. */
export const GOAL_DECLARATION_NAME = '部门整体支出绩效目标申报表';

export const UnitFacts = named(
  z.strictObject({
    name: text('单位名称', '单位全称，如 深圳市龙岗区民政局'),
    short_name: text('单位简称', '表格和标题中使用的简称，如 区民政局本级').optional(),
    supervisor: text('主管部门').optional(),
    preparer: text('填报人').optional(),
    contact: text('部门联系人').optional(),
    phone: text('联系电话').optional(),
    finance_office: text('财政处室', '主管本部门预算的财政处（科）室').optional(),
    date: date('填报日期').optional(),
    functions: textList('部门职能', '部门职能概述，每条一项').optional(),
    duties: textList('部门（单位）职责', '每条一项；湖南省整体绩效目标表必填').optional(),
    work_tasks: textList('年度工作任务', '每条一项').optional(),
    rate_decimals: named(
      z.union([z.literal('1'), z.literal('2')], { error: '执行率小数位数应为 1 或 2' }).transform(Number),
      '执行率小数位数',
      '预算支出执行率打印的小数位数：1（如 99.9%）或 2（如 99.75%），默认 2',
    ).default(2),
    project_table_paper: named(
      z.enum(['A3', 'A4'], { error: '项目自评表纸张应为 A3 或 A4' }),
      '项目自评表纸张',
      '部门预算项目绩效自评表的纸张（横向）：A3（默认）或 A4',
    ).default('A3'),
    rules: text(
      '评分规则',
      'rules/ 中评分规则文件的名称（项目支出绩效自评表按它打分），如 national、sichuan、shenzhen；不填则沿用上级单位的，都没有则为 shenzhen',
    ).optional(),
    framework: text(
      '评价框架',
      '整体绩效自评所用评价框架（frameworks/ 中的文件名），如 shenzhen-2021；下属单位不填则沿用上级单位的',
    ).optional(),
    forms: named(
      z.array(text('文书')).min(1, { error: '至少写一份文书或一个区域包' }),
      '文书',
      '本单位要生成的文书：文书名（如 goal-table、national/project-self-evaluation）或区域包名（如 national）；不写则生成默认的文书，下属单位不写则沿用上级单位的。jixiao forms 列出所有可用的文书',
    ).optional(),
    attachments: named(
      z.strictObject({
        [GOAL_DECLARATION_NAME]: named(
          z.string().regex(/^\d+$/, { error: '附件编号应为整数，如 3' }),
          '申报表附件编号',
          '部门整体支出绩效目标申报表作为附件上报时的编号，如 3（打印为“附件3”）',
        ).optional(),
      }),
      '附件编号',
      '文书作为附件上报时左上角的附件编号，按文书名称填写，如 部门整体支出绩效目标申报表: 3（打印为“附件3”）；不填则不印。目前只有申报表印附件编号',
    ).optional(),
  }),
  '单位信息',
);
export type UnitFacts = z.infer<typeof UnitFacts>;
