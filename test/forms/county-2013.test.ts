/**
 * Region pack county-2013 (forms.md B4): the 部门整体支出绩效评价得分表 of the example unit
 * content/2023/county-2013-demo under framework sichuan-2013, built to DOCX and PDF. Every leaf's score,
 * every group's subtotal (computed by the scoring stage) and the 总分 are worked out by hand from the
 * example's evidence.yaml and evaluation.yaml; the group cells merge down their rows; LibreOffice opens it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, libreOfficeToPdf, pdfText } from '../helpers/read-output.js';

const BASE = '2023/county-2013-demo/2023年四川省示例县民政局部门整体支出绩效评价得分表';
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-county-2013-'));
  const r = await runCli(['build', 'content/2023/county-2013-demo', '--out', path.join(work, 'out')]);
  expect(r.code, r.out + r.err).toBe(0);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Computed leaves, from evidence.yaml:
//   预算完成率 3088 ÷ 3200 = 0.965 × 8 = 7.72; 固定资产利用率 552 ÷ 600 = 92 % ≥ 90 % → 3;
//   在职人员控制率 63 ÷ 60 = 105 %, 5 points over × 0.1 = 0.5 → 5 − 0.5 = 4.5;
//   “三公”经费变动率 (21.2 − 20) ÷ 20 = 6 %, 6 × 0.3 = 1.8 → 5 − 1.8 = 3.2; 满意度 88 % in [80 %, 90 %) → 8.
// Subtotals: 目标任务 5 + 4 + 5 = 14; 预算编制 4.5 + 5 = 9.5; 部门决策 14 + 9.5 = 23.5;
//   资产管理 3 + 3 = 6; 综合管理 3 + 2 + 4 + 3 + 6 + 4 + 3 + 3 = 28;
//   履职成效 10 + 7.72 = 17.72; 可持续发展能力 4.5 + 3.2 + 5 = 12.7; 部门绩效情况 17.72 + 12.7 + 8 = 38.42;
//   总分 23.5 + 28 + 38.42 = 89.92.
// Each row: the groups above the leaf (name with 分值, subtotal), then the leaf (name with 分值, score); a
// group repeated from the row above is merged into it (its cells read empty in the DOCX).
const ROWS = [
  ['一级指标', '得分', '二级指标', '得分', '三级指标', '得分'],
  ['部门决策（25分）', '23.5', '目标任务（15分）', '14', '相关性（5分）', '5'],
  ['', '', '', '', '明确性（5分）', '4'],
  ['', '', '', '', '合理性（5分）', '5'],
  ['', '', '预算编制（10分）', '9.5', '测算依据（5分）', '4.5'],
  ['', '', '', '', '目标管理（5分）', '5'],
  // A 二级指标 without 三级指标: its name spans the 二级 subtotal and 三级 columns, its score is last.
  ['综合管理（30分）', '28', '分配时限（3分）', '3'],
  ['', '', '中期评估（3分）', '2'],
  ['', '', '绩效监控（4分）', '4'],
  ['', '', '非税收入（3分）', '3'],
  ['', '', '资产管理（6分）', '6', '资产管理安全性（3分）', '3'],
  ['', '', '', '', '固定资产利用率（3分）', '3'],
  ['', '', '内控制度（5分）', '4'],
  ['', '', '信息公开（3分）', '3'],
  ['', '', '绩效评价（3分）', '3'],
  ['部门绩效情况（45分）', '38.42', '履职成效（20分）', '17.72', '重点工作完成情况（12分）', '10'],
  ['', '', '', '', '预算完成率（8分）', '7.72'],
  ['', '', '可持续发展能力（15分）', '12.7', '在职人员控制率（5分）', '4.5'],
  ['', '', '', '', '“三公”经费变动率（5分）', '3.2'],
  ['', '', '', '', '制度建设和人才培养（5分）', '5'],
  ['', '', '满意度（10分）', '8'],
  ['总分（100分）', '89.92'],
];

describe('county-2013/unit-score-table (部门整体支出绩效评价得分表)', () => {
  it('prints every leaf, subtotal and the 总分 in the DOCX, the group cells merged', () => {
    expect(docxTableRows(path.join(work, 'out', `${BASE}.docx`))).toEqual(ROWS);
  });

  it('prints the same figures in the PDF, and LibreOffice converts the DOCX to the same figures', () => {
    for (const pdf of [
      path.join(work, 'out', `${BASE}.pdf`),
      libreOfficeToPdf(path.join(work, 'out', `${BASE}.docx`)),
    ]) {
      const text = pdfText(pdf, { layout: true });
      expect(text).toContain('四川省示例县民政局');
      // Line by line without spaces (LibreOffice writes “25 分”, and centres a merged cell in its rows):
      // each cell's name with its score or subtotal beside it.
      const lines = text.split('\n').map((l) => l.replace(/\s+/g, ''));
      const pairs = ROWS.slice(1).flatMap((row) =>
        [0, 2, 4].filter((i) => row[i] && row[i + 1]).map((i) => `${row[i]}${row[i + 1]}`),
      );
      // Long group names wrap in their cell: 部门绩效情况（45分）, 可持续发展能力（15分）. The rest: 20 leaves,
      // 6 groups and the 总分.
      const wrapped = (p: string) => p.startsWith('部门绩效情况') || p.startsWith('可持续发展能力');
      expect(pairs.filter((p) => !wrapped(p))).toHaveLength(20 + 6 + 1);
      for (const want of pairs.filter((p) => !wrapped(p))) {
        expect(
          lines.some((l) => l.includes(want)),
          `${pdf}: ${want}`,
        ).toBe(true);
      }
      for (const subtotal of ['38.42', '12.7']) expect(lines.some((l) => l.includes(subtotal))).toBe(true);
    }
  }, 200_000);
});
