/**
 * The fields the provincial forms print (forms.md B1–B6) as the computed model holds them, on a clean
 * fixture (test/fixtures/form-fields): fund rows with their 年度资金总额 and rates, blank cells and lines
 * distinct from 0, amounts kept as typed, and the indicator columns derived from the target.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComputedUnit } from '../../src/compute/unit.js';
import { type CheckedContent, checkContent } from '../../src/pipeline/check-content.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/form-fields/content');
let checked: CheckedContent;
let unit: ComputedUnit;

beforeAll(async () => {
  checked = await checkContent(ROOT);
  unit = checked.units[0]!;
});

const s = (d: { toFixed(): string } | undefined) => d?.toFixed();

describe('form fields in the computed model', () => {
  it('checks clean: the fund rows agree with each project', () => {
    expect(checked.findings.sorted().filter((f) => f.severity === 'error')).toEqual([]);
    expect(checked.units).toHaveLength(1);
  });

  it('computes Sichuan fund rows, a zero budget at 0 %, and the total from the rows', () => {
    const funds = unit.projects[0]!.funds!;
    expect(funds.family).toBe('sichuan');
    // Every Sichuan source in the form's order; 其他资金 was not listed and is a blank row.
    expect(funds.rows.map((r) => [r.source, r.listed])).toEqual([
      ['财政资金', true],
      ['财政专户管理资金', true],
      ['单位资金', true],
      ['其他资金', false],
    ]);
    const [fiscal, special, own, other] = funds.rows;
    expect(s(fiscal!.executionRate)).toBe('0.9'); // 90 ÷ 100
    expect(s(special!.executionRate)).toBe('0'); // 调整后预算数 0: 0 %, not an error
    expect(s(own!.executionRate)).toBe('0.3'); // 6 ÷ 20
    expect(other!.budget).toBeUndefined();
    expect(other!.executionRate).toBeUndefined();
    // 年度资金总额: 80 + 0 + 20 = 100; 100 + 0 + 20 = 120; 90 + 0 + 6 = 96; 96 ÷ 120 = 0.8.
    expect(s(funds.total.budget)).toBe('100');
    expect(s(funds.total.adjustedBudget)).toBe('120');
    expect(s(funds.total.spending)).toBe('96');
    expect(s(funds.total.executionRate)).toBe('0.8');
    // Typed 90.0000: the exact value and the text as typed, for forms that print all four decimals.
    expect(fiscal!.spending).toEqual({ value: expect.anything(), text: '90.0000' });
    expect(s(fiscal!.spending!.value)).toBe('90');
    // Typed 0 is a figure, not a blank.
    expect(special!.budget?.text).toBe('0');
  });

  it('keeps a listed row with no figures blank, and a national project in its own family', () => {
    const funds = unit.projects[1]!.funds!;
    expect(funds.family).toBe('national');
    expect(funds.rows.map((r) => r.source)).toEqual(['当年财政拨款', '上年结转资金', '其他资金']);
    const carried = funds.rows[1]!;
    expect(carried.listed).toBe(true);
    expect([carried.budget, carried.adjustedBudget, carried.spending, carried.executionRate]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // 85 ÷ 90 = 0.9444…, the same on the one listed row and on the total.
    expect(funds.total.executionRate!.toFixed(4)).toBe('0.9444');
    expect(funds.rows[0]!.executionRate!.eq(funds.total.executionRate!)).toBe(true);
  });

  it('derives 指标性质, 指标值类型 and 度量单位 from the target, the typed ones winning', () => {
    const [quantity, quality] = unit.projects[0]!.indicators;
    const [trainees, coverage] = quantity!.items;
    expect(trainees).toMatchObject({
      nature: '≥',
      natureTyped: false,
      valueType: '定量',
      unit: '人次',
      targetValue: '800',
      initialTarget: '≥700人次',
      targetAdjusted: true,
      core: true,
    });
    expect(s(trainees!.coefficient)).toBe('0.95'); // 95%
    expect(trainees!.source).toMatchObject({
      explanation: '全年参加培训的人次',
      scoring_standard: '每少 10 人次扣 1 分',
      note: '含线上培训',
    });
    // A bare 95% implies ≥; the author states =, which is no contradiction.
    expect(coverage).toMatchObject({
      nature: '=',
      natureTyped: true,
      unit: '%',
      targetAdjusted: false,
      core: false,
    });
    expect(quality!.items[0]).toMatchObject({ nature: '定性', valueType: '定性', targetValue: '显著' });
    expect(quality!.items[0]!.unit).toBeUndefined();
    // A date target means "done by then": ≤, quantitative.
    expect(unit.projects[1]!.indicators[0]!.items[0]).toMatchObject({ nature: '≤', valueType: '定量' });
  });

  it('keeps a funding line written "-" blank, apart from a line of 0, with amounts as typed', () => {
    const [grant, business, other] = unit.funding!.income.lines;
    expect(grant).toMatchObject({ budgetText: '100.0000', blank: false, share: '100.00%' });
    expect(business).toMatchObject({ budgetText: '0', blank: false, share: '0.00%' });
    expect(other).toMatchObject({ budgetText: '-', blank: true, share: undefined });
    // 100 + 0 + (blank) = 100, equal to the expenditure 60 + 40.
    expect(s(unit.funding!.income.total)).toBe('100');
  });

  it('reads the new project and unit texts', () => {
    expect(unit.content.unit).toMatchObject({
      contact: '张三',
      finance_office: '社会保障科',
      duties: ['贯彻执行民政工作的法律法规', '负责社会救助工作'],
    });
    expect(unit.projects[0]!.source).toMatchObject({
      code: '510000-0001',
      attribute: '新增',
      manager: '李四',
      finance_manager: '王五',
      implementation: '建成两个养老服务站点',
      conclusion: '总体完成年度目标',
    });
  });
});
