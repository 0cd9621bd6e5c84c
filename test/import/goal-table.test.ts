/**
 * `jixiao import` of a hand-made 部门整体支出绩效目标表 in seed 003's layout: 部门名称 and 主管部门, the tasks
 * with their amounts as shown, 金额合计 compared (typed wrong here, named at its cell with the cells it
 * sums), 年度总体目标 items with their headings, and the indicator table with 一级/二级 merged down.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { checked, cleanup, importInto, project, yamlOf } from './helpers.js';
import { put } from './seed-000-workbook.js';

afterAll(cleanup);

const money = (n: number) => ({ n, fmt: '0.00' });

async function goalTable(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目标表');
  put(
    ws,
    1,
    [
      ['部门整体支出绩效目标表'],
      ['（2024年度）'],
      ['部门名称', '深圳市福田区民政局(本级)', null, '主管部门', '深圳市福田区民政局'],
      ['年度主要任务', '任务名称', '主要内容', '预算金额（万元）'],
      [null, null, null, '总额', '财政拨款', '其他资金'],
      [
        '年度主要任务',
        '基本支出',
        '主要用于人员、公用及对个人和家庭补助支出等',
        money(1219.8),
        money(1219.8),
        0,
      ],
      [
        '年度主要任务',
        '一般管理事务',
        '劳务派遣费 319.86 万元；一般管理事务 129.99 万元。',
        money(449.85),
        money(449.85),
        0,
      ],
      // 1219.80 + 449.85 = 1669.65; the 总额 is typed 1669.56.
      ['年度主要任务', '金额合计', null, money(1669.56), money(1669.65), 0],
      ['年度总体目标', '（一）实施养老服务扩容提质行动\n一是全力推进照料机构建设。二是优化床位设置。'],
      ['年度总体目标', '（二）实施未成年人保护撑伞行动'],
      [],
      ['年度绩效指标'],
      ['一级指标', '二级指标', '三级指标', '目标值'],
      ['产出指标', '数量指标', '托管维护界桩', '26 个'],
      [null, null, '开展抽查监督工作社会组织数量', '77 家'],
      [null, '时效指标', '各项业务工作完成时间', '2024 年 12 月完成'],
      ['效益指标', '经济效益指标', '不适用', '不适用'],
      ['满意度指标', '服务对象满意度指标', '困难群众满意度', '≥90%'],
    ],
    [
      'A1:F1',
      'A2:F2',
      'B3:C3',
      'E3:F3',
      'A4:A8',
      'B4:B5',
      'C4:C5',
      'D4:F4',
      'B8:C8',
      'A9:A10',
      'B9:F9',
      'B10:F10',
      'A12:D12',
      'A14:A16',
      'B14:B15',
    ],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import of a goal table in the seed 003 layout', () => {
  it('imports tasks, goals and indicators; 金额合计 typed wrong is named at D8 with D6:D7', async () => {
    const dir = project();
    const r = await importInto(dir, 'futian.xlsx', await goalTable());
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(
      'futian.xlsx:8:4 警告 目标表!D8：金额合计的预算金额总额为 1669.56，而 目标表!D6:D7 之和为 1669.65（相差 0.09）',
    );
    // 财政拨款 1669.65 is right; each task's 总额 equals 财政拨款 + 其他资金.
    expect(r.out.match(/:\d+:\d+ 警告/g)).toHaveLength(1);
    const unit = 'content/2024/futian';
    expect(yamlOf(dir, `${unit}/unit.yaml`).unit).toEqual({
      name: '深圳市福田区民政局(本级)',
      supervisor: '深圳市福田区民政局',
    });
    expect(yamlOf(dir, `${unit}/tasks.yaml`).tasks).toEqual([
      { name: '基本支出', description: '主要用于人员、公用及对个人和家庭补助支出等', amount: '1219.80' },
      {
        name: '一般管理事务',
        description: '劳务派遣费 319.86 万元；一般管理事务 129.99 万元。',
        amount: '449.85',
      },
    ]);
    expect(yamlOf(dir, `${unit}/goals.yaml`).goals.annual).toEqual([
      { title: '实施养老服务扩容提质行动', text: '一是全力推进照料机构建设。二是优化床位设置。' },
      { text: '实施未成年人保护撑伞行动' },
    ]);
    expect(yamlOf(dir, `${unit}/indicators.yaml`).indicators).toEqual([
      {
        level1: '产出指标',
        level2: '数量指标',
        items: [
          { name: '托管维护界桩', target: '26 个' },
          { name: '开展抽查监督工作社会组织数量', target: '77 家' },
        ],
      },
      {
        level1: '产出指标',
        level2: '时效指标',
        items: [{ name: '各项业务工作完成时间', target: '2024 年 12 月完成' }],
      },
      { level1: '效益指标', level2: '经济效益指标', items: [{ name: '不适用', target: '不适用' }] },
      {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        items: [{ name: '困难群众满意度', target: '≥90%' }],
      },
    ]);
    const { cli, content } = await checked(dir);
    expect(cli.code, cli.out).toBe(0);
    // 金额合计 as jixiao computes it: 1219.80 + 449.85 = 1669.65, all 财政拨款.
    const tasks = content.units[0]!.tasks!;
    expect([tasks.total.toFixed(2), tasks.fiscal.toFixed(2), tasks.other.toFixed(2)]).toEqual([
      '1669.65',
      '1669.65',
      '0.00',
    ]);
  });
});
