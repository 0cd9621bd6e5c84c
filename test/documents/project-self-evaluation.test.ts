/**
 * 部门预算项目绩效自评表 built from the example content (seeds 000 and 001) through the CLI, read back as a
 * reader does: pdftotext -raw (a row reads name, budget, 合计, sources, rate in drawing order), the DOCX's text (cells
 * in order), page sizes, the repeated header on page 2+, and LibreOffice converting the DOCX.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxText, libreOfficeToPdf, pdfPageSizes, pdfText, squeeze } from '../helpers/read-output.js';
import {
  expectedRate,
  money2,
  pdfRaw,
  SEED_000,
  SEED_001,
  type SeedRow,
  spaced,
} from './project-seed-figures.js';

let out: string;
const DEPT = '2020/longgang-minzheng';
const file = (folder: string, name: string, ext: string) =>
  path.join(out, folder, `2020年${name}部门预算项目绩效自评表${ext}`);
const OWN = (ext: string) => file(DEPT, '深圳市龙岗区民政局', `（本级）.${ext}`);
const SUM = (ext: string) => file(DEPT, '深圳市龙岗区民政局', `（汇总）.${ext}`);
const SUB = (ext: string) =>
  file(`${DEPT}/wangge-longgang`, '深圳市龙岗区龙岗街道社区网格管理中心', `.${ext}`);

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-project-table-'));
  const run = await runCli(['build', '--only', '部门预算项目绩效自评表', '--out', out]);
  expect(run.code, run.out + run.err).toBe(0);
});

/** A row as the form prints it: name, budget, 合计, three sources, rate (joined by `sep`). */
function printed(seed: '000' | '001', row: SeedRow, sep: string, rateOverride?: string): string {
  const [name, budget, total, general, fund, nonFiscal] = row;
  const rate = rateOverride ?? expectedRate(seed, row);
  return [sep ? name : squeeze(name), ...[budget, total, general, fund, nonFiscal].map(money2), rate].join(
    sep,
  );
}

describe.each([
  { seed: '000' as const, rows: SEED_000, pdf: () => OWN('pdf'), docx: () => OWN('docx') },
  { seed: '001' as const, rows: SEED_001, pdf: () => SUB('pdf'), docx: () => SUB('docx') },
])('seed $seed', ({ seed, rows, pdf, docx }) => {
  it('the PDF prints every project name and each row’s budget, 合计, fund sources and rate', () => {
    const raw = pdfRaw(pdf());
    for (const row of rows) expect(raw).toContain(printed(seed, row, ''));
  });

  it('the DOCX holds the same names and figures, cell after cell', () => {
    const text = spaced(docxText(docx()));
    for (const row of rows) expect(text).toContain(printed(seed, row, ' '));
  });

  it('is A3 landscape, with the three header rows repeated on every later page', () => {
    const sizes = pdfPageSizes(pdf());
    expect(new Set(sizes)).toEqual(new Set(['1191x842']));
    const pages = sizes.length;
    expect(pages).toBeGreaterThan(1);
    for (let p = 2; p <= pages; p++) {
      const page = pdfRaw(pdf(), p, p);
      for (const head of [
        '序号',
        '项目年度预算金额',
        '其中：财政拨款',
        '一般公共预算',
        '服务对象满意度指标',
        '整改情况',
      ])
        expect(page).toContain(head);
      expect(page.split('年度指标内容').length - 1).toBe(7);
    }
  });
});

describe('title and captions', () => {
  it('names the year, the unit, the stamp line and 单位: 万元', () => {
    const own = squeeze(pdfText(OWN('pdf'), { first: 1, last: 1 }));
    expect(own).toContain('2020年深圳市龙岗区民政局部门预算项目绩效自评表');
    // Seed 000: 部门名称(盖章): 深圳市龙岗区民政局本级.
    expect(own).toContain('部门名称（盖章）：深圳市龙岗区民政局本级');
    expect(own).toContain('单位：万元');
    const sub = squeeze(pdfText(SUB('pdf'), { first: 1, last: 1 }));
    expect(sub).toContain('2020年深圳市龙岗区龙岗街道社区网格管理中心部门预算项目绩效自评表');
  });
});

describe('合计 rows', () => {
  it('total each unit’s own table', () => {
    // Seed 000 by hand: budgets 102 + 855.17 + 6 + 28 + 5007.72 + 22 + 134.1 + 6.7 + 22 + 47.74 + 16 + 0.98
    // + 4057.45 + 35 = 10340.86; spent 93.99 + 274.50 + 5.99 + 27.92 + 4958.11 + 21.84 + 121.85 + 3.80 + 21.91
    // + 50.81 + 18.99 + 0.98 + 4050.41 + 34.26 = 9685.36, of which 政府性基金 2934.55 (row 5) and 一般公共预算
    // 9685.36 − 2934.55 = 6750.81. Adjusted budget 10340.86 − 8 − 602.52 − 44.4 − 5.76 − 2.55 + 3.08 + 3
    // = 9683.71 → 9685.36 ÷ 9683.71 = 100.02% → 100.0%.
    expect(pdfRaw(OWN('pdf'))).toContain('合计10340.869685.366750.812934.55-100.0%');
    // Seed 001 by hand: budgets 0.20 + 37.86 + 1.05 + 9.83 + 98.42 + 62.00 + 4.35 + 6.92 = 220.63; spent
    // 220.53 (row 2 spent 37.76), 政府性基金 0.20 + 0.20 = 0.40, 一般公共预算 220.13; no adjustments →
    // 220.53 ÷ 220.63 = 99.955% → 99.95%.
    expect(pdfRaw(SUB('pdf'))).toContain('合计220.63220.53220.130.40-99.95%');
  });
});

describe('汇总 table', () => {
  it('lists every member’s projects with a 小计 per unit and the grand 合计', () => {
    const raw = pdfRaw(SUM('pdf'));
    expect(raw).toContain('2020年深圳市龙岗区民政局部门预算项目绩效自评表（汇总）');
    // Rows keep their figures; rates at the department's precision (1 decimal), so seed 001's rows read
    // 100.0% and 应急指挥工作 37.76 ÷ 37.86 = 99.74% → 99.7%.
    for (const row of SEED_000) expect(raw).toContain(printed('000', row, ''));
    for (const row of SEED_001)
      expect(raw).toContain(printed('001', row, '', row[0] === '应急指挥工作' ? '99.7%' : '100.0%'));
    // 小计 本级 as in its own table (above); 小计 网格管理中心 220.63 / 220.53 / 220.13 / 0.40, rate 99.955% → 100.0%.
    expect(raw).toContain('小计10340.869685.366750.812934.55-100.0%');
    expect(raw).toContain('小计220.63220.53220.130.40-100.0%');
    // Grand total: 10340.86 + 220.63 = 10561.49; 9685.36 + 220.53 = 9905.89; 6750.81 + 220.13 = 6970.94;
    // 2934.55 + 0.40 = 2934.95; adjusted 9683.71 + 220.63 = 9904.34 → 9905.89 ÷ 9904.34 = 100.02% → 100.0%.
    expect(raw).toContain('合计10561.499905.896970.942934.95-100.0%');
    // 单位名称 groups: the 本级 short name and the sub-unit's full name.
    expect(raw).toContain('区民政局本级');
    expect(raw).toContain('深圳市龙岗区龙岗街道社区网格管理中心');
  });

  it('repeats the sub-unit’s 单位名称 at the top of a page its group continues on', () => {
    const pages = pdfPageSizes(SUM('pdf')).length;
    let continued = 0;
    for (let p = 2; p <= pages; p++) {
      const page = pdfRaw(SUM('pdf'), p, p);
      // A page that continues the sub-unit's group (its later rows without its first, 机动经费).
      if (page.includes('网格管理事务') && !page.includes('机动经费')) {
        expect(page).toContain('深圳市龙岗区龙岗街道社区网格管理中心');
        continued++;
      }
    }
    expect(continued).toBeGreaterThan(0);
  });
});

describe('DOCX in LibreOffice', () => {
  it('converts the 汇总 DOCX and keeps its figures', () => {
    const pdf = libreOfficeToPdf(SUM('docx'));
    const text = squeeze(pdfText(pdf));
    for (const figure of ['10561.49', '9905.89', '6970.94', '2934.95', '4958.11', '220.53'])
      expect(text).toContain(figure);
    expect(new Set(pdfPageSizes(pdf))).toEqual(new Set(['1191x842']));
  });
});
