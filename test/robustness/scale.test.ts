/**
 * Scale: one unit with 1,000 projects and 5,000 indicators checks and renders its 部门预算项目绩效自评表
 * as PDF and DOCX; the table breaks across pages with its header rows repeated on every page. Times are
 * printed, not asserted (design.md: speed is measured, not asserted). Measured on 2 cores: check about
 * 1 s, build of the form (PDF + DOCX) about 18 s, about 100 A3 pages, peak memory about 0.9 GB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pdfCellTexts } from '../helpers/pdf-geometry.js';
import { docxTableRows, pdfPageSizes, pdfText, squeeze } from '../helpers/read-output.js';
import { writeScaleContent } from './scale-content.js';

const PROJECTS = 1000;
let work: string;
let names: string[];
let build: { code: number; out: string; err: string };
const file = (ext: string) =>
  path.join(work, 'out', '2020', 'scale-unit', `2020年规模测试局部门预算项目绩效自评表.${ext}`);

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-scale-'));
  ({ names } = writeScaleContent(path.join(work, 'content'), PROJECTS));
  let t = performance.now();
  const check = await runCli(['check', 'content', '--json'], work);
  const checkSeconds = (performance.now() - t) / 1000;
  expect(check.code, check.out.slice(-2000)).toBe(0);
  t = performance.now();
  build = await runCli(['build', 'content', '--only', '部门预算项目绩效自评表', '--out', 'out'], work);
  const buildSeconds = (performance.now() - t) / 1000;
  console.log(
    `scale: ${PROJECTS} projects, ${PROJECTS * 5} indicators: check ${checkSeconds.toFixed(1)} s, ` +
      `build (PDF + DOCX) ${buildSeconds.toFixed(1)} s, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`a unit with ${PROJECTS} projects and ${PROJECTS * 5} indicators`, () => {
  it('builds the form as PDF and DOCX', () => {
    expect(build.code, build.out + build.err).toBe(0);
    expect(build.out).toContain('已写出');
  });

  it('the PDF breaks the table over many pages and repeats the header on each', () => {
    const pages = pdfPageSizes(file('pdf'));
    expect(pages.length).toBeGreaterThan(50);
    // Read cell by cell: the fitted columns wrap header cells, whose lines flowing text interleaves.
    const cells = pdfCellTexts(file('pdf'));
    for (const page of [2, Math.floor(pages.length / 2), pages.length]) {
      for (const header of ['项目名称', '预算支出执行率', '年度指标内容', '项目执行中存在的问题'])
        expect(cells[page - 1], `page ${page}`).toContain(header);
    }
  });

  it('the PDF prints the first and the last project', () => {
    const pages = pdfPageSizes(file('pdf')).length;
    expect(squeeze(pdfText(file('pdf'), { first: 1, last: 1 }))).toContain('第1号项目');
    expect(squeeze(pdfText(file('pdf'), { first: pages, last: pages }))).toContain(`第${PROJECTS}号项目`);
  });

  it('the DOCX has a row per project, with every name, and header rows marked to repeat', () => {
    const rows = docxTableRows(file('docx'));
    const text = rows.map((r) => r.join('\t')).join('\n');
    for (const name of names) expect(text).toContain(name);
    expect(rows.filter((r) => r.some((c) => /^规模测试项目第\d+号$/.test(c))).length).toBe(PROJECTS);
    const xml = new TextDecoder().decode(unzipSync(readFileSync(file('docx')))['word/document.xml']);
    expect(xml).toContain('<w:tblHeader');
  });
});
