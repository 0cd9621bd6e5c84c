/**
 * `jixiao import` of the wide 部门预算项目绩效自评表 in seed 000's layout, built here with exceljs: each row
 * becomes a project with its figures as the sheet shows them and each value's cell named in a comment;
 * the 合计 row is not imported, and a total typed wrong is a warning at its cell naming the cells it sums;
 * the written folder passes `jixiao check` with the sheet's figures.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checked, cleanup, files, importInto, project, readUnitFile, yamlOf } from './helpers.js';
import { seed000Workbook } from './seed-000-workbook.js';

afterAll(cleanup);

const UNIT = 'content/2020/seed000';

describe('import of a sheet in the seed 000 layout', () => {
  it('reports the 合计 typed wrong at its cell, writes the projects and check computes the sheet’s figures', async () => {
    const dir = project();
    // 合计 of 项目年度预算金额 typed 5116.24; the rows give 102 + 5007.72 + 6.7 = 5116.42.
    const r = await importInto(dir, 'seed000.xlsx', await seed000Workbook({ budgetTotal: 5116.24 }));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(
      'seed000.xlsx:10:4 警告 Sheet1!D10：合计行的项目年度预算金额为 5116.24，而 Sheet1!D7:D9 之和为 5116.42（相差 0.18）',
    );
    // The other totals are right: 93.99 + 4958.11 + 3.80 = 5055.90; 93.99 + 2023.56 + 3.80 = 2121.35;
    // 2934.55 alone; and each row's 合计 equals its sources (4958.11 = 2023.56 + 2934.55).
    expect(r.out.match(/:\d+:\d+ 警告/g)).toHaveLength(1);
    expect(r.out).toContain('（0 个错误，1 个警告）');
    expect(files(`${dir}/${UNIT}`)).toEqual(['projects.yaml', 'unit.yaml']);

    const data = yamlOf(dir, `${UNIT}/projects.yaml`);
    expect(data.projects.map((p: { name: string }) => p.name)).toEqual([
      '社会组织管理',
      '社区服务中心运营',
      '办公设备购置',
    ]);
    const text = readUnitFile(dir, `${UNIT}/projects.yaml`);
    // Amounts as the sheet shows them: 3.8 formatted 0.00 is 3.80; 6.7 typed with one decimal stays 6.7.
    expect(text).toContain('general_budget: 3.80 # 来自 Sheet1!F9');
    expect(text).toContain('budget: 6.7 # 来自 Sheet1!D9');
    expect(text).toContain('government_fund: 2934.55 # 来自 Sheet1!G8');
    // 0.9999 formatted 0.0% shows 100.0%: the rate as filed, kept to check against the computed one.
    expect(text).toContain('filed_rate: 100.0% # 来自 Sheet1!I7');
    expect(data.projects[0].indicators[6]).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      items: [{ target: '服务对象满意度100%', actual: '已达标' }],
    });
    const unit = yamlOf(dir, `${UNIT}/unit.yaml`).unit;
    // The title names the unit; 单位名称 (merged down B7:B9) is its short name; rates print 1 decimal.
    expect(unit).toEqual({ name: '龙岗区民政局', short_name: '区民政局本级', rate_decimals: '1' });

    const { cli, content } = await checked(dir);
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain('0 个错误');
    const computed = content.units.find((u) => u.id === '2020/seed000')!;
    expect(computed.projectTotals.initialBudget.toFixed(2)).toBe('5116.42');
    // 93.99 + (2023.56 + 2934.55) + 3.80 = 5055.90.
    expect(computed.projectTotals.actualTotal.toFixed(2)).toBe('5055.90');
    expect(computed.projects.map((p) => p.actualTotal.toFixed(2))).toEqual(['93.99', '4958.11', '3.80']);
    // No adjustments are in the sheet: the rate is against the budget, 3.80 ÷ 6.7 = 56.7%, and check
    // warns that the filed 91.6% differs (the adjustments are in the 问题 text, not in a column).
    expect(cli.out).toContain(
      '项目“办公设备购置”预算支出执行率计算为 56.7%（3.80 ÷ 调整后预算 6.70），填报表印为 91.6%',
    );
  });

  it('a total typed right gives no finding', async () => {
    const dir = project();
    const r = await importInto(dir, 'seed000.xlsx', await seed000Workbook());
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('（0 个错误，0 个警告）');
  });

  it('refuses an existing unit folder without --force, and replaces its files with it', async () => {
    const dir = project();
    const data = await seed000Workbook();
    expect((await importInto(dir, 'seed000.xlsx', data)).code).toBe(0);
    const before = readUnitFile(dir, `${UNIT}/projects.yaml`);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/${UNIT}/projects.yaml`, '# 作者改过\n');
    writeFileSync(`${dir}/${UNIT}/report.md`, '# 报告\n');
    const again = await importInto(dir, 'seed000.xlsx', data);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`${UNIT}/ 已存在，没有写入任何文件`);
    expect(readUnitFile(dir, `${UNIT}/projects.yaml`)).toBe('# 作者改过\n');
    const forced = await importInto(dir, 'seed000.xlsx', data, '--force');
    expect(forced.code, forced.out).toBe(0);
    expect(readUnitFile(dir, `${UNIT}/projects.yaml`)).toBe(before);
    // A file the import does not write is left as it was.
    expect(readUnitFile(dir, `${UNIT}/report.md`)).toBe('# 报告\n');
  });

  it('writes where --out says, and the same workbook gives the same bytes', async () => {
    const dir = project();
    const data = await seed000Workbook();
    await importInto(dir, 'seed000.xlsx', data, '--out', 'content/2020/a');
    await importInto(dir, 'seed000.xlsx', data, '--out', 'content/2020/b');
    expect(readUnitFile(dir, 'content/2020/a/projects.yaml')).toBe(
      readUnitFile(dir, 'content/2020/b/projects.yaml'),
    );
  });
});
