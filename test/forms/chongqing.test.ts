/**
 * Region pack chongqing (forms.md B3): the stand-alone 部门整体绩效自评表 of the example unit
 * content/2023/chongqing-demo, built to DOCX and PDF, its printed figures worked out by hand from the
 * example's evidence.yaml, indicators.yaml and evaluation.yaml (framework chongqing-unit); LibreOffice
 * opens the DOCX. The 得分系数 may be written on the unit's indicator of the same name instead.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, libreOfficeToPdf, pdfText } from '../helpers/read-output.js';

const UNIT = 'content/2023/chongqing-demo';
const BASE = '2023/chongqing-demo/2023年重庆市示例区民政局部门整体绩效自评表';
let work: string;
/** Each PDF line with its runs of spaces made one. */
const pdfLines = (file: string) =>
  pdfText(file, { layout: true })
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '));

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-chongqing-'));
  const r = await runCli(['build', UNIT, '--out', path.join(work, 'out')]);
  expect(r.code, r.out + r.err).toBe(0);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Hand-worked from the example:
// 执行率 1931.20 ÷ 2000.00 = 0.9656 → 96.56%; 执行率得分 0.9656 × 10 = 9.656 → 9.66.
// 指标得分 = 得分系数 × 指标权重: 预算调整率 80% × 5 = 4, 结转结余率 90% × 5 = 4.5, 政府采购执行率 95% × 5 = 4.75,
// 工作完成及时率 92% × 10 = 9.2, 服务对象满意度 96% × 10 = 9.6, the other nine at 100 % their weight.
// 自评总分 = 9.66 + (5 + 5 + 4 + 4.5 + 5 + 4.75 + 5 + 5 + 5 + 5 = 48.25) + (10 + 9.2 + 10 + 9.6 = 38.8) = 96.71.
const HEADER = [
  '主管部门',
  '重庆市示例区民政局',
  '财政处室',
  '区财政局社会保障科',
  '自评总分（分）',
  '96.71',
];
const CONTACT = ['部门联系人', '张明', '联系电话', '023-6000 0000'];
const EXECUTION = ['1800.00', '2000.00', '1931.20', '96.56%', '10', '9.66'];
const INDICATOR_ROWS = [
  // 计量单位, 指标性质 (定量 from a quantity target), 年初 / 调整指标值, 完成值 from indicators.yaml;
  // 得分系数, 权重, 得分 from the framework's scoring; 是否核心指标 from the indicator.
  ['财政供养人员控制率', '%', '定量', '≤100%', '≤100%', '98%', '100%', '5', '5', '是'],
  ['预算调整率', '%', '定量', '≤10%', '≤10%', '11.1%', '80%', '5', '4', '否'],
  ['结转结余率', '%', '定量', '≤3%', '≤3%', '3.4%', '90%', '5', '4.5', '否'],
  ['政府采购执行率', '%', '定量', '100%', '100%', '95%', '95%', '5', '4.75', '否'],
  // A qualitative target: 定性, no 计量单位.
  ['管理制度健全性', '', '定性', '健全', '健全', '健全', '100%', '5', '5', '否'],
  // initial_target ≥98% adjusted to ≥95% in the year.
  ['工作完成及时率', '%', '定量', '≥98%', '≥95%', '93%', '92%', '10', '9.2', '否'],
  ['服务对象满意度', '%', '定量', '≥95%', '≥95%', '92.3%', '96%', '10', '9.6', '是'],
];

describe('chongqing/unit-self-evaluation (部门整体绩效自评表)', () => {
  it('prints the header, 部门预算执行情况, 当年绩效目标 and every 绩效指标 row in the DOCX', () => {
    const rows = docxTableRows(path.join(work, 'out', `${BASE}.docx`));
    expect(rows).toContainEqual(HEADER);
    expect(rows).toContainEqual(CONTACT);
    // The block label merges down its rows (the merged-away cell reads empty).
    expect(rows).toContainEqual(['', ...EXECUTION]);
    expect(rows).toContainEqual([
      '',
      '完成特困人员供养、城乡低保等社会救助工作，救助资金按月足额发放。',
      '完成特困人员供养、城乡低保和临时救助等社会救助工作，救助资金按月足额发放。',
      '全年按月足额发放救助资金，临时救助 1260 人次，无违规发放。',
    ]);
    // A goal without initial_text prints its text as 年初绩效目标 too.
    expect(rows).toContainEqual([
      '',
      '推进社区养老服务设施建设，新建社区养老服务站 6 个。',
      '推进社区养老服务设施建设，新建社区养老服务站 6 个。',
      '新建社区养老服务站 6 个，均已投入运营。',
    ]);
    for (const row of INDICATOR_ROWS) expect(rows).toContainEqual(row);
    // 14 indicator rows: every framework leaf but 预算执行率, which is the 执行率 block.
    const header = rows.findIndex((r) => r[0] === '指标名称');
    expect(rows.slice(header + 1).map((r) => r[0])).toHaveLength(14);
    expect(rows.slice(header + 1).map((r) => r[0])).not.toContain('预算执行率');
  });

  it('prints the same figures in the PDF, and LibreOffice converts the DOCX to the same figures', () => {
    for (const pdf of [
      path.join(work, 'out', `${BASE}.pdf`),
      libreOfficeToPdf(path.join(work, 'out', `${BASE}.docx`)),
    ]) {
      const lines = pdfLines(pdf);
      for (const cells of [HEADER, CONTACT, EXECUTION, ...INDICATOR_ROWS]) {
        const want = cells.filter(Boolean).join(' ');
        expect(
          lines.some((l) => l.includes(want)),
          `${pdf}: ${want}`,
        ).toBe(true);
      }
    }
  }, 200_000);
});

describe('the 得分系数 written on the unit’s indicator', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'jixiao-chongqing-coef-'));
    cpSync(UNIT, path.join(project, UNIT), { recursive: true });
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const file = (name: string) => path.join(project, UNIT, name);
  const edit = (name: string, from: string, to: string) => {
    const text = readFileSync(file(name), 'utf8');
    expect(text).toContain(from);
    writeFileSync(file(name), text.replace(from, to));
  };

  it('scores the leaf when the evaluation has none, and must agree when both are written', async () => {
    // 质量达标率 moved to its indicator at 90 %: 90% × 10 = 9 instead of 10, total 96.71 − 1 = 95.71.
    edit(
      'evaluation.yaml',
      '    质量达标率: { coefficient: 100% }\n',
      '    质量达标率: { note: 一项抽检不达标 }\n',
    );
    edit(
      'indicators.yaml',
      '        target: ≥98%\n        actual: 99%\n',
      '        target: ≥98%\n        actual: 99%\n        coefficient: 90%\n',
    );
    let r = await runCli(['build', UNIT, '--out', 'out'], project);
    expect(r.code, r.out + r.err).toBe(0);
    const rows = docxTableRows(path.join(project, 'out', `${BASE}.docx`));
    expect(rows).toContainEqual(['质量达标率', '%', '定量', '≥98%', '≥98%', '99%', '90%', '10', '9', '否']);
    expect(rows[0]).toContain('95.71');

    // Written twice, differently: an error at the indicator's coefficient, both figures named.
    edit(
      'evaluation.yaml',
      '质量达标率: { note: 一项抽检不达标 }',
      '质量达标率: { coefficient: 95%, note: 一项抽检不达标 }',
    );
    r = await runCli(['check', UNIT], project);
    expect(r.code).toBe(1);
    const line =
      readFileSync(file('indicators.yaml'), 'utf8').split('\n').indexOf('        coefficient: 90%') + 1;
    expect(r.out).toContain(
      `${UNIT}/indicators.yaml:${line}:22 错误 指标“质量达标率”的得分系数 90% 与整体绩效自评中填写的 95% 不一致；只填一处即可`,
    );
  });
});
