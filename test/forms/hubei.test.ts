/**
 * The Hubei pack (forms.md B6): templates/hubei/goal-declaration, the county variant of the 部门整体支出绩效目标申报表
 * declared only by files. Built from the example unit content/2023/hubei-demo (`forms: [hubei]`) to DOCX and PDF;
 * every figure below is worked out by hand from content/2023/hubei-demo/funding.yaml: amounts print as typed
 * (4 decimals), the blank line stays blank, 占比 at 1 decimal adding to 100.0 %, 合计 占比 100 %, 附件2, 部门职能
 * numbered （一）（二）（三）.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxTableRows, docxText, libreOfficeToPdf, pdfRawText, squeeze } from '../helpers/read-output.js';

let folder: string;
const BASE = '2023年湖北省示例县民政局部门整体支出绩效目标申报表';
const file = (ext: string) => path.join(folder, `${BASE}.${ext}`);

beforeAll(async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-pack-hubei-'));
  const run = await runCli(['build', 'content/2023/hubei-demo', '--out', out]);
  expect(run.code, run.out + run.err).toBe(0);
  folder = path.join(out, '2023/hubei-demo');
});

// 收入 1040.7750 + 168.6125 + 90.6125 = 1300.0000 (the blank 财政专户管理资金 counts 0); 支出 312.3456 + 987.6544 = 1300.0000.
// 2021: 980.5 + 150 + 69.5 = 1200 = 300 + 900; 2022: 1010.25 + 160.3 + 79.45 = 1250 = 305.12 + 944.88. Totals print
// at the 4 decimals the amounts were typed with.
// 占比 at 1 decimal: 1040.775 ÷ 1300 = 80.0596 %, 168.6125 ÷ 1300 = 12.9702 %, 90.6125 ÷ 1300 = 6.9702 %; each rounded
// half-up alone gives 80.1 + 13.0 + 7.0 = 100.1, so the slip goes to the share rounded up the most
// (80.0596 → 80.1 by 0.0404, against 0.0298 for the others): 80.0 + 13.0 + 7.0 = 100.0. 支出 312.3456 ÷ 1300 =
// 24.0266 % → 24.0, 987.6544 ÷ 1300 = 75.9734 % → 76.0. (The 2-decimal shares of the Wuhan form would be 80.06 /
// 12.97 / 6.97 and 24.03 / 75.97.)
const FUNDING = [
  ['', '收入构成', '一般公共预算财政拨款', '1040.7750', '80.0%', '980.5000', '1010.2500'],
  ['', '', '政府性基金预算财政拨款', '168.6125', '13.0%', '150.0000', '160.3000'],
  ['', '', '财政专户管理资金', '', '', '', ''],
  ['', '', '其他资金', '90.6125', '7.0%', '69.5000', '79.4500'],
  ['', '', '合计', '1300.0000', '100%', '1200.0000', '1250.0000'],
  ['', '支出构成', '基本支出', '312.3456', '24.0%', '300.0000', '305.1200'],
  ['', '', '项目支出', '987.6544', '76.0%', '900.0000', '944.8800'],
  ['', '', '合计', '1300.0000', '100%', '1200.0000', '1250.0000'],
];

describe('hubei/goal-declaration', () => {
  it('writes the one 申报表 of the unit, and only it', () => {
    expect(readdirSync(folder).sort()).toEqual([`${BASE}.docx`, `${BASE}.pdf`]);
  });

  it('prints 部门总体资金情况 as typed, the blank line blank, 1-decimal 占比 and 合计 100 % (DOCX)', () => {
    const rows = docxTableRows(file('docx'));
    const start = rows.findIndex((r) => r.includes('一般公共预算财政拨款'));
    expect(rows.slice(start, start + FUNDING.length)).toEqual(FUNDING);
    expect(rows[start - 1]).toEqual(['', '', '', '', '2021年', '2022年']);
  });

  it('prints the same figures in the PDF', () => {
    const pdf = squeeze(pdfRawText(file('pdf')));
    expect(pdf).toContain(
      '一般公共预算财政拨款1040.775080.0%980.50001010.2500政府性基金预算财政拨款168.612513.0%150.0000160.3000财政专户管理资金其他资金90.61257.0%69.500079.4500合计1300.0000100%1200.00001250.0000',
    );
    expect(pdf).toContain(
      '基本支出312.345624.0%300.0000305.1200项目支出987.654476.0%900.0000944.8800合计1300.0000100%',
    );
    expect(pdf).not.toContain('0.00%');
  });

  it('has the 附件 number, 部门职能 numbered （一）（二）（三）, and the indicators with 近两年指标值', () => {
    for (const text of [squeeze(docxText(file('docx'))), squeeze(pdfRawText(file('pdf')))]) {
      expect(text.startsWith('附件2部门整体支出绩效目标申报表填报日期：2023年1月16日')).toBe(true);
      expect(text).toContain('部门名称湖北省示例县民政局');
      expect(text).toMatch(/（一）贯彻执行民政工作.*（二）负责全县社会救助工作.*（三）统筹推进/);
      expect(text).toContain('1.按时足额发放城乡低保金和特困供养金。2.推进乡镇养老服务中心建设。');
      expect(text).toContain('城乡低保保障人数5200人5100人≥5000人符合条件的全部纳入保障');
      expect(text).toContain('农村养老服务覆盖率60%70%≥80%有服务站点的行政村占比');
    }
  });

  it('LibreOffice converts the DOCX', () => {
    const pdf = squeeze(pdfRawText(libreOfficeToPdf(file('docx'))));
    expect(pdf).toContain('部门整体支出绩效目标申报表');
    expect(pdf).toContain('1040.7750');
  });
});
