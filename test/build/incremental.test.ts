import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Incremental builds and nothing lost: a document is re-rendered only when its inputs changed; errors and
 * interrupted builds never leave a half-written or half-updated output folder.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
let work: string;

const outputs = (dir: string) => fg.sync('**/*.{pdf,docx}', { cwd: dir }).sort();
const snapshot = (dir: string) =>
  Object.fromEntries(
    outputs(dir).map((f) => [
      f,
      { bytes: readFileSync(path.join(dir, f)), mtime: statSync(path.join(dir, f)).mtimeMs },
    ]),
  );

async function build(...extra: string[]) {
  const r = await runCli(['build', 'content', '--out', 'out', '--json', ...extra], work);
  const report = JSON.parse(r.out) as {
    written: Array<{ file: string }>;
    unchanged: Array<{ file: string }>;
  };
  return {
    code: r.code,
    written: report.written?.map((w) => w.file) ?? [],
    unchanged: report.unchanged?.map((w) => w.file) ?? [],
  };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-incremental-'));
  cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
  const first = await build();
  expect(first.code).toBe(0);
  // 16 of the seeds + 2 of chongqing-demo + 2 of county-2013-demo + 4 of sichuan-demo + 2 of hunan-demo + 4 of national-demo (2 projects) + 2 of hubei-demo.
  expect(first.written.length).toBe(32);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('incremental build', () => {
  it('renders nothing when nothing changed, and leaves every file as it was', async () => {
    const before = snapshot(path.join(work, 'out'));
    const again = await build();
    expect(again.code).toBe(0);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(32);
    expect(snapshot(path.join(work, 'out'))).toEqual(before);
  });

  it('re-renders only the documents whose content changed', async () => {
    const tasks = path.join(work, 'content/2024/futian-minzheng/tasks.yaml');
    const text = readFileSync(tasks, 'utf8');
    writeFileSync(tasks, text.replace('amount: 513.52', 'amount: 513.62'));
    const r = await build();
    expect(r.code).toBe(0);
    // Only the 2024 目标表 prints tasks: its DOCX and PDF.
    expect(r.written.map((f) => path.basename(f)).sort()).toEqual([
      '2024年深圳市福田区民政局(本级)部门整体支出绩效目标表.docx',
      '2024年深圳市福田区民政局(本级)部门整体支出绩效目标表.pdf',
    ]);
    expect(r.unchanged).toHaveLength(30);
    writeFileSync(tasks, text);
  });

  it('re-renders a document whose output file was deleted, and everything with --force', async () => {
    await build(); // back in step after the previous test restored the content
    const victim = outputs(path.join(work, 'out')).find((f) => f.endsWith('项目支出绩效自评表.pdf'))!;
    rmSync(path.join(work, 'out', victim));
    const r = await build();
    expect(r.written.map((f) => path.relative('out', f))).toEqual([victim]);
    const forced = await build('--force');
    expect(forced.written).toHaveLength(32);
  });

  it('re-renders the documents of a template the project overrides', async () => {
    await build();
    cpSync(
      path.join(REPO, 'templates/shenzhen/goal-declaration'),
      path.join(work, 'templates/shenzhen/goal-declaration'),
      { recursive: true },
    );
    const r = await build();
    // Same template text, but now from the project's templates/: the inputs hash is of the files' content,
    // so an identical copy changes nothing.
    expect(r.written).toEqual([]);
    const main = path.join(work, 'templates/shenzhen/goal-declaration/main.hbs');
    const template = readFileSync(main, 'utf8');
    expect(template).toContain('<title>{{form.name}}</title>');
    writeFileSync(
      main,
      template.replace('<title>{{form.name}}</title>', '<title>{{form.name}}（修订）</title>'),
    );
    const changed = await build();
    expect(changed.written.map((f) => path.basename(f)).sort()).toEqual([
      '2022年青山区民政局(汇总)部门整体支出绩效目标申报表.docx',
      '2022年青山区民政局(汇总)部门整体支出绩效目标申报表.pdf',
    ]);
    rmSync(path.join(work, 'templates'), { recursive: true, force: true });
  });

  it('writes nothing for a unit whose content has an error, leaving its earlier outputs as they were', async () => {
    await build();
    const before = snapshot(path.join(work, 'out'));
    const funding = path.join(work, 'content/2022/qingshan-minzheng/funding.yaml');
    const text = readFileSync(funding, 'utf8');
    writeFileSync(funding, text.replace('budget: 6009.09', 'budget: 六千'));
    try {
      const r = await runCli(['build', 'content', '--out', 'out'], work);
      expect(r.code).toBe(1);
      expect(r.out).toContain('因内容有错误未生成（它们原有的输出文件保持不变）');
      expect(r.out).toContain('2022/qingshan-minzheng（青山区民政局(汇总)）：有 1 个错误');
      // The other units did not change, so no file at all is rewritten.
      expect(snapshot(path.join(work, 'out'))).toEqual(before);
    } finally {
      writeFileSync(funding, text);
    }
  });
});

describe('an interrupted build', () => {
  const cli = path.join(REPO, 'bin/jixiao.js');
  const run = (cwd: string, out: string) =>
    spawn(process.execPath, [cli, 'build', 'content', '--out', out, '--force'], { cwd, stdio: 'ignore' });

  it('leaves no half-written file, and the next build gives the same bytes as a clean build', async () => {
    const clean = path.join(work, 'clean');
    await new Promise<void>((resolve) => run(work, clean).on('exit', () => resolve()));
    const reference = snapshot(clean);
    expect(Object.keys(reference)).toHaveLength(32);

    for (const delay of [400, 900, 1600]) {
      const killed = path.join(work, `killed-${delay}`);
      const child = run(work, killed);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      // Whatever the moment, a file is either absent or whole (staged files are hidden temporaries).
      for (const f of outputs(killed))
        expect(readFileSync(path.join(killed, f))).toEqual(reference[f]!.bytes);
      const after = await runCli(['build', 'content', '--out', path.basename(killed)], work);
      expect(after.code).toBe(0);
      const rebuilt = snapshot(killed);
      expect(Object.keys(rebuilt)).toEqual(Object.keys(reference));
      for (const f of Object.keys(reference))
        expect(rebuilt[f]!.bytes.equals(reference[f]!.bytes), f).toBe(true);
      expect(fg.sync('**/.*.tmp', { cwd: killed, dot: true })).toEqual([]);
      expect(existsSync(path.join(killed, '.jixiao-staging'))).toBe(false);
      expect(existsSync(path.join(killed, '.jixiao-manifest.json'))).toBe(true);
    }
  });
});
