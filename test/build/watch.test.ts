import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endProcess, waitForOutput } from '../helpers/cli.js';

/** `jixiao watch` as a user runs it: a real process, real file saves, its terminal output read back. */
const REPO = path.resolve(import.meta.dirname, '../..');
let work: string;
let child: ChildProcess;
let output = '';

/** Waits until the output written since `from` matches, and returns that new output. */
const waitFor = (pattern: RegExp, from: number, timeoutMs?: number) =>
  waitForOutput(() => output, pattern, from, timeoutMs);

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-watch-'));
  cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
  child = spawn(process.execPath, [path.join(REPO, 'bin/jixiao.js'), 'watch', '--out', 'out'], { cwd: work });
  child.stdout!.on('data', (d) => {
    output += String(d);
  });
  child.stderr!.on('data', (d) => {
    output += String(d);
  });
  await waitFor(/正在监视/, 0, 120_000);
});

afterAll(async () => {
  await endProcess(child);
  rmSync(work, { recursive: true, force: true });
});

const tasks = () => path.join(work, 'content/2024/futian-minzheng/tasks.yaml');
const declaration = () =>
  path.join(work, 'out/2022/qingshan-minzheng/2022年青山区民政局(汇总)部门整体支出绩效目标申报表.pdf');

describe('jixiao watch', () => {
  it('builds everything first, then rewrites only the documents a saved figure changes', async () => {
    // 16 of the seeds + 2 of chongqing-demo + 2 of county-2013-demo + 4 of sichuan-demo + 2 of hunan-demo + 4 of national-demo (2 projects) + 2 of hubei-demo.
    expect(output).toContain('写出 32 个文件');
    const untouched = statSync(declaration()).mtimeMs;
    const mark = output.length;
    writeFileSync(tasks(), readFileSync(tasks(), 'utf8').replace('amount: 513.52', 'amount: 513.62'));
    const fresh = await waitFor(/生成完成/, mark);
    expect(fresh).toContain('部门整体支出绩效目标表.pdf');
    expect(fresh).toContain('写出 2 个文件，30 个未变');
    expect(statSync(declaration()).mtimeMs).toBe(untouched);
  });

  it('does not rebuild when a file is saved unchanged', async () => {
    const mark = output.length;
    writeFileSync(tasks(), readFileSync(tasks(), 'utf8'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(output.slice(mark)).not.toContain('生成完成');
  });

  it('survives a broken intermediate save: findings, no output touched, then a rebuild once whole', async () => {
    const good = readFileSync(tasks(), 'utf8');
    const before = statSync(declaration()).mtimeMs;
    let mark = output.length;
    writeFileSync(tasks(), `${good}\n  - name: [未写完\n`);
    const broken = await waitFor(/未生成文件/, mark);
    expect(broken).toMatch(/tasks\.yaml:\d+:\d+ 错误/);
    expect(broken).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(child.exitCode).toBeNull();
    mark = output.length;
    writeFileSync(tasks(), good.replace('amount: 513.62', 'amount: 513.72'));
    const fixed = await waitFor(/生成完成/, mark);
    expect(fixed).toContain('写出 2 个文件');
    expect(statSync(declaration()).mtimeMs).toBe(before);
  });
});
