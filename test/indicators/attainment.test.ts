import { describe, expect, it } from 'vitest';
import { assessAttainment, parseIndicatorValue } from '../../src/indicators/index.js';

const judge = (target: string, actual?: string) =>
  assessAttainment(
    parseIndicatorValue(target),
    actual === undefined ? undefined : parseIndicatorValue(actual),
  );

describe('assessAttainment: >= targets at the boundary', () => {
  it('exactly equal is met: 社会满意度 ≥95% vs 95% (seed 001 row 3)', () => {
    const result = judge('社会满意度 ≥95%', '95%');
    expect(result.status).toBe('met');
    expect(result.comparison).toMatchObject({
      comparator: '>=',
      target: '95',
      actual: '95',
      difference: '0',
    });
  });

  it('above is met: 出勤率: ≥98% vs 99% (seed 001 row 5)', () => {
    expect(judge('街道自聘人员、编外人员出勤率: ≥98%', '99%')).toMatchObject({
      status: 'met',
      comparison: { difference: '1' },
    });
  });

  it('just under is not met, exactly: ≥95% vs 94.99%', () => {
    const result = judge('≥95%', '94.99%');
    expect(result.status).toBe('not-met');
    expect(result.comparison?.difference).toBe('-0.01');
    expect(result.reason).toContain('低于');
  });

  it('decimal exactness: ≥0.3 vs 0.1+0.2 written as 0.30000000000000001 is met (no float)', () => {
    expect(judge('≥0.3万元', '0.30000000000000001万元').status).toBe('met');
    expect(judge('≥0.30000000000000001万元', '0.3万元').status).toBe('not-met');
  });

  it('a bare 100% target (implied >=) is met by 100% (seed 001 row 5 发放完成率100% / 100%)', () => {
    expect(judge('街道自聘人员、编外人员工资福利发放完成率100%', '100%').status).toBe('met');
  });

  it('a bare percentage target is met by more: 宣传册派发覆盖率: 90% vs 95% (seed 001 row 2)', () => {
    expect(judge('宣传册派发覆盖率: 90%', '95%').status).toBe('met');
  });

  it('95%以上 is inclusive: 95% meets it', () => {
    expect(judge('95%以上', '95%').status).toBe('met');
  });

  it('> is strict: ＞９５％ vs 95% is not met, 95.1% is met', () => {
    expect(judge('＞９５％', '95%').status).toBe('not-met');
    expect(judge('＞９５％', '95.1%').status).toBe('met');
  });
});

describe('assessAttainment: <= and < targets', () => {
  it('≤90万元: 90万元 met, 89.99万元 met, 90.01万元 not met', () => {
    expect(judge('≤90万元', '90万元').status).toBe('met');
    expect(judge('≤90万元', '89.99万元').status).toBe('met');
    const over = judge('≤90万元', '90.01万元');
    expect(over.status).toBe('not-met');
    expect(over.reason).toContain('超过');
  });

  it('5%以下 is inclusive; 低于5% is strict', () => {
    expect(judge('5%以下', '5%').status).toBe('met');
    expect(judge('低于5%', '5%').status).toBe('not-met');
    expect(judge('低于5%', '4.9%').status).toBe('met');
  });

  it('money converts exactly between 元 and 万元: ≤90万元 vs 900000元 met, 900001元 not met', () => {
    expect(judge('≤90万元', '900000元').status).toBe('met');
    expect(judge('≤90万元', '900001元').status).toBe('not-met');
  });
});

describe('assessAttainment: = targets', () => {
  it('explicit =8个 is strict: 8个 met, 9个 not met', () => {
    expect(judge('=8个', '8个').status).toBe('met');
    expect(judge('=8个', '9个').status).toBe('not-met');
  });

  it('a bare count is reached: 10次 vs 10次 met, 12次 met (exceeded), 9次 not met', () => {
    expect(judge('10次', '10次').status).toBe('met');
    const more = judge('10次', '12次');
    expect(more.status).toBe('met');
    expect(more.comparison?.comparator).toBe('>=');
    expect(more.reason).toContain('超过');
    expect(judge('10次', '9次').status).toBe('not-met');
  });

  it('a bare amount of money is a ceiling: 100万元 vs 98万元 met, 101万元 not met', () => {
    expect(judge('100万元', '98万元').status).toBe('met');
    expect(judge('100万元', '101万元').status).toBe('not-met');
  });
});

describe('assessAttainment: units', () => {
  it('different units are flagged and not computed: ≥95% vs 800人', () => {
    const result = judge('≥95%', '800人');
    expect(result.status).toBe('author-judged');
    expect(result.unitMismatch).toEqual({ target: '%', actual: '人' });
    expect(result.comparison).toBeUndefined();
  });

  it('人次 is not 人: ≥300 人次 vs 300人 is a mismatch', () => {
    expect(judge('≥300 人次', '300人').unitMismatch).toEqual({ target: '人次', actual: '人' });
  });

  it('a unitless target takes the actual unit: 辖区居民群众满意度: ≥95 vs 95% (seed 001 row 1)', () => {
    const result = judge('辖区居民群众满意度: ≥95', '95%');
    expect(result.status).toBe('met');
    expect(result.unitMismatch).toBeUndefined();
    expect(result.comparison).toMatchObject({ unit: '%', unitAssumed: true });
  });

  it('人 and 名 count the same people: 卡口防控人员补贴12人 vs 12名', () => {
    expect(judge('卡口防控人员补贴12人', '12名').status).toBe('met');
  });
});

describe('assessAttainment: words, qualitative, not applicable, pending', () => {
  it('a quantitative target with 已达标 is met by the author word (seed 000 row 4)', () => {
    const result = judge('社区居民满意度≥98%', '已达标');
    expect(result).toMatchObject({ status: 'author-judged', authorVerdict: 'met' });
    expect(result.reason).toBeTruthy();
  });

  it.each([
    '已达标',
    '已完成',
    '按时完成',
    '及时完成',
    '全部达成预期指标',
    '已验收100%合格',
    '已发挥预期作用。',
  ])('%s reads as met', (actual) => {
    expect(judge('有效提高', actual)).toMatchObject({ status: 'author-judged', authorVerdict: 'met' });
  });

  it.each(['未完成', '未达标', '部分报告已通过审批, 其余正在按相关程序报批。'])(
    '%s does not read as met',
    (actual) => {
      expect(judge('显著', actual).authorVerdict).not.toBe('met');
    },
  );

  it('未完成 reads as not met, 基本完成 as partly met', () => {
    expect(judge('显著', '未完成').authorVerdict).toBe('not-met');
    expect(judge('显著', '基本完成').authorVerdict).toBe('partly-met');
  });

  it('a qualitative target with a free-text actual is left to the author (seed 000 row 2)', () => {
    const result = judge('提升养老机构服务管理和运营发展标准化', '按市场监管部门要求, 规划并着手改建明亮社');
    expect(result.status).toBe('author-judged');
    expect(result.authorVerdict).toBeUndefined();
  });

  it('an actual restating a qualitative target is met by the author word (有效提高 / 有效提高)', () => {
    expect(judge('有效提高', '有效提高')).toMatchObject({ status: 'author-judged', authorVerdict: 'met' });
  });

  it('不适用 target with 不适用 actual is not applicable (seed 000 生态效益)', () => {
    expect(judge('不适用', '不适用')).toEqual({ status: 'not-applicable' });
  });

  it('a 不适用 target with a value written against it is not applicable, with a reason', () => {
    const result = judge('不适用', '95%');
    expect(result.status).toBe('not-applicable');
    expect(result.reason).toContain('95%');
  });

  it('an applicable target with a 不适用 actual is not applicable, with a reason', () => {
    const result = judge('≥95%', '不适用');
    expect(result.status).toBe('not-applicable');
    expect(result.reason).toContain('≥95%');
  });

  it('no actual yet is pending', () => {
    expect(judge('≥95%').status).toBe('pending');
    expect(judge('≥95%', '').status).toBe('pending');
  });
});

describe('assessAttainment: dates', () => {
  it('2024 年 12 月完成 vs 2024年11月完成 is met', () => {
    expect(judge('2024 年 12 月完成', '2024年11月完成').status).toBe('met');
  });

  it('same month is met; the next month is not', () => {
    expect(judge('2024 年 12 月完成', '2024年12月完成').status).toBe('met');
    expect(judge('2024 年 12 月完成', '2024年12月31日完成').status).toBe('met');
    const late = judge('2024 年 12 月完成', '2025年1月完成');
    expect(late.status).toBe('not-met');
    expect(late.reason).toContain('晚于');
  });

  it('a year-only deadline: 2020年 against a 2019年 target is late, 2019年 is on time', () => {
    const late = judge('2019年', '2020年');
    expect(late.status).toBe('not-met');
    expect(late.reason).toBe('完成时间2020年晚于目标时间2019年，未按时完成');
    expect(judge('2019年', '2019年').status).toBe('met');
    expect(judge('2019年底', '2019年11月').status).toBe('met');
  });

  it('a yearless deadline takes the other side year: 11月底前 vs 10月底前已全部购买完成。 (seed 000)', () => {
    expect(judge('11月底前', '10月底前已全部购买完成。').status).toBe('met');
    expect(judge('11月底前', '2024年12月5日完成').status).toBe('not-met');
  });

  it('a date target with 及时完成 is met by the author word (seed 000 row 2)', () => {
    expect(judge('11月底前按规定办法完成相应的资助项目', '及时完成')).toMatchObject({
      status: 'author-judged',
      authorVerdict: 'met',
    });
  });
});
