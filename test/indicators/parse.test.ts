import { describe, expect, it } from 'vitest';
import { parseIndicatorValue } from '../../src/indicators/index.js';

// Every input below is a string from the seeds (000, 001, 003, 004) or a full-width / spacing variant the
// spec names; each expectation is read off the string itself.

type Q = [text: string, comparator: string, value: string, unit: string];

describe('parseIndicatorValue: quantities with a written comparator', () => {
  const cases: Q[] = [
    // symbols
    ['≥95%', '>=', '95', '%'], // seed 003 支出进度达标率
    ['≥ 800 人', '>=', '800', '人'], // spec §6, spaces inside
    ['≥800 人', '>=', '800', '人'], // seed 003 年关爱扶助人数
    ['≥300 人次', '>=', '300', '人次'], // seed 003 心理辅导服务人次
    ['≥90%', '>=', '90', '%'], // seed 003 满意度
    ['=8个', '=', '8', '个'], // spec §6
    ['≤90万元', '<=', '90', '万元'], // spec §6, money glued on
    ['≥50个', '>=', '50', '个'], // issue 2 §6, glued unit
    // Chinese words
    ['不低于90%', '>=', '90', '%'], // seed 000 row 2 tail
    ['不少于1场', '>=', '1', '场'], // seed 001 row 2 (its leading part)
    ['不高于5%', '<=', '5', '%'],
    ['不超过90万元', '<=', '90', '万元'],
    ['达到95%', '>=', '95', '%'],
    ['超过10次', '>', '10', '次'],
    ['低于3%', '<', '3', '%'],
    // 以上 / 以下 / 以内 after the value: inclusive
    ['95%以上', '>=', '95', '%'], // seed 004 goal 1 满意度
    ['95% 以上', '>=', '95', '%'], // seed 004 goal 2 满意度, space before 以上
    ['5%以下', '<=', '5', '%'],
    ['3个工作日内', '<=', '3', '个工作日'],
    ['90万元以内', '<=', '90', '万元'],
  ];
  it.each(cases)('%s → %s %s %s', (text, comparator, value, unit) => {
    expect(parseIndicatorValue(text)).toMatchObject({
      kind: 'quantity',
      comparator,
      value,
      unit,
      percent: unit === '%',
      comparatorImplied: false,
      text,
    });
  });
});

describe('parseIndicatorValue: full-width input (NFKC)', () => {
  const cases: Q[] = [
    ['＞９５％', '>', '95', '%'],
    ['﹦8个', '=', '8', '个'],
    ['＝８个', '=', '8', '个'],
    ['≧９０％', '>=', '90', '%'],
    ['≦９０万元', '<=', '90', '万元'],
    ['＜５％', '<', '5', '%'],
    ['≥\u3000800\u3000人', '>=', '800', '人'], // ideographic spaces
  ];
  it.each(cases)('%s → %s %s %s', (text, comparator, value, unit) => {
    const parsed = parseIndicatorValue(text);
    expect(parsed).toMatchObject({ kind: 'quantity', comparator, value, unit });
    // the author's text is kept untouched for printing
    expect(parsed.text).toBe(text);
  });

  it('a bare full-width percentage ９５％ is 95% (implied >=)', () => {
    expect(parseIndicatorValue('９５％')).toMatchObject({
      kind: 'quantity',
      comparator: '>=',
      value: '95',
      unit: '%',
      percent: true,
      comparatorImplied: true,
    });
  });
});

describe('parseIndicatorValue: bare values', () => {
  it('a bare percentage target is "at least": 100% → >= 100%', () => {
    expect(parseIndicatorValue('100%')).toMatchObject({
      kind: 'quantity',
      comparator: '>=',
      value: '100',
      unit: '%',
      percent: true,
      comparatorImplied: true,
    });
  });

  const counts: Array<[string, string, string]> = [
    ['10次', '10', '次'], // seed 003 first 数量指标
    ['10 台', '10', '台'],
    ['26 个', '26', '个'],
    ['3100 户', '3100', '户'],
    ['4000 人', '4000', '人'],
    ['77 家', '77', '家'],
    ['6 处', '6', '处'],
    ['47 场', '47', '场'],
  ];
  it.each(counts)('a bare count %s is = %s %s (implied)', (text, value, unit) => {
    expect(parseIndicatorValue(text)).toMatchObject({
      kind: 'quantity',
      comparator: '=',
      value,
      unit,
      percent: false,
      comparatorImplied: true,
      label: '',
    });
  });

  it('keeps decimals exact as strings', () => {
    expect(parseIndicatorValue('≤86.275万元')).toMatchObject({ value: '86.275', unit: '万元' });
    expect(parseIndicatorValue('12.3400%')).toMatchObject({ value: '12.3400', unit: '%' });
    expect(parseIndicatorValue('≥1,156家')).toMatchObject({ value: '1156', unit: '家' });
  });

  it('a number followed by something that is not a unit stays qualitative (seed 003 `70 学`)', () => {
    expect(parseIndicatorValue('70 学')).toEqual({ kind: 'qualitative', text: '70 学' });
  });
});

describe('parseIndicatorValue: descriptive prefixes', () => {
  const cases: Array<[text: string, label: string, comparator: string, value: string, unit: string]> = [
    ['社区居民满意度≥98%', '社区居民满意度', '>=', '98', '%'], // seed 000 row 4
    ['服务对象满意度100%', '服务对象满意度', '>=', '100', '%'], // seed 000 row 1, bare %
    ['困难群众满意度不低于98%', '困难群众满意度', '>=', '98', '%'], // seed 000 row 3
    ['社区居民满意度≥100', '社区居民满意度', '>=', '100', ''], // seed 000 row 11, no unit
    ['预算资金支出率 ≥95%', '预算资金支出率', '>=', '95', '%'], // seed 001 row 3
    ['防控一线工作资金支付率: 100%', '防控一线工作资金支付率', '>=', '100', '%'], // seed 001 row 3
    ['辖区居民群众满意度: ≥95', '辖区居民群众满意度', '>=', '95', ''], // seed 001 row 1
    ['群众满意度95%以上', '群众满意度', '>=', '95', '%'], // seed 001 row 2
    ['处理相关网络业务处理率达到95%', '处理相关网络业务处理率', '>=', '95', '%'], // seed 001 row 6
    ['街道自聘人员、编外人员出勤率: ≥98%', '街道自聘人员、编外人员出勤率', '>=', '98', '%'], // seed 001 row 5
    ['发放对象满意度≥100%', '发放对象满意度', '>=', '100', '%'], // seed 000 row 12
    ['卡口防控人员补贴12人', '卡口防控人员补贴', '=', '12', '人'], // seed 000 row 12, bare count
    ['服务群众满意度) 95', '服务群众满意度', '=', '95', ''], // seed 001 row 8, stray bracket
  ];
  it.each(cases)('%s → [%s] %s %s %s', (text, label, comparator, value, unit) => {
    expect(parseIndicatorValue(text)).toMatchObject({
      kind: 'quantity',
      label,
      comparator,
      value,
      unit,
      text,
    });
  });

  it('a text holding several figures is qualitative, not its last number (seed 001 row 6)', () => {
    const text = '1. 一社一策一会议场所: 不少于12场; 2. 军事大演练: 不少于2场; 3. 网格员业务培训: 不少于2场';
    expect(parseIndicatorValue(text)).toEqual({ kind: 'qualitative', text });
    const report = '全区社会组织完成年报1156家, 申报率87%'; // seed 000 row 1
    expect(parseIndicatorValue(report)).toEqual({ kind: 'qualitative', text: report });
  });

  it('a value followed by more description is qualitative (seed 001 row 2)', () => {
    const text = '防震减灾和应急管理宣传项目不少于1场 (一) 精细常态化应急管理工作。';
    expect(parseIndicatorValue(text).kind).toBe('qualitative');
  });
});

describe('parseIndicatorValue: dates', () => {
  it('2024 年 12 月完成 (seed 003 时效指标)', () => {
    expect(parseIndicatorValue('2024 年 12 月完成')).toEqual({
      kind: 'date',
      year: 2024,
      month: 12,
      comparator: '<=',
      text: '2024 年 12 月完成',
    });
  });

  it('2024年12月底前', () => {
    expect(parseIndicatorValue('2024年12月底前')).toEqual({
      kind: 'date',
      year: 2024,
      month: 12,
      comparator: '<=',
      text: '2024年12月底前',
    });
  });

  it('11月底前 with no year, and with what is to be done (seed 000 row 2)', () => {
    expect(parseIndicatorValue('11月底前')).toEqual({
      kind: 'date',
      month: 11,
      comparator: '<=',
      text: '11月底前',
    });
    const text = '11月底前按规定办法完成相应的资助项目';
    expect(parseIndicatorValue(text)).toEqual({ kind: 'date', month: 11, comparator: '<=', text });
  });

  it('an actual 10月底前已全部购买完成。 (seed 000 row 3) is October', () => {
    expect(parseIndicatorValue('10月底前已全部购买完成。')).toMatchObject({ kind: 'date', month: 10 });
  });

  it('a day and full-width digits: ２０２４年１２月３１日前', () => {
    expect(parseIndicatorValue('２０２４年１２月３１日前')).toMatchObject({
      kind: 'date',
      year: 2024,
      month: 12,
      day: 31,
    });
  });

  it('year end: 2023年底完成 is December 2023', () => {
    expect(parseIndicatorValue('2023年底完成')).toMatchObject({ kind: 'date', year: 2023, month: 12 });
  });

  it('a year alone is a deadline at its end: 2019年, 2020年度, 2019年完成', () => {
    expect(parseIndicatorValue('2019年')).toMatchObject({
      kind: 'date',
      year: 2019,
      month: 12,
      yearOnly: true,
    });
    expect(parseIndicatorValue('2020年度')).toMatchObject({ kind: 'date', year: 2020, month: 12 });
    expect(parseIndicatorValue('2019 年完成')).toMatchObject({ kind: 'date', year: 2019, month: 12 });
    // A year opening a sentence about something else stays the author's words.
    expect(parseIndicatorValue('2019年全面推进社区建设').kind).toBe('qualitative');
  });

  it('two deadlines in one text are qualitative (seed 000 row 6)', () => {
    const text = '9月底前完成服务类优质项目评审工作; 12月底前完成大盆菜项目抽查测评工作。';
    expect(parseIndicatorValue(text)).toEqual({ kind: 'qualitative', text });
  });

  it('a dated event report is not a deadline (seed 001 row 2)', () => {
    expect(parseIndicatorValue('2020年5月12日举办了1场防震减灾和应急管理宣传活动').kind).toBe('qualitative');
  });

  it('an impossible month is not a date', () => {
    expect(parseIndicatorValue('13月底前').kind).toBe('qualitative');
  });
});

describe('parseIndicatorValue: qualitative and not applicable', () => {
  it.each([
    '显著',
    '有效提高',
    '应保尽保、应救尽救',
    '已达标',
    '及时完成',
    '按时完成',
    '全部达成预期指标',
    '根据政策标准执行',
    '高龄津贴80岁以上老人全覆盖',
    '实现服务项目零投诉',
  ])('%s is qualitative', (text) => {
    expect(parseIndicatorValue(text)).toEqual({ kind: 'qualitative', text });
  });

  it.each(['不适用', ' 不适用 ', '-', '/', '无', '—', '－', '／', '不涉及'])(
    '%j is not applicable',
    (text) => {
      expect(parseIndicatorValue(text)).toEqual({ kind: 'not-applicable', text });
    },
  );

  it('an empty text is an empty qualitative value (nothing written yet)', () => {
    expect(parseIndicatorValue('  ')).toEqual({ kind: 'qualitative', text: '  ' });
  });
});

describe('parseIndicatorValue: a comparator written on both sides', () => {
  it('≥95%以上 agrees and stays >=', () => {
    expect(parseIndicatorValue('≥95%以上')).toMatchObject({
      kind: 'quantity',
      comparator: '>=',
      value: '95',
    });
  });

  it('不超过5%以上 points both ways and is qualitative', () => {
    expect(parseIndicatorValue('不超过5%以上').kind).toBe('qualitative');
  });
});
