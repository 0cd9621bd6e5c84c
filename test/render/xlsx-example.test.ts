/**
 * `jixiao build --format xlsx` on the example year, read back with exceljs as a spreadsheet reader sees it:
 * the 汇总 部门预算项目绩效自评表 of seeds 000 and 001 (merged headers and 单位名称, amounts and rates as
 * numbers with the printed decimals, 小计 and 合计 as SUM formulas with their figures), the report's
 * appendix (seed 002) as its own sheet, no workbook for a report without tables, the same bytes twice.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Big from 'big.js';
import ExcelJS from 'exceljs';
import fg from 'fast-glob';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_000, SEED_001 } from '../documents/project-seed-figures.js';
import { SEED_002_SCORES, SEED_002_TOTAL } from '../fixtures/seed-002-scores.js';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let out: string;
let again: string;

const SUMMARY = '2020/longgang-minzheng/2020年深圳市龙岗区民政局部门预算项目绩效自评表（汇总）.xlsx';
const SUB_UNIT =
  '2020/longgang-minzheng/wangge-longgang/2020年深圳市龙岗区龙岗街道社区网格管理中心部门预算项目绩效自评表.xlsx';
const REPORT = '2021/longgang-minzheng/2021年度深圳市龙岗区民政局部门整体绩效自评报告.xlsx';

async function workbook(rel: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, rel));
  return wb;
}

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-xlsx-'));
  again = mkdtempSync(path.join(os.tmpdir(), 'jixiao-xlsx-again-'));
  const first = await runCli(['build', '--format', 'xlsx', '--out', out], REPO);
  expect(first.code, first.out + first.err).toBe(0);
  const second = await runCli(['build', '--format', 'xlsx', '--out', again], REPO);
  expect(second.code, second.out + second.err).toBe(0);
}, 300_000);

/** Column sums of the seed rows (budget, 合计, 一般公共预算, 政府性基金), a blank or "-" counting as none. */
function seedSums(rows: typeof SEED_000): string[] {
  return [1, 2, 3, 4].map((i) =>
    rows
      .map((r) => r[i]!)
      .filter((v) => /^\d/.test(v))
      .reduce((s, v) => s.plus(v), new Big(0))
      .toFixed(2),
  );
}

describe('the 汇总 部门预算项目绩效自评表 (seeds 000 and 001)', () => {
  // By hand from the seeds: 本级 budget 102 + 855.17 + 6 + 28 + 5007.72 + 22 + 134.1 + 6.7 + 22 + 47.74 + 16
  // + 0.98 + 4057.45 + 35 = 10340.86; 合计 93.99 + 274.5 + 5.99 + 27.92 + 4958.11 + 21.84 + 121.85 + 3.8
  // + 21.91 + 50.81 + 18.99 + 0.98 + 4050.41 + 34.26 = 9685.36; 一般公共预算 = 合计 less the one 政府性基金
  // 2934.55 (社区服务中心运营) = 6750.81. Sub-unit: budget 0.2 + 37.86 + 1.05 + 9.83 + 98.42 + 62 + 4.35
  // + 6.92 = 220.63; 合计 220.53 (37.76 for 应急指挥工作); 一般公共预算 220.13; 政府性基金 0.2 + 0.2 = 0.40.
  const OWN = ['10340.86', '9685.36', '6750.81', '2934.55'];
  const SUB = ['220.63', '220.53', '220.13', '0.40'];
  // 合计 = both 小计: 10340.86 + 220.63 = 10561.49, 9685.36 + 220.53 = 9905.89, 6750.81 + 220.13 = 6970.94,
  // 2934.55 + 0.40 = 2934.95.
  const ALL = ['10561.49', '9905.89', '6970.94', '2934.95'];

  it('the hand sums agree with the seed rows', () => {
    expect(seedSums(SEED_000)).toEqual(OWN);
    expect(seedSums(SEED_001)).toEqual(SUB);
  });

  it('is one sheet: title lines, three header rows merged as on the form, frozen and repeated', async () => {
    const wb = await workbook(SUMMARY);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '2020年深圳市龙岗区民政局部门预算项目绩效自评表（汇总）',
    ]);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('部门名称（盖章）：深圳市龙岗区民政局');
    expect(ws.getCell('A3').value).toBe('单位：万元');
    expect(ws.getCell('E4').value).toBe('实际支出金额');
    expect(ws.getCell('F5').value).toBe('其中：财政拨款');
    // 序号 over three rows, 实际支出金额 over four columns, 其中：财政拨款 over two, 合计 label over three.
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A4:A6', 'E4:H4', 'F5:G5', 'E5:E6', 'A31:C31']));
    // 单位名称 merged down each unit's projects and its 小计: 14 rows + 1, 8 rows + 1.
    expect(ws.model.merges).toEqual(expect.arrayContaining(['B7:B21', 'B22:B30']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.pageSetup).toMatchObject({
      printTitlesRow: '4:6',
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect([8, 9]).toContain(ws.pageSetup.paperSize); // A3 or A4, as the unit's project_table_paper says
    expect(ws.headerFooter.oddFooter).toBe('&C— &P —');
    // Widths follow the form: 项目名称 (16) wider than 序号 (6).
    expect(ws.getColumn(3).width!).toBeGreaterThan(2 * ws.getColumn(1).width!);
  });

  it('writes every amount and rate as a number with the printed decimals', async () => {
    const ws = (await workbook(SUMMARY)).worksheets[0]!;
    SEED_000.forEach((row, i) => {
      const r = 7 + i;
      expect(ws.getCell(r, 3).value).toBe(row[0]);
      expect(ws.getCell(r, 4).value).toBe(Number(row[1]));
      expect(ws.getCell(r, 4).numFmt).toBe('0.00');
      expect(ws.getCell(r, 9).numFmt).toBe('0.0%'); // the department prints rates with 1 decimal
      expect(typeof ws.getCell(r, 9).value).toBe('number');
    });
    SEED_001.forEach((row, i) => {
      const r = 22 + i;
      expect(ws.getCell(r, 4).value).toBe(Number(row[1]));
      // The sub-unit's own table prints 2 decimals; the 汇总 uses the department's 1 for every row.
      expect(ws.getCell(r, 9).numFmt).toBe('0.0%');
    });
    const own = (await workbook(SUB_UNIT)).worksheets[0]!;
    SEED_001.forEach((row, i) => {
      expect(own.getCell(7 + i, 4).value).toBe(Number(row[1]));
      expect(own.getCell(7 + i, 9).numFmt).toBe('0.00%');
    });
    // 社会组织管理: 93.99 of 102 → a number, not the text "93.99"; its 政府性基金 "-" stays text.
    expect(ws.getCell('E7').value).toBe(93.99);
    expect(ws.getCell('G7').value).toBe('-');
    expect(ws.getCell('D7').font.name).toBe('Times New Roman');
    expect(ws.getCell('C7').font.name).toBe('仿宋_GB2312');
  });

  it('writes 小计 and 合计 as SUM formulas over their cells with the figures stored', async () => {
    const ws = (await workbook(SUMMARY)).worksheets[0]!;
    const cols = ['D', 'E', 'F', 'G'];
    const formula = (cell: string) => ws.getCell(cell).value as { formula: string; result: number };
    cols.forEach((c, i) => {
      expect(formula(`${c}21`).result).toBe(Number(OWN[i]));
      expect(formula(`${c}30`).result).toBe(Number(SUB[i]));
      expect(formula(`${c}31`).result).toBe(Number(ALL[i]));
    });
    expect(formula('D21').formula).toBe('SUM(D7:D20)');
    expect(formula('D30').formula).toBe('SUM(D22:D29)');
    expect(formula('D31').formula).toBe('SUM(D7:D20,D22:D29)');
    // Only 社区服务中心运营 (row 11) has 政府性基金 in the 本级; the sub-unit's two are rows 22 and 28.
    expect(formula('G21').formula).toBe('SUM(G11)');
    expect(formula('G30').formula).toBe('SUM(G22,G28)');
  });
});

describe('the 部门整体绩效自评报告 (seed 002)', () => {
  it('is a workbook of its appendix alone, the 总得分情况 a SUM of the scores', async () => {
    const wb = await workbook(REPORT);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['部门整体支出绩效评价共性指标体系框架（2021年修订）']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('附件');
    // Rows 1–2 附件 and the title, 3–5 the header, then one row per 三级指标.
    const first = 6;
    SEED_002_SCORES.forEach(([leaf, score], i) => {
      expect(ws.getCell(first + i, 5).value).toBe(leaf);
      expect(ws.getCell(first + i, 9).value).toBe(Number(score));
    });
    const last = first + SEED_002_SCORES.length - 1;
    // By hand: 5 + 5 + 3 + 7 + 1.98 + 3 + 3 + 2 + 2 + 2 + 1 + 1 + 0 + 3 + 6 + 5.98 + 8 + 6 + 25 + 3 + 6 = 98.96.
    expect(ws.getCell(last + 1, 9).value).toEqual({ formula: `SUM(I${first}:I${last})`, result: 98.96 });
    expect(SEED_002_TOTAL).toBe('98.96');
    expect(ws.getCell(last + 1, 9).numFmt).toBe('0.00');
    expect(ws.model.merges).toEqual(expect.arrayContaining([`A${last + 1}:H${last + 1}`]));
  });

  it('has no workbook for a report without tables (2020: no appendix)', () => {
    expect(existsSync(path.join(out, '2020/longgang-minzheng'))).toBe(true);
    expect(fg.sync('2020/**/*自评报告*', { cwd: out })).toEqual([]);
  });
});

describe('same content, same bytes', () => {
  it('two builds give byte-identical workbooks', () => {
    const files = fg.sync('**/*.xlsx', { cwd: out }).sort();
    expect(files.length).toBeGreaterThan(10);
    expect(fg.sync('**/*.xlsx', { cwd: again }).sort()).toEqual(files);
    for (const f of files)
      expect(Buffer.compare(readFileSync(path.join(out, f)), readFileSync(path.join(again, f))), f).toBe(0);
  });
});
