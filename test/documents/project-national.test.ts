/**
 * 项目支出绩效自评表 (national layout, one page per project) built from the example content: every project of
 * seeds 000 and 001 gets its own page with its name, 年初预算数, 全年执行数 and 执行率, the 年度总体目标 and the
 * indicator block, 总分 and grade; the DOCX holds the same and LibreOffice converts it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxText, libreOfficeToPdf, pdfPageSizes, squeeze } from '../helpers/read-output.js';
import { expectedRate, money2, pdfRaw, SEED_000, SEED_001, type SeedRow } from './project-seed-figures.js';

let out: string;
const DEPT = '2020/longgang-minzheng';
const OWN = (ext: string) => path.join(out, DEPT, `2020年深圳市龙岗区民政局项目支出绩效自评表.${ext}`);
const SUB = (ext: string) =>
  path.join(
    out,
    DEPT,
    'wangge-longgang',
    `2020年深圳市龙岗区龙岗街道社区网格管理中心项目支出绩效自评表.${ext}`,
  );

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-project-national-'));
  const run = await runCli(['build', '--only', '项目支出绩效自评表', '--out', out]);
  expect(run.code, run.out + run.err).toBe(0);
});

/** The pages of a PDF, each as raw text without whitespace. */
function pages(file: string): string[] {
  return pdfPageSizes(file).map((_, i) => pdfRaw(file, i + 1, i + 1));
}

describe.each([
  {
    seed: '000' as const,
    rows: SEED_000,
    file: OWN,
    supervisor: '深圳市龙岗区民政局',
    implementer: '深圳市龙岗区民政局',
  },
  {
    seed: '001' as const,
    rows: SEED_001,
    file: SUB,
    supervisor: '深圳市龙岗区民政局',
    implementer: '深圳市龙岗区龙岗街道社区网格管理中心',
  },
])('seed $seed', ({ seed, rows, file, supervisor, implementer }) => {
  it('starts a new A4 portrait page for every project, with its name, 主管部门 and 实施单位', () => {
    expect(new Set(pdfPageSizes(file('pdf')))).toEqual(new Set(['595x842']));
    // A project's first page carries the form's title; a page it runs over onto does not.
    const starts = pages(file('pdf')).filter((p) => p.includes('（2020年度）'));
    expect(starts).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const page = starts[i]!;
      expect(page).toContain('项目支出绩效自评表');
      expect(page).toContain('（2020年度）');
      expect(page).toContain(`项目名称${squeeze(row[0])}`);
      expect(page).toContain(`主管部门${supervisor}`);
      expect(page).toContain(`实施单位${implementer}`);
    });
  });

  it('repeats the project’s 项目名称 and 主管部门 rows at the top of a page it runs over onto', () => {
    let project = -1;
    for (const page of pages(file('pdf'))) {
      if (page.includes('（2020年度）')) {
        project++;
        continue;
      }
      const row = rows[project]!;
      const top = page.replace(/—\d+—/g, '');
      expect(top.startsWith(`项目名称${squeeze(row[0])}主管部门${supervisor}`), top.slice(0, 60)).toBe(true);
    }
    expect(project).toBe(rows.length - 1);
  });

  it('prints each project’s 年初预算数, 全年执行数 and 执行率 (seed figures) in the 项目资金 block', () => {
    const starts = pages(file('pdf')).filter((p) => p.includes('（2020年度）'));
    rows.forEach((row: SeedRow, i) => {
      const page = starts[i]!;
      // 年度资金总额 | 年初预算数 | 全年预算数 (adjusted; not printed by the seeds) | 全年执行数 | 分值 10.00 | 执行率 | 得分.
      expect(page).toMatch(
        new RegExp(
          `年度资金总额${money2(row[1]).replace('.', '\\.')}[\\d.]+${money2(row[2]).replace('.', '\\.')}10\\.00${expectedRate(seed, row).replace('.', '\\.')}`,
        ),
      );
      for (const head of ['年初预算数', '全年预算数', '全年执行数', '执行率', '预期目标', '实际完成情况'])
        expect(page).toContain(head);
    });
  });

  it('has the indicator block, 总分 and a grade for every project', () => {
    const text = pages(file('pdf')).join('');
    for (const head of [
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '偏差原因分析及改进措施',
    ])
      expect(text).toContain(head);
    expect(text.split('总分').length - 1).toBe(rows.length);
    expect(text.match(/自评等级：[优良中差]/g)).toHaveLength(rows.length);
  });

  it('the DOCX holds every name and figure, and LibreOffice converts it', () => {
    const text = squeeze(docxText(file('docx')));
    for (const row of rows) {
      expect(text).toContain(squeeze(row[0]));
      expect(text).toContain(`年度资金总额${money2(row[1])}`);
      expect(text).toContain(money2(row[2]));
      expect(text).toContain(expectedRate(seed, row));
    }
    const pdf = libreOfficeToPdf(file('docx'));
    expect(squeeze(pdfRaw(pdf))).toContain(squeeze(rows[0]![0]));
  });
});

describe('figures the seeds imply', () => {
  it('全年预算数 is the budget after adjustments (documents.md §1)', () => {
    const text = pdfRaw(OWN('pdf'));
    // 社会组织管理 102 − 6 − 2 = 94; 办公设备购置 6.7 − 2.15 − 0.4 = 4.15; 婚姻登记工作 47.74 + 3.08 = 50.82;
    // 社区服务中心运营 5007.72 − 44.4 = 4963.32.
    expect(text).toContain('年度资金总额102.0094.0093.99');
    expect(text).toContain('年度资金总额6.704.153.80');
    expect(text).toContain('年度资金总额47.7450.8250.81');
    expect(text).toContain('年度资金总额5007.724963.324958.11');
    // 其中 rows: 社区服务中心运营 spent 2023.56 from 一般公共预算 and 2934.55 from 政府性基金.
    expect(text).toContain('其中：一般公共预算2023.56');
    expect(text).toContain('政府性基金2934.55');
  });
});
