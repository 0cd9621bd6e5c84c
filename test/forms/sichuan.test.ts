/**
 * The Sichuan pack (forms.md B2, 510000_0013zp): the example unit content/2023/sichuan-demo builds one
 * 部门预算项目支出绩效自评表 per project in DOCX and PDF, with the figures worked out by hand below; LibreOffice
 * converts every DOCX; and the form's 100 / 200 字 limits are checked at the line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, docxText, libreOfficeToPdf, pdfText, squeeze } from '../helpers/read-output.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UNIT = 'content/2023/sichuan-demo';
let out: string;
const file = (project: string, ext: string) =>
  path.join(out, '2023/sichuan-demo', `2023年示例县民政局（本级）${project}项目支出绩效自评表.${ext}`);

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-sichuan-'));
  const r = await runCli(['build', UNIT, '--out', out], ROOT);
  expect(r.code, r.out + r.err).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

// 城乡低保资金发放. Fund rows: 年初 150 + 0 + 50 = 200; 调整后 180 + 0 + 50 = 230 (= 200 + 追加 30);
// 执行 171 + 0 + 40 = 211. 执行率 211 ÷ 230 = 0.917391… → 91.74%; 得分 10 × 0.917391… = 9.1739… → 9.17.
// Rows: 171 ÷ 180 = 95.00%; 专户 0 ÷ 0 → 0.00%; 40 ÷ 50 = 80.00%; 其他资金 not listed: blank.
// Indicators (权重 typed, 30 + 20 + 10 + 20 + 10 = 90): 1250 ≥ 1200 → 30; = 100%, 98% → 98 ÷ 100 × 20 = 19.6;
// 100% ≥ 95% → 10; 有效保障 = 有效保障 → 达成 20; 93% ≥ 90% → 10. 合计 9.17 + 30 + 19.6 + 10 + 20 + 10 = 98.77.
const LOW_INCOME = {
  rows: [
    ['总额', '200.00', '230.00', '211.00', '91.74%', '10', '9.17'],
    ['其中：财政资金', '150.00', '180.00', '171.00', '95.00%', '/', '/'],
    ['其中：财政专户管理资金', '0.00', '0.00', '0.00', '0.00%', '/', '/'],
    ['其中：单位资金', '50.00', '50.00', '40.00', '80.00%', '/', '/'],
    ['其中：其他资金', '', '', '', '', '/', '/'],
  ],
  // Merged-away 一级 / 二级 cells read "".
  indicators: [
    ['产出指标', '数量指标', '低保对象保障人数', '≥', '1200', '人', '1250人', '30', '30', ''],
    ['', '质量指标', '资金发放准确率', '=', '100', '%', '98%', '20', '19.6'],
    ['', '时效指标', '按月发放及时率', '≥', '95', '%', '100%', '10', '10', ''],
    ['效益指标', '社会效益指标', '困难群众基本生活保障', '定性', '有效保障', '', '有效保障', '20', '20', ''],
    ['满意度指标', '服务对象满意度指标', '低保对象满意度', '≥', '90', '%', '93%', '10', '10', ''],
  ],
  total: ['合计', '100', '98.77', ''],
};
// 养老服务站点运营补助: only 财政资金 80 / 80 / 60; 执行率 60 ÷ 80 = 75.00% (below 90%: its reason is printed);
// 得分 10 × 0.75 = 7.5. 运营站点 4 of ≥6 → 4 ÷ 6 × 40 = 26.666… → 26.67; 3300 ≥ 3000 → 40; 90% ≥ 85% → 10.
// 合计 7.5 + 26.67 + 40 + 10 = 84.17.
const ELDERLY = {
  rows: [
    ['总额', '80.00', '80.00', '60.00', '75.00%', '10', '7.5'],
    ['其中：财政资金', '80.00', '80.00', '60.00', '75.00%', '/', '/'],
    ['其中：财政专户管理资金', '', '', '', '', '/', '/'],
  ],
  indicators: [['产出指标', '数量指标', '运营站点数量', '≥', '6', '个', '4个', '40', '26.67']],
  total: ['合计', '100', '84.17', ''],
};

describe('sichuan/project-self-evaluation from the example unit', () => {
  it('prints the header, the fund rows, the indicators and the 合计 in the DOCX', () => {
    for (const [project, code, want] of [
      ['城乡低保资金发放', '510723-2023-0001', LOW_INCOME],
      ['养老服务站点运营补助', '510723-2023-0002', ELDERLY],
    ] as const) {
      const rows = docxTableRows(file(project, 'docx'));
      const text = docxText(file(project, 'docx'));
      expect(text).toContain('报表编号：510000_0013zp');
      expect(text).toContain('部门预算项目支出绩效自评表');
      expect(text).toContain('（2023年度）');
      expect(rows[0]).toEqual(['项目名称', `${code}-${project}`]);
      expect(rows[1]).toEqual(['主管部门', '示例县民政局', '实施单位（盖章）', '示例县民政局（本级）']);
      // Rows of the budget block, after its merged label column (a merged-away cell reads "").
      const budget = rows.filter((r) => /^(总额|其中：)/.test(r[1] ?? '')).map((r) => r.slice(1, 8));
      for (const row of want.rows) expect(budget).toContainEqual(row);
      for (const row of want.indicators) expect(rows.map((r) => r.slice(0, row.length))).toContainEqual(row);
      expect(rows).toContainEqual(want.total);
    }
    const low = docxText(file('城乡低保资金发放', 'docx'));
    expect(low).toContain('预算执行率 = 预算执行数 ÷ 调整后预算数');
    expect(low).toContain('原因：年中追加低保提标资金 30 万元；单位资金中 10 万元因年底未结算未支出。');
    for (const t of [
      '评价结论',
      '项目总体完成年度目标',
      '存在问题',
      '改进措施',
      '项目负责人',
      '李明',
      '财务负责人',
      '王芳',
    ])
      expect(low).toContain(t);
  });

  it('prints the same figures in the PDF', () => {
    const low = pdfText(file('城乡低保资金发放', 'pdf'), { layout: true });
    expect(low).toMatch(/总额\s+200\.00\s+230\.00\s+211\.00\s+91\.74%\s+10\s+9\.17/);
    expect(low).toMatch(/0\.00\s+0\.00\s+0\.00\s+0\.00%\s+\/\s+\//);
    expect(low).toMatch(/50\.00\s+50\.00\s+40\.00\s+80\.00%\s+\/\s+\//);
    expect(low).toMatch(/≥\s+1200\s+人\s+1250人\s+30\s+30/);
    expect(low).toMatch(/=\s+100\s+%\s+98%\s+20\s+19\.6/);
    expect(low).toMatch(/合计\s+100\s+98\.77/);
    expect(squeeze(low)).toContain('510723-2023-0001-城乡低保资金发放');
    expect(squeeze(low)).toContain('报表编号：510000_0013zp');
    const old = pdfText(file('养老服务站点运营补助', 'pdf'), { layout: true });
    expect(old).toMatch(/总额\s+80\.00\s+80\.00\s+60\.00\s+75\.00%\s+10\s+7\.5/);
    expect(old).toMatch(/≥\s+6\s+个\s+4个\s+40\s+26\.67/);
    expect(old).toMatch(/合计\s+100\s+84\.17/);
    expect(squeeze(old)).toContain('原因：两个新站点第四季度');
  });

  it('converts in LibreOffice', () => {
    for (const [project, total] of [
      ['城乡低保资金发放', '98.77'],
      ['养老服务站点运营补助', '84.17'],
    ]) {
      const text = squeeze(pdfText(libreOfficeToPdf(file(project!, 'docx'))));
      expect(text).toContain('部门预算项目支出绩效自评表');
      expect(text).toContain(total);
    }
  });
});

describe('the 510000_0013zp text limits', () => {
  it('a 评价结论 over 200 字 and a 年度目标完成情况 over 100 字 are warnings at their lines', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-sichuan-check-'));
    try {
      cpSync(path.join(ROOT, UNIT), path.join(work, 'content/2023/sichuan-demo'), { recursive: true });
      const projects = path.join(work, 'content/2023/sichuan-demo/projects.yaml');
      const text = readFileSync(projects, 'utf8')
        .replace(
          'conclusion: 项目总体完成年度目标，资金发放及时，保障作用明显。',
          `conclusion: ${'结'.repeat(201)}`,
        )
        .replace(
          'completion: 全年保障低保对象 1250 人',
          `completion: ${'完'.repeat(100)}全年保障低保对象 1250 人`,
        );
      writeFileSync(projects, text);
      const line = (key: string) =>
        text.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
      const r = await runCli(['check', 'content'], work);
      expect(r.out).toContain(`projects.yaml:${line('conclusion')}:`);
      expect(r.out).toMatch(/评价结论有 201 字，评分规则“[^”]+”要求 200 字以内/);
      // 100 typed + “全年保障低保对象1250人，资金按月发放，个别户发放信息核对滞后。” (spaces not counted):
      // 8 + 4 + 1 + 1 + 6 + 1 + 11 + 1 = 33, so 133.
      expect(r.out).toMatch(
        new RegExp(
          `projects\\.yaml:${line('completion')}:\\d+ 警告 年度目标完成情况有 133 字，.*要求 100 字以内`,
        ),
      );
      // The other narratives are within their limits: no other length warning.
      expect(r.out.match(/字以内/g)).toHaveLength(2);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
