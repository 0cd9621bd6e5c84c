import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, pdfRawText, pdfText, squeeze } from '../helpers/read-output.js';

/**
 * Unit frameworks of 2 to 4 levels (the Chongqing table, the 2013 部门整体 family): `check` scores them and
 * `build` prints the appendix with one name and 参考分值 column pair per level, a leaf above the deepest
 * level spanning the levels it lacks. Depth 1 or 5, children not adding up and leaves without a rule are
 * findings at the framework's line.
 */

// Two levels (Chongqing style): a computed ratio, an entered coefficient and a judged leaf.
const TWO_LEVEL = `framework:
  name: 两级自评表
  applies_to: unit
  total: 20
  indicators:
    - name: 预算执行
      weight: 10
      children:
        - name: 预算执行率
          weight: 10
          description: 全年实际支出 ÷ 部门预算
          standard: 执行率 × 10 分
          rule:
            kind: ratio
            label: 预算执行率
            actual: { fields: [budget_execution.spending], label: 全年实际支出, unit: 万元 }
            target: { fields: [budget_execution.budget], label: 部门预算, unit: 万元 }
    - name: 履职效能
      weight: 10
      children:
        - name: 重点工作完成情况
          weight: 6
          rule: { kind: coefficient }
        - name: 服务对象评价
          weight: 4
          rule: { kind: judged }
`;

// Four levels, with a leaf at the second level (满意度) beside leaves at the fourth.
const FOUR_LEVEL = `framework:
  name: 四级评价表
  applies_to: unit
  total: 20
  indicators:
    - name: 部门管理
      weight: 12
      children:
        - name: 资金管理
          weight: 12
          children:
            - name: 人员经费
              weight: 6
              children:
                - name: 在职人员控制率
                  weight: 3
                  rule:
                    kind: deduction
                    label: 在职人员控制率
                    measure:
                      numerator: { fields: [staffing.in_service], label: 在职人员, unit: 人 }
                      denominator: { fields: [staffing.authorized], label: 编制数, unit: 人 }
                    limit: 100%
                    per_point: 0.1
                - name: 编制执行
                  weight: 3
                  rule: { kind: judged }
            - name: 公用经费
              weight: 6
              children:
                - name: “三公”经费变动率
                  weight: 6
                  rule:
                    kind: deduction
                    label: “三公”经费变动率
                    measure:
                      current: { fields: [public_funds.three_public.actual], label: 本年, unit: 万元 }
                      previous: { fields: [public_funds.three_public.previous_actual], label: 上年, unit: 万元 }
                    limit: 0%
                    per_point: 0.3
    - name: 部门绩效
      weight: 8
      children:
        - name: 满意度
          weight: 8
          rule:
            kind: tiers
            label: 满意度
            measure: { field: satisfaction }
            tiers:
              - { gte: 95%, points: 8 }
              - { gte: 90%, lt: 95%, points: 6 }
              - { lt: 90%, points: 3 }
`;

const UNIT = (framework: string) => `unit:\n  name: ${framework}局\n  framework: ${framework}\n`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-depth-'));
  mkdirSync(path.join(work, 'frameworks'));
  writeFileSync(path.join(work, 'frameworks/two-level.yaml'), TWO_LEVEL);
  writeFileSync(path.join(work, 'frameworks/four-level.yaml'), FOUR_LEVEL);
  const two = path.join(work, 'content/2021/two');
  mkdirSync(two, { recursive: true });
  writeFileSync(path.join(two, 'unit.yaml'), UNIT('two-level'));
  writeFileSync(
    path.join(two, 'evidence.yaml'),
    'evidence:\n  budget_execution: { budget: 100, carryover_start: 10, spending: 90 }\n',
  );
  writeFileSync(
    path.join(two, 'evaluation.yaml'),
    [
      'evaluation:',
      '  framework: two-level',
      '  scores:',
      '    重点工作完成情况: { coefficient: 95%, note: 一项重点工作延期 }',
      '    服务对象评价: { score: 4 }',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(two, 'report.md'), '# 基本情况\n\n自评得分 {{自评得分}} 分。\n');
  const four = path.join(work, 'content/2021/four');
  mkdirSync(four, { recursive: true });
  writeFileSync(path.join(four, 'unit.yaml'), UNIT('four-level'));
  writeFileSync(
    path.join(four, 'evidence.yaml'),
    [
      'evidence:',
      '  staffing: { authorized: 100, in_service: 103 }',
      '  public_funds:',
      '    three_public: { actual: 21, previous_actual: 20 }',
      '  satisfaction: 92%',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(four, 'evaluation.yaml'),
    'evaluation:\n  framework: four-level\n  scores:\n    编制执行: { score: 3 }\n',
  );
  writeFileSync(path.join(four, 'report.md'), '# 基本情况\n\n自评得分 {{自评得分}} 分。\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The scoring table of a built report: the DOCX rows from the one whose first cell is 评价指标. Word keeps
 * an empty cell where a merged cell continues down (vMerge), so those show as ''.
 */
function appendixRows(docx: string): string[][] {
  const rows = docxTableRows(docx);
  const start = rows.findIndex((r) => r[0] === '评价指标');
  return rows.slice(start);
}

/** The w:gridSpan of each cell of the DOCX table row holding `text` (1 where a cell spans no columns). */
function rowSpans(docx: string, text: string): number[] {
  const xml = new TextDecoder().decode(unzipSync(readFileSync(docx))['word/document.xml']);
  const row = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].find((r) => r[0].includes(text))![0];
  return [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
    Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c[0])?.[1] ?? 1),
  );
}

describe('unit frameworks of two and four levels', () => {
  it('check scores both units', async () => {
    const r = await runCli(['check', 'content'], work);
    expect(r.code, r.out).toBe(0);
    // 预算执行率 90 ÷ 100 = 0.9 × 10 = 9; 重点工作完成情况 95% × 6 = 5.7; 服务对象评价 4 → 9 + 5.7 + 4 = 18.7
    expect(r.out).toContain('自评得分 18.7（框架 two-level）');
    // 在职人员控制率 103 ÷ 100 = 103 %: 3 points × 0.1 = 0.3 → 3 − 0.3 = 2.7; 编制执行 3;
    // “三公”经费变动率 (21 − 20) ÷ 20 = 5 %: 5 × 0.3 = 1.5 → 6 − 1.5 = 4.5; 满意度 92 % in [90 %, 95 %) → 6
    // 2.7 + 3 + 4.5 + 6 = 16.2
    expect(r.out).toContain('自评得分 16.2（框架 four-level）');
  });

  it('build prints a two-level appendix: 一级 and 二级 columns only', async () => {
    const r = await runCli(['build', 'content', '--only', '2021/two', '--out', 'out'], work);
    expect(r.code, r.out).toBe(0);
    const base = path.join(work, 'out/2021/two/2021年度two-level局部门整体绩效自评报告');
    const rows = appendixRows(`${base}.docx`);
    expect(rows.slice(0, 3)).toEqual([
      ['评价指标', '指标说明', '参考评分标准', '得分情况', '扣分情况及整改情况说明'],
      ['一级指标', '二级指标', '', '', '', ''],
      ['名称', '参考分值', '名称', '参考分值', '', '', '', ''],
    ]);
    expect(rows.slice(3)).toEqual([
      [
        '预算执行',
        '10',
        '预算执行率',
        '10',
        '全年实际支出 ÷ 部门预算',
        '执行率 × 10 分',
        '9',
        '预算执行率 90.00%（全年实际支出 90 万元，部门预算 100 万元）',
      ],
      ['履职效能', '10', '重点工作完成情况', '6', '', '', '5.7', '一项重点工作延期'],
      ['', '', '服务对象评价', '4', '', '', '4', ''],
      ['总得分情况', '18.7', ''],
    ]);
    const pdf = squeeze(pdfText(`${base}.pdf`, { layout: true }));
    expect(pdf).toContain('一级指标');
    expect(pdf).toContain('二级指标');
    expect(pdf).not.toContain('三级指标');
    expect(pdf).toContain('总得分情况18.7');
    const raw = squeeze(pdfRawText(`${base}.pdf`));
    for (const cell of ['预算执行率', '重点工作完成情况', '服务对象评价', '一项重点工作延期'])
      expect(raw).toContain(cell);
  });

  it('build prints a four-level appendix, the second-level leaf spanning the levels it lacks', async () => {
    const r = await runCli(['build', 'content', '--only', '2021/four', '--out', 'out4'], work);
    expect(r.code, r.out).toBe(0);
    const base = path.join(work, 'out4/2021/four/2021年度four-level局部门整体绩效自评报告');
    const docx = `${base}.docx`;
    const rows = appendixRows(docx);
    expect(rows[1]).toEqual(['一级指标', '二级指标', '三级指标', '四级指标', '', '', '', '']);
    expect(rows[2]!.slice(0, 8)).toEqual([
      '名称',
      '参考分值',
      '名称',
      '参考分值',
      '名称',
      '参考分值',
      '名称',
      '参考分值',
    ]);
    expect(rows.slice(3)).toEqual([
      [
        '部门管理',
        '12',
        '资金管理',
        '12',
        '人员经费',
        '6',
        '在职人员控制率',
        '3',
        '',
        '',
        '2.7',
        '在职人员控制率 103.00%（在职人员 103 人，编制数 100 人），超过 100% 3 个百分点，扣 0.3 分',
      ],
      ['', '', '', '', '', '', '编制执行', '3', '', '', '3', ''],
      [
        '',
        '',
        '',
        '',
        '公用经费',
        '6',
        '“三公”经费变动率',
        '6',
        '',
        '',
        '4.5',
        '“三公”经费变动率 5.00%（本年 21 万元，上年 20 万元），超过 0% 5 个百分点，扣 1.5 分',
      ],
      ['部门绩效', '8', '满意度', '8', '', '', '6', '满意度 92.00%，不低于 90%且低于 95%'],
      ['总得分情况', '16.2', ''],
    ]);
    // 满意度 is a 二级 leaf: its name covers 二级名称 … 四级名称 (5 columns), its 参考分值 the 四级 column.
    expect(rowSpans(docx, '部门绩效')).toEqual([1, 1, 5, 1, 1, 1, 1, 1]);
    // The total row spans the 8 level columns and 指标说明, 参考评分标准.
    expect(rowSpans(docx, '总得分情况')).toEqual([10, 1, 1]);
    const pdf = squeeze(pdfText(`${base}.pdf`, { layout: true }));
    expect(pdf).toContain('四级指标');
    expect(pdf).toContain('总得分情况16.2');
    const raw = squeeze(pdfRawText(`${base}.pdf`));
    for (const cell of ['资金管理', '人员经费', '在职人员控制率', '“三公”经费变动率', '满意度92.00%'])
      expect(raw).toContain(cell);
  });
});

describe('framework mistakes check finds at the framework’s line', () => {
  const BAD_SUM = `framework:
  name: 四级分值不符
  applies_to: unit
  total: 10
  indicators:
    - name: 部门管理
      weight: 10
      children:
        - name: 资金管理
          weight: 10
          children:
            - name: 人员经费
              weight: 10
              children:
                - name: 在职人员
                  weight: 4
                  rule: { kind: judged }
                - name: 编外人员
                  weight: 5
                  rule: { kind: judged }
`;
  const NO_RULE = `framework:
  name: 两级缺规则
  applies_to: unit
  total: 10
  indicators:
    - name: 部门决策
      weight: 10
      children:
        - name: 目标设定
          weight: 10
`;
  const TOO_DEEP = `framework:
  name: 五级
  applies_to: unit
  total: 1
  indicators:
    - name: 一
      weight: 1
      children:
        - name: 二
          weight: 1
          children:
            - name: 三
              weight: 1
              children:
                - name: 四
                  weight: 1
                  children:
                    - name: 第五级
                      weight: 1
                      rule: { kind: judged }
`;
  const FLAT = `framework:
  name: 一级
  applies_to: unit
  total: 1
  indicators:
    - name: 唯一指标
      weight: 1
      rule: { kind: judged }
`;
  const COEFFICIENTS = `framework:
  name: 得分系数
  applies_to: unit
  total: 20
  indicators:
    - name: 履职
      weight: 20
      children:
        - name: 甲
          weight: 10
          rule: { kind: coefficient }
        - name: 乙
          weight: 10
          rule: { kind: coefficient }
`;
  const EVALUATION = [
    'evaluation:',
    '  framework: coefficients',
    '  scores:',
    '    甲: { coefficient: 120% }',
    '    乙: { coefficient: 100% }',
    '',
  ].join('\n');
  let bad: string;
  let out: string;
  let code: number;

  /** `file:line:col` of `needle` in a fixture text: where a finding about it must point. */
  const at = (file: string, text: string, needle: string, after = '') => {
    const lines = text.split('\n');
    const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
    const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
    return `${file}:${i + 1}:${lines[i]!.indexOf(needle) + 1}`;
  };

  beforeAll(async () => {
    bad = mkdtempSync(path.join(os.tmpdir(), 'jixiao-depth-bad-'));
    mkdirSync(path.join(bad, 'frameworks'));
    writeFileSync(path.join(bad, 'frameworks/bad-sum.yaml'), BAD_SUM);
    writeFileSync(path.join(bad, 'frameworks/no-rule.yaml'), NO_RULE);
    writeFileSync(path.join(bad, 'frameworks/too-deep.yaml'), TOO_DEEP);
    writeFileSync(path.join(bad, 'frameworks/flat.yaml'), FLAT);
    writeFileSync(path.join(bad, 'frameworks/coefficients.yaml'), COEFFICIENTS);
    const unit = path.join(bad, 'content/2021/demo');
    mkdirSync(unit, { recursive: true });
    writeFileSync(path.join(unit, 'unit.yaml'), 'unit:\n  name: 示例局\n');
    writeFileSync(path.join(unit, 'evaluation.yaml'), EVALUATION);
    const r = await runCli(['check', 'content'], bad);
    out = r.out;
    code = r.code;
  });
  afterAll(() => rmSync(bad, { recursive: true, force: true }));

  it('children not adding up at depth 4', () => {
    expect(code, out).toBe(1);
    // 人员经费 10 ≠ 4 + 5 = 9
    expect(out).toContain(
      `${at('frameworks/bad-sum.yaml', BAD_SUM, '10', '人员经费')} 错误 三级指标“人员经费”的参考分值为 10，其下四级指标分值合计为 9（在职人员 4 + 编外人员 5）`,
    );
  });

  it('a leaf without a rule at depth 2', () => {
    expect(out).toContain(
      `${at('frameworks/no-rule.yaml', NO_RULE, '目标设定')} 错误 二级指标“目标设定”没有评分规则（rule）`,
    );
  });

  it('a fifth level and a framework of one level', () => {
    expect(out).toContain(`${at('frameworks/too-deep.yaml', TOO_DEEP, '第五级')} 错误 “第五级”是第 5 级指标`);
    expect(out).toContain(
      `${at('frameworks/flat.yaml', FLAT, '唯一指标')} 错误 一级指标“唯一指标”没有下级指标`,
    );
  });

  it('a coefficient above 100 % at its line', () => {
    expect(out).toContain(
      `${at('content/2021/demo/evaluation.yaml', EVALUATION, '120%')} 错误 二级指标“甲”的得分系数 120% 超出 0%–100%`,
    );
  });
});
