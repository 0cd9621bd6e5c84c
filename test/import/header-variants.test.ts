/**
 * Header rows as real files write them: columns in another order, fewer header rows, no merges where
 * the seed merges, spaces and line breaks inside names, full-width punctuation, 其中：prefixes, （万元）
 * after a name. Each variant names the same columns; an unknown header is reported, its column left out.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { checked, cleanup, importInto, project, readUnitFile, yamlOf } from './helpers.js';
import { put } from './seed-000-workbook.js';

afterAll(cleanup);

describe('header variants', () => {
  it('another order, two header rows, spaces, line breaks, full-width colon and （万元）', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2021年');
    put(ws, 1, [['2021 年度示例区民政局部门预算项目绩效自评表']], ['A1:H1']);
    put(
      ws,
      2,
      [
        [
          '项 目 名 称',
          '项目年度\n预算金额（万元）',
          '实际支出金额',
          null,
          null,
          '序号',
          '预算支出\r\n执行率',
          '备注',
          '数量 指标',
        ],
        [
          null,
          null,
          '其中：一般公共预算',
          '政府性基金',
          '非财政资金',
          null,
          null,
          null,
          '年度指标内容',
          '完成情况',
        ],
      ],
      ['A2:A3', 'B2:B3', 'C2:E2', 'F2:F3', 'G2:G3', 'H2:H3', 'I2:J2'],
    );
    put(ws, 4, [
      // 12.50 typed as text keeps its text; 12.5 with the format 0.00 shows 12.50; “-” is no 政府性基金.
      [
        '社区服务',
        '12.50',
        { n: 12.5, fmt: '0.00' },
        '-',
        { n: 0.25, fmt: '#,##0.00' },
        1,
        { n: 1.02, fmt: '0.00%' },
        '已结题',
        '≥10次',
        '12次',
      ],
      [
        '养老服务',
        { n: 1234.5, fmt: '#,##0.00' },
        { n: 1000, fmt: '#,##0.00' },
        null,
        null,
        2,
        '81.00%',
        null,
        '≥5个',
        '5个',
      ],
    ]);
    const dir = project();
    const r = await importInto(dir, 'v.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(
      "v.xlsx:2:8 警告 '2021年'!H2：表头“备注”不是部门预算项目绩效自评表的栏目，这一列没有导入",
    );
    const unit = 'content/2021/v';
    const data = yamlOf(dir, `${unit}/projects.yaml`);
    expect(data.projects).toEqual([
      {
        name: '社区服务',
        budget: '12.50',
        spending: { general_budget: '12.50', government_fund: '-', non_fiscal: '0.25' },
        filed_rate: '102.00%',
        indicators: [
          { level1: '产出指标', level2: '数量指标', items: [{ target: '≥10次', actual: '12次' }] },
        ],
      },
      {
        name: '养老服务',
        budget: '1234.50',
        spending: { general_budget: '1000.00' },
        filed_rate: '81.00%',
        indicators: [{ level1: '产出指标', level2: '数量指标', items: [{ target: '≥5个', actual: '5个' }] }],
      },
    ]);
    const text = readUnitFile(dir, `${unit}/projects.yaml`);
    // As displayed, without the thousands separator: 1,234.50 → 1234.50, 1,000.00 → 1000.00.
    expect(text).toContain("budget: 1234.50 # 来自 '2021年'!B5");
    expect(text).toContain("general_budget: 1000.00 # 来自 '2021年'!C5");
    expect(text).toContain("general_budget: 12.50 # 来自 '2021年'!C4");
    expect(yamlOf(dir, `${unit}/unit.yaml`).unit).toEqual({ name: '示例区民政局', rate_decimals: '2' });

    const { cli, content } = await checked(dir);
    expect(cli.code, cli.out).toBe(0);
    const computed = content.units[0]!;
    // 12.50 + 1234.50 = 1247.00; spending 12.50 + 0.25 + 1000.00 = 1012.75.
    expect(computed.projectTotals.initialBudget.toFixed(2)).toBe('1247.00');
    expect(computed.projectTotals.actualTotal.toFixed(2)).toBe('1012.75');
  });
});
