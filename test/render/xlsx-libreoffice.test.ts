/**
 * A real spreadsheet reads our XLSX: LibreOffice Calc (headless) opens the example's 汇总
 * 部门预算项目绩效自评表 and the report's appendix with the stored formula results removed, so every 小计,
 * 合计 and 总得分情况 it shows is its own calculation, and saves each sheet as CSV — the figures as it
 * displays them, through our number formats. They must read as the printed figures. Every other example
 * workbook, recalculated the same way, must show what it shows with the stored results.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { requireTool } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let dir: string;
const csv = new Map<string, string[][]>();

/** The workbook without the cached results of its formulas (`<f>…</f><v>…</v>` → `<f>…</f>`). */
function withoutResults(file: string, mustHaveFormulas = true): Uint8Array {
  const parts = unzipSync(readFileSync(file));
  for (const name of Object.keys(parts)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(parts[name]!);
    const stripped = xml.replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1');
    if (mustHaveFormulas) expect(stripped).not.toBe(xml);
    parts[name] = strToU8(stripped);
  }
  return zipSync(parts);
}

/** How many formulas a workbook has, over all its sheets. */
function formulaCount(file: string): number {
  const parts = unzipSync(readFileSync(file));
  return Object.keys(parts)
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .reduce((n, name) => n + (strFromU8(parts[name]!).match(/<f>/g)?.length ?? 0), 0);
}

/**
 * Every sheet of the workbooks as LibreOffice shows it, one CSV per sheet, by file name. Filter options:
 * comma-separated, UTF-8 (76), formatted as shown, every sheet (-1) into its own file.
 */
function csvOf(files: string[], outdir: string, home: string): Map<string, string> {
  mkdirSync(outdir, { recursive: true });
  execFileSync(
    requireTool('soffice'),
    [
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
      '--outdir',
      outdir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 300_000, env: { ...process.env, HOME: home } },
  );
  return new Map(
    readdirSync(outdir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => [f, readFileSync(path.join(outdir, f), 'utf8')]),
  );
}

/** A LibreOffice profile that recalculates every formula of an OOXML file it loads (never trusts a cache). */
function recalculatingProfile(home: string): void {
  const user = path.join(home, '.config/libreoffice/4/user');
  mkdirSync(user, { recursive: true });
  writeFileSync(
    path.join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
}

/** Plain CSV lines split on commas outside quotes (the cells compared here hold no quotes). */
function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '')));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-xlsx-lo-'));
  const out = path.join(dir, 'out');
  const run = await runCli(
    ['build', '--format', 'xlsx', '--only', '部门预算项目绩效自评表,部门整体绩效自评报告', '--out', out],
    REPO,
  );
  expect(run.code, run.out + run.err).toBe(0);
  const inputs = {
    summary: path.join(
      out,
      '2020/longgang-minzheng/2020年深圳市龙岗区民政局部门预算项目绩效自评表（汇总）.xlsx',
    ),
    report: path.join(out, '2021/longgang-minzheng/2021年度深圳市龙岗区民政局部门整体绩效自评报告.xlsx'),
  };
  const lo = path.join(dir, 'lo');
  mkdirSync(lo);
  const home = path.join(dir, 'home');
  recalculatingProfile(home);
  for (const [name, file] of Object.entries(inputs))
    writeFileSync(path.join(lo, `${name}.xlsx`), withoutResults(file));
  const sheets = csvOf([path.join(lo, 'summary.xlsx'), path.join(lo, 'report.xlsx')], lo, home);
  for (const [f, text] of sheets) csv.set(f.split('-')[0]!, parseCsv(text));
}, 300_000);

describe('LibreOffice Calc', () => {
  it('calculates the 汇总 table’s 小计 and 合计 to the printed figures', () => {
    const rows = csv.get('summary')!;
    expect(rows).toBeDefined();
    // 小计 is in 项目名称 (column C), the 合计 label in column A (merged over A–C); the header says 合计 too.
    const row = (label: string, nth = 0) => rows.filter((r) => r[0] === label || r[2] === label)[nth]!;
    // Columns D–H as printed (see xlsx-example.test.ts for the sums worked out from seeds 000 and 001).
    expect(row('小计', 0).slice(3, 8)).toEqual(['10340.86', '9685.36', '6750.81', '2934.55', '-']);
    expect(row('小计', 1).slice(3, 8)).toEqual(['220.63', '220.53', '220.13', '0.40', '-']);
    expect(row('合计').slice(3, 8)).toEqual(['10561.49', '9905.89', '6970.94', '2934.95', '-']);
    // A project row: 社会组织管理 102 → "102.00" by the number format; its rate as seed 000 prints it.
    const first = row('社会组织管理');
    expect(first.slice(3, 6)).toEqual(['102.00', '93.99', '93.99']);
    expect(first[8]).toBe('100.0%');
  });

  it('calculates the appendix’s 总得分情况 to 98.96', () => {
    const rows = csv.get('report')!;
    expect(rows).toBeDefined();
    const total = rows.find((r) => r[0] === '总得分情况')!;
    expect(total[8]).toBe('98.96');
  });
});

describe('LibreOffice Calc, every example workbook', () => {
  let shown: Map<string, string>;
  let recalculated: Map<string, string>;
  const formulas = new Map<string, number>();
  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-xlsx-all-'));
    const out = path.join(root, 'out');
    const run = await runCli(['build', 'content', '--format', 'xlsx', '--out', out], REPO);
    expect(run.code, run.out + run.err).toBe(0);
    const books = (readdirSync(out, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((f) => f.endsWith('.xlsx'))
      .sort();
    // Short names (w0.xlsx …): LibreOffice names each sheet's CSV after the file and the sheet.
    const stripped = path.join(root, 'stripped');
    const originals = path.join(root, 'originals');
    mkdirSync(stripped);
    mkdirSync(originals);
    books.forEach((book, i) => {
      const file = path.join(out, book);
      formulas.set(path.basename(book, '.xlsx'), formulaCount(file));
      writeFileSync(path.join(originals, `w${i}.xlsx`), readFileSync(file));
      writeFileSync(path.join(stripped, `w${i}.xlsx`), withoutResults(file, false));
    });
    const home = path.join(root, 'home');
    recalculatingProfile(home);
    const list = (folder: string) => books.map((_, i) => path.join(folder, `w${i}.xlsx`));
    // The originals through a profile that keeps stored results, the stripped ones recalculated.
    shown = csvOf(list(originals), path.join(root, 'shown'), path.join(root, 'home-cached'));
    recalculated = csvOf(list(stripped), path.join(root, 'recalculated'), home);
  }, 600_000);

  it('has formulas for the totals of the national, Sichuan and Hubei forms, and the 汇总 table', () => {
    const count = (name: string) => formulas.get(name) ?? 0;
    // 年度资金总额 (three columns over its sources) and the 总分 得分, per project.
    expect(count('2023年示例县文化和旅游局公共文化服务补助项目支出绩效自评表')).toBe(4);
    // 总额 over its sources (three columns) and the 合计 得分.
    expect(count('2023年示例县民政局（本级）城乡低保资金发放项目支出绩效自评表')).toBe(4);
    // 收入 and 支出 合计: 当年预算, two prior years and the 占比 合计.
    expect(count('2023年湖北省示例县民政局部门整体支出绩效目标申报表')).toBe(8);
    // Ten projects, one 总分 得分 each (the Shenzhen layout of the national form).
    expect(count('2020年深圳市龙岗区民政局项目支出绩效自评表')).toBeGreaterThanOrEqual(10);
  });

  it('shows every sheet recalculated exactly as with the stored results', () => {
    expect(shown.size).toBeGreaterThanOrEqual(16);
    expect([...recalculated.keys()].sort()).toEqual([...shown.keys()].sort());
    for (const [name, text] of shown) expect(recalculated.get(name), name).toBe(text);
  });
});
