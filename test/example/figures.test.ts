import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixed, percentText } from '../../src/money/decimal.js';
import { type CheckedContent, checkContent } from '../../src/pipeline/check-content.js';

/** The example year must reproduce the figures the seeds print; expected values are read off the seeds. */
const CONTENT = path.resolve(import.meta.dirname, '../../content');
let checked: CheckedContent;
beforeAll(async () => {
  checked = await checkContent(CONTENT);
});

const unit = (id: string) => {
  const u = checked.units.find((x) => x.id === id);
  if (!u) throw new Error(`unit ${id} missing`);
  return u;
};
const project = (unitId: string, name: string) => {
  const p = unit(unitId).projects.find((x) => x.source.name === name);
  if (!p) throw new Error(`project ${name} missing`);
  return p;
};

describe('the example year', () => {
  it('has no errors; the warnings are the seeds own slips', () => {
    expect(checked.findings.errorCount).toBe(0);
    const codes = checked.findings
      .sorted()
      .map((f) => `${f.code} ${f.at?.file.split('/').slice(-2).join('/')}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'filed-rate-differs longgang-minzheng/projects.yaml', // seed 000 row 2 and row 7
        'filed-rate-differs wangge-longgang/projects.yaml', // seed 001 row 2: 99.74% vs printed 99.75%
        'carryover-mismatch longgang-minzheng/evidence.yaml', // seed 002: 152.62 printed, 152.63 computed
        'indicator-unnamed futian-minzheng/indicators.yaml', // seed 003 lost the names of its first five rows
      ]),
    );
  });

  it('prints seed 000 rates 100.0% / 99.9% / 91.6% / 100.0% for rows 1, 5, 8, 10', () => {
    const rate = (name: string) => percentText(project('2020/longgang-minzheng', name).executionRate!, 1);
    expect(rate('社会组织管理')).toBe('100.0%');
    expect(rate('社区服务中心运营')).toBe('99.9%');
    expect(rate('办公设备购置')).toBe('91.6%');
    expect(rate('婚姻登记工作')).toBe('100.0%');
    expect(unit('2020/longgang-minzheng').rateDecimals).toBe(1);
  });

  it('computes seed 001 row 7 实际支出 4.35 = 4.15 + 0.20, with rates at 2 decimals', () => {
    const p = project('2020/longgang-minzheng/wangge-longgang', '当年财力(通用项目)');
    expect(fixed(p.actualTotal, 2)).toBe('4.35');
    expect(fixed(p.spending.generalBudget, 2)).toBe('4.15');
    expect(unit('2020/longgang-minzheng/wangge-longgang').rateDecimals).toBe(2);
  });

  it('sums seed 003 tasks to 金额合计 3980.52, 一般管理事务 449.85 from its items', () => {
    const tasks = unit('2024/futian-minzheng').tasks!;
    expect(fixed(tasks.total, 2)).toBe('3980.52');
    const general = tasks.tasks.find((t) => t.source.name === '一般管理事务')!;
    expect(fixed(general.total, 2)).toBe('449.85');
    const civil = tasks.tasks.find((t) => t.source.name === '民政管理事务')!;
    expect(civil.total.toFixed()).toBe('1020.133');
  });

  it('gives seed 004 shares 99.21% / 0.79% / 17.44% / 82.56% and balanced totals', () => {
    const f = unit('2022/qingshan-minzheng').funding!;
    expect(f.income.lines.map((l) => l.share)).toEqual(['99.21%', '0.79%']);
    expect(f.expenditure.lines.map((l) => l.share)).toEqual(['17.44%', '82.56%']);
    expect(fixed(f.income.total, 2)).toBe('6057.09');
    expect(fixed(f.expenditure.total, 2)).toBe('6057.09');
    expect(f.priorYears).toEqual([2020, 2021]);
    expect(fixed(f.income.historyTotals.get(2020)!, 2)).toBe('4778.56');
    expect(fixed(f.expenditure.historyTotals.get(2021)!, 2)).toBe('5818.97');
  });

  it('consolidates the 2020 department with its sub-unit as the sum of both', () => {
    const c = checked.consolidations.find((x) => x.unit.id === '2020/longgang-minzheng')!;
    expect(c.members.map((m) => m.id)).toEqual([
      '2020/longgang-minzheng',
      '2020/longgang-minzheng/wangge-longgang',
    ]);
    const own = unit('2020/longgang-minzheng').projectTotals.actualTotal;
    const sub = unit('2020/longgang-minzheng/wangge-longgang').projectTotals.actualTotal;
    expect(c.projectTotals.actualTotal.eq(own.plus(sub))).toBe(true);
    expect(c.members.flatMap((m) => m.projects)).toHaveLength(14 + 8);
  });

  it('computes seed 002 年末结转结余 as 152.63 (the report printed 152.62)', () => {
    expect(unit('2021/longgang-minzheng').evidence!.carryoverEndComputed!.toFixed(2)).toBe('152.63');
  });
});
