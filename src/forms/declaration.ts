import { z } from 'zod';
import { named, text } from '../model/fields.js';

/**
 * `form.yaml`: what makes a folder under templates/ a form — its name, how many documents a unit gets
 * (one, one per project, or one for a department with its sub-units), the file name, the page, and the
 * content it needs. The layout itself is the folder's main.hbs and partials.
 */

/**
 * Content parts a form may need; a unit without them gets no document of it (or a finding if it asked).
 * For a department's consolidation (scope department), `projects` are the department's or any sub-unit's.
 */
export const REQUIRED_PARTS = {
  projects: '项目',
  tasks: '年度主要任务',
  indicators: '部门整体绩效指标',
  goals: '整体绩效目标',
  funding: '部门总体资金情况',
  evaluation: '整体绩效自评',
  sub_units: '下属单位',
  report: '自评报告正文 report.md',
} as const;
export type RequiredPart = keyof typeof REQUIRED_PARTS;

const PARTS = Object.keys(REQUIRED_PARTS) as [RequiredPart, ...RequiredPart[]];

/**
 * Fields a form marks required (the * of the Hunan 整体绩效目标表): `check` names each one missing at its
 * line. `indicators.*` are the department's own indicators (部门整体绩效指标), checked on every one of them;
 * `projects.*` are checked on every project.
 */
export const REQUIRED_FIELDS = {
  'unit.duties': '部门（单位）职责',
  'unit.functions': '部门职能',
  'goals.annual': '年度总体绩效目标',
  'indicators.name': '三级指标（指标名称）',
  'indicators.target': '指标值',
  'indicators.unit': '计量单位',
  'indicators.explanation': '指标解释',
  'indicators.scoring_standard': '评（扣）分标准',
  'projects.code': '项目编码',
  'projects.manager': '项目负责人',
  'projects.finance_manager': '财务负责人',
  'projects.goal': '年初绩效目标',
  'projects.completion': '年度目标完成情况',
} as const;
export type RequiredField = keyof typeof REQUIRED_FIELDS;
const FIELDS = Object.keys(REQUIRED_FIELDS) as [RequiredField, ...RequiredField[]];

export const FormFile = named(
  z.strictObject({
    form: named(
      z.strictObject({
        name: text('文书名称', '文书的正式名称，如 项目支出绩效自评表；用在 jixiao forms 的列表和 --only 中'),
        scope: named(
          z.enum(['unit', 'project', 'department'], {
            error: '份数应为 unit（每个单位一份）、project（每个项目一份）或 department（部门汇总一份）',
          }),
          '份数',
          'unit：每个单位一份；project：每个项目一份（模板中可用 project）；department：有下属单位的部门汇总一份',
        ),
        file_name: text(
          '文件名',
          '输出文件名（不含扩展名），可用文书数据，如 "{{year}}年{{unit.name}}项目支出绩效自评表"',
        ),
        template: text('主模板', '本文件夹中的主模板文件名（不含 .hbs），默认 main').default('main'),
        paper: named(z.enum(['A4', 'A3'], { error: '纸张应为 A4 或 A3' }), '纸张').default('A4'),
        orientation: named(
          z.enum(['portrait', 'landscape'], { error: '方向应为 portrait（纵向）或 landscape（横向）' }),
          '方向',
        ).default('portrait'),
        requires: named(
          z.array(z.enum(PARTS, { error: `应为 ${PARTS.join('、')} 之一` })),
          '所需内容',
          `单位须有这些内容才生成本文书：${PARTS.map((p) => `${p}（${REQUIRED_PARTS[p]}）`).join('、')}`,
        ).default([]),
        requires_any: named(
          z.array(z.enum(PARTS, { error: `应为 ${PARTS.join('、')} 之一` })),
          '所需内容（其一）',
          '单位有其中任何一项内容就生成本文书，如 [tasks, indicators]；部门汇总一份的文书，projects 指本级或任一下属单位的项目',
        ).default([]),
        required_fields: named(
          z.array(z.enum(FIELDS, { error: `应为 ${FIELDS.join('、')} 之一` })),
          '必填项',
          `表上标 * 的必填项，单位选用本表而没有填写时 check 在该处提示：${FIELDS.map((f) => `${f}（${REQUIRED_FIELDS[f]}）`).join('、')}`,
        ).default([]),
        rules: text(
          '评分规则',
          '本表的分值、得分按哪套评分规则（rules/ 中的名称）计算；单位选用的规则不同时 check 提示',
        ).optional(),
        former_name: text(
          '旧名称',
          'jixiao 早先版本中本文书的名称（如 goal-table）：unit.yaml 的 forms 和 jixiao forms eject 中仍可用它；项目 templates/ 中以它为名的旧版式文件夹会得到提示',
        ).optional(),
        framework: text(
          '评价框架',
          '本表按哪个评价框架（frameworks/ 中的名称）排版；单位的整体绩效自评用别的框架时 check 报错',
        ).optional(),
      }),
      '文书声明',
    ),
  }),
  '文书声明文件',
);
export type FormFile = z.infer<typeof FormFile>;
