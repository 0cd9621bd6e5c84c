import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  compareWithReference,
  MAX_CHANGED_SHARE,
  pageImage,
  updatingReferences,
} from '../helpers/page-image.js';
import { pdfPageSizes } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * One page of each kind of document the example year builds, against the reference image a reviewer
 * approved (test/fixtures/visual/*.png). A change of layout — a font, a margin, a column width, a line
 * break — shows here as a failed page with its difference image; when the change is meant, the images
 * are regenerated with UPDATE_VISUAL=1 and reviewed in the diff like code.
 */
const PAGES: { name: string; file: string; page: number }[] = [
  {
    name: 'report-page-1',
    file: '2021/longgang-minzheng/2021年度深圳市龙岗区民政局部门整体绩效自评报告.pdf',
    page: 1,
  },
  {
    name: 'report-appendix',
    file: '2021/longgang-minzheng/2021年度深圳市龙岗区民政局部门整体绩效自评报告.pdf',
    page: -1,
  },
  {
    name: 'project-table',
    file: '2020/longgang-minzheng/2020年深圳市龙岗区民政局部门预算项目绩效自评表（本级）.pdf',
    page: 1,
  },
  {
    name: 'project-national',
    file: '2020/longgang-minzheng/2020年深圳市龙岗区民政局项目支出绩效自评表.pdf',
    page: 1,
  },
  {
    name: 'goal-declaration',
    file: '2022/qingshan-minzheng/2022年青山区民政局(汇总)部门整体支出绩效目标申报表.pdf',
    page: 1,
  },
  {
    name: 'goal-table',
    file: '2024/futian-minzheng/2024年深圳市福田区民政局(本级)部门整体支出绩效目标表.pdf',
    page: 1,
  },
  {
    name: 'national-pack',
    file: '2023/national-demo/2023年示例县文化和旅游局公共文化服务补助项目支出绩效自评表.pdf',
    page: 1,
  },
  {
    name: 'sichuan-pack',
    file: '2023/sichuan-demo/2023年示例县民政局（本级）城乡低保资金发放项目支出绩效自评表.pdf',
    page: 1,
  },
  {
    name: 'chongqing-pack',
    file: '2023/chongqing-demo/2023年重庆市示例区民政局部门整体绩效自评表.pdf',
    page: 1,
  },
  {
    name: 'county-2013-pack',
    file: '2023/county-2013-demo/2023年四川省示例县民政局部门整体支出绩效评价得分表.pdf',
    page: 1,
  },
  { name: 'hunan-pack', file: '2023/hunan-demo/2023年湖南省示例县民政局整体绩效目标表.pdf', page: 1 },
  {
    name: 'hubei-pack',
    file: '2023/hubei-demo/2023年湖北省示例县民政局部门整体支出绩效目标申报表.pdf',
    page: 1,
  },
];

describe('page images of every document kind match their reviewed references', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-visual-'));
    const r = await runCli(['build', 'content', '--format', 'pdf', '--out', out], REPO);
    expect(r.code, r.out + r.err).toBe(0);
  }, 300_000);

  for (const { name, file, page } of PAGES) {
    it(`${name}: ${path.basename(file)} page ${page === -1 ? 'last' : page}`, () => {
      const pdf = path.join(out, file);
      const number = page === -1 ? pdfPageSizes(pdf).length : page;
      const result = compareWithReference(name, pageImage(pdf, number));
      expect(result.problem).toBeUndefined();
      expect(result.changedShare).toBeLessThanOrEqual(MAX_CHANGED_SHARE);
    });
  }

  it('the comparison sees a change: a page with one moved block differs from its reference', () => {
    if (updatingReferences) return;
    // The report's first page shifted down by 10 px (≈ 6 mm at 40 dpi): every line of text moves,
    // which is the size of change a new margin or a lost line gives.
    const image = pageImage(path.join(out, PAGES[0]!.file), 1);
    const shifted = new PNG({ width: image.width, height: image.height });
    shifted.data.fill(255);
    image.data.copy(shifted.data, 10 * image.width * 4, 0, (image.height - 10) * image.width * 4);
    const result = compareWithReference('report-page-1', shifted);
    expect(result.changedShare).toBeGreaterThan(MAX_CHANGED_SHARE);
    expect(result.problem).toMatch(/differ/);
  });
});
