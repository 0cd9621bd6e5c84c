/**
 * After `jixiao init 2025`, the new year is full of 待填写 errors: the other years still build, `--only 2020`
 * builds 2020, `build` lists the unit it left and why (exit 1), and `check` takes a year or a unit folder
 * and counts every unit folder, also the one with errors. A unit with errors writes nothing; its parent
 * (whose 汇总 adds it up) is left with it. Run on temporary copies of the example content, DOCX only.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
const EXAMPLE_UNITS = [
  '2020/longgang-minzheng',
  '2021/longgang-minzheng',
  '2022/qingshan-minzheng',
  '2023/chongqing-demo',
  '2023/county-2013-demo',
  '2023/hubei-demo',
  '2023/hunan-demo',
  '2023/national-demo',
  '2023/sichuan-demo',
  '2024/futian-minzheng',
];

function copyExample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-per-unit-'));
  temps.push(dir);
  cpSync(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  return dir;
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** The DOCX files under a folder of the output, relative to it. */
function docxUnder(dir: string, rel: string): string[] {
  const root = path.join(dir, 'output', rel);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.docx')).sort();
}

interface Finding {
  severity: string;
  code: string;
  at?: { file: string; line: number; col: number };
}

describe('after jixiao init 2025 --from 2024', () => {
  const dir = copyExample();
  beforeAll(async () => {
    expect((await runCli(['init', '2025', '--from', '2024'], dir)).code).toBe(0);
  });

  it('check content/2025 and check content/2025/<unit> check that unit, in its year', async () => {
    const all = await runCli(['check', '--json'], dir);
    const allFindings = (JSON.parse(all.out) as { findings: Finding[] }).findings;
    const of2025 = allFindings.filter((f) => f.at?.file.startsWith('content/2025/'));
    expect(of2025.some((f) => f.severity === 'error')).toBe(true);
    for (const folder of ['content/2025', 'content/2025/futian-minzheng']) {
      const run = await runCli(['check', folder, '--json'], dir);
      expect(run.code).toBe(1);
      const json = JSON.parse(run.out) as { findings: Finding[]; unitCount: number };
      expect(json.findings.map((f) => f.code)).not.toContain('unit-year-folder');
      expect(json.findings).toEqual(of2025);
      expect(json.unitCount).toBe(1);
      const text = await runCli(['check', folder], dir);
      expect(text.out).toContain('检查完成：1 个单位（其中 1 个有错误）');
      expect(text.out).toContain('[2025/futian-minzheng]');
    }
  });

  it('check counts every unit folder, the one with errors too', async () => {
    const run = await runCli(['check'], dir);
    expect(run.code).toBe(1);
    // 2020 has a department and its sub-unit, 2023 six example units of the region packs, and 2025: 12 folders with unit.yaml in all.
    expect(run.out).toContain('检查完成：12 个单位（其中 1 个有错误）');
    expect(JSON.parse((await runCli(['check', '--json'], dir)).out).unitCount).toBe(12);
  });

  it('check content/2020/<unit>/<sub-unit> checks the sub-unit alone, still as a sub-unit', async () => {
    const run = await runCli(['check', 'content/2020/longgang-minzheng/wangge-longgang', '--json'], dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as {
      units: Array<{ id: string; parent: string | null }>;
      unitCount: number;
    };
    expect(json.units.map((u) => [u.id, u.parent])).toEqual([
      ['2020/longgang-minzheng/wangge-longgang', '2020/longgang-minzheng'],
    ]);
  });

  it('build --only 2020 builds 2020 and says why 2025 was left', async () => {
    const run = await runCli(['build', '--only', '2020', '--format', 'docx'], dir);
    expect(run.code).toBe(0);
    expect(docxUnder(dir, '2020').length).toBeGreaterThan(0);
    expect(docxUnder(dir, '2025')).toEqual([]);
    expect(run.out).toMatch(/另有 1 个单位有错误（2025\/futian-minzheng），不在 --only 2020 之内/);
  });

  it('build builds every year but 2025, lists 2025 with its errors and exits 1', async () => {
    const run = await runCli(['build', '--format', 'docx', '--json'], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as {
      written: Array<{ unit: string }>;
      unchanged: Array<{ unit: string }>;
      left: Array<{ unit: string; errors: number; related: string[] }>;
    };
    const built = new Set(
      [...json.written, ...json.unchanged].map((w) => w.unit.split('/').slice(0, 2).join('/')),
    );
    expect([...built].sort()).toEqual(EXAMPLE_UNITS);
    expect(json.left).toHaveLength(1);
    expect(json.left[0]).toMatchObject({ unit: '2025/futian-minzheng', related: [] });
    expect(json.left[0]!.errors).toBeGreaterThan(0);
    for (const unit of EXAMPLE_UNITS) expect(docxUnder(dir, unit).length, unit).toBeGreaterThan(0);
    expect(docxUnder(dir, '2025')).toEqual([]);
    const text = await runCli(['build', '--format', 'docx'], dir);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/2025\/futian-minzheng（深圳市福田区民政局[^）]*）[）]?：有 \d+ 个错误/);
  });

  it('build --only 2025 writes nothing at all, as before', async () => {
    const fresh = copyExample();
    expect((await runCli(['init', '2025', '--from', '2024'], fresh)).code).toBe(0);
    const run = await runCli(['build', '--only', '2025', '--format', 'docx'], fresh);
    expect(run.code).toBe(1);
    expect(run.out).toContain('未生成任何文件');
    expect(existsSync(path.join(fresh, 'output'))).toBe(false);
  });
});

describe('build leaves a unit with errors together with its parent and its sub-units', () => {
  it('an error in a sub-unit leaves it and its department; the other years are built', async () => {
    const dir = copyExample();
    const file = path.join(dir, 'content/2020/longgang-minzheng/wangge-longgang/projects.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('budget: 0.20', 'budget: 二角'));
    const run = await runCli(['build', '--format', 'docx'], dir);
    expect(run.code).toBe(1);
    expect(docxUnder(dir, '2020')).toEqual([]);
    for (const unit of EXAMPLE_UNITS.slice(1)) expect(docxUnder(dir, unit).length, unit).toBeGreaterThan(0);
    expect(run.out).toContain(
      '2020/longgang-minzheng/wangge-longgang（深圳市龙岗区龙岗街道社区网格管理中心）：有 1 个错误',
    );
    expect(run.out).toMatch(/2020\/longgang-minzheng（深圳市龙岗区民政局）：下属单位.*有错误，汇总数不完整/);
  });

  it('a mistyped {{数据名}} (found by the views) leaves that unit only, and its earlier files stay', async () => {
    const dir = copyExample();
    expect((await runCli(['build', '--format', 'docx'], dir)).code).toBe(0);
    const report = docxUnder(dir, '2021/longgang-minzheng');
    expect(report.length).toBeGreaterThan(0);
    const before = readFileSync(path.join(dir, 'output/2021/longgang-minzheng', report[0]!));
    const md = path.join(dir, 'content/2021/longgang-minzheng/report.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('{{全年实际支出}}', '{{全年实际支岀}}'));
    // The 2020 figures change too, so a file is rewritten there while 2021 is left.
    const projects = path.join(dir, 'content/2020/longgang-minzheng/projects.yaml');
    writeFileSync(
      projects,
      readFileSync(projects, 'utf8').replace('general_budget: 93.99', 'general_budget: 93.98'),
    );
    const run = await runCli(['build', '--format', 'docx', '--json'], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as { written: Array<{ unit: string }>; left: Array<{ unit: string }> };
    expect(json.left.map((u) => u.unit)).toEqual(['2021/longgang-minzheng']);
    expect(json.written.some((w) => w.unit.startsWith('2020/'))).toBe(true);
    expect(json.written.some((w) => w.unit.startsWith('2021/'))).toBe(false);
    expect(readFileSync(path.join(dir, 'output/2021/longgang-minzheng', report[0]!))).toEqual(before);
  });
});
