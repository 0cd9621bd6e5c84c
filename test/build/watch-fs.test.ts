import { type ChildProcess, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endProcess, waitForOutput } from '../helpers/cli.js';
import { pdfText } from '../helpers/read-output.js';

/**
 * `jixiao watch` against what editors and people do to files: saves by writing in place and by writing a
 * temporary file renamed over the original (vim, Emacs, JetBrains, `sed -i`), folders deleted or renamed
 * while it runs, and a render worker that dies on a document.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
/** Text that makes a render worker exit when a document contains it (a test-only hook in the worker). */
const CRASH = '【渲染线程退出测试】';
let work: string;
let child: ChildProcess;
let output = '';

/** Waits until the output written since `from` matches, and returns that new output. */
const waitFor = (pattern: RegExp, from: number, timeoutMs?: number) =>
  waitForOutput(() => output, pattern, from, timeoutMs);

/** Waits until the PDF a reader opens shows `text` (each check after the watch reports a finished build). */
async function waitForPdfText(file: () => string, text: string, from: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let seen = from;
  while (Date.now() < deadline) {
    const done = output.indexOf('生成完成', seen);
    if (done >= 0) {
      seen = done + 1;
      if (existsSync(file()) && pdfText(file()).includes(text)) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the PDF never showed ${text}; output so far:\n${output.slice(from)}`);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-watch-fs-'));
  cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
  child = spawn(process.execPath, [path.join(REPO, 'bin/jixiao.js'), 'watch', '--out', 'out'], {
    cwd: work,
    env: { ...process.env, JIXIAO_TEST_WORKER_EXIT_ON: CRASH },
  });
  child.stdout!.on('data', (d) => {
    output += String(d);
  });
  child.stderr!.on('data', (d) => {
    output += String(d);
  });
  await waitFor(/正在监视/, 0, 120_000);
  // 16 of the seeds + 2 of chongqing-demo + 2 of county-2013-demo + 4 of sichuan-demo + 2 of hunan-demo + 4 of national-demo (2 projects) + 2 of hubei-demo.
  expect(output).toContain('写出 32 个文件');
});

afterAll(async () => {
  await endProcess(child);
  rmSync(work, { recursive: true, force: true });
});

const tasks = () => path.join(work, 'content/2024/futian-minzheng/tasks.yaml');
const futianTable = () =>
  path.join(work, 'out/2024/futian-minzheng/2024年深圳市福田区民政局(本级)部门整体支出绩效目标表.pdf');

/** A save as an editor that writes a new file and renames it over the old one makes it. */
function saveByRename(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `sed${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

describe('jixiao watch and the file system', () => {
  it('sees every save, whether written in place or renamed over the file', async () => {
    const original = readFileSync(tasks(), 'utf8');
    expect(original).toContain('amount: 513.52');
    for (let i = 0; i < 20; i++) {
      const figure = `6${String(i).padStart(2, '0')}.17`;
      const text = original.replace('amount: 513.52', `amount: ${figure}`);
      const mark = output.length;
      if (i % 2 === 0) writeFileSync(tasks(), text);
      else saveByRename(tasks(), text);
      await waitForPdfText(futianTable, figure, mark);
    }
    expect(child.exitCode).toBeNull();
    // The temporary files never became content.
    expect(readdirSync(path.dirname(tasks())).filter((f) => f.startsWith('sed'))).toEqual([]);
  }, 600_000);

  it('keeps running when a unit folder is deleted, says so, and rebuilds later saves', async () => {
    let mark = output.length;
    rmSync(path.join(work, 'content/2021/longgang-minzheng'), { recursive: true, force: true });
    const gone = await waitFor(/不再生成/, mark);
    expect(gone).toContain('2021/longgang-minzheng');
    expect(child.exitCode).toBeNull();
    mark = output.length;
    writeFileSync(tasks(), readFileSync(tasks(), 'utf8').replace(/amount: 6\d\d\.17/, 'amount: 701.17'));
    await waitForPdfText(futianTable, '701.17', mark);
    expect(child.exitCode).toBeNull();
  }, 240_000);

  it('follows a renamed folder: a save inside it is built under the new name', async () => {
    const from = path.join(work, 'content/2022/qingshan-minzheng');
    const to = path.join(work, 'content/2022/qingshan-mz');
    let mark = output.length;
    renameSync(from, to);
    await waitFor(/已没有 2022\/qingshan-minzheng（[^\n]*不再生成/, mark);
    const table = () =>
      path.join(work, 'out/2022/qingshan-mz/2022年青山区民政局(汇总)部门整体支出绩效目标申报表.pdf');
    await waitFor(/生成完成/, mark);
    const goals = path.join(to, 'goals.yaml');
    const text = readFileSync(goals, 'utf8');
    expect(text).toContain('title: 基本民生保障方面');
    mark = output.length;
    saveByRename(goals, text.replace('title: 基本民生保障方面', 'title: 改名后民生保障'));
    await waitForPdfText(table, '改名后民生保障', mark);
    expect(child.exitCode).toBeNull();
  }, 240_000);

  it('reports a render worker that dies on a document as a finding, replaces it, and builds the next save', async () => {
    const good = readFileSync(tasks(), 'utf8');
    let mark = output.length;
    writeFileSync(tasks(), good.replace('主要用于人员', `${CRASH}主要用于人员`));
    const crashed = await waitFor(/未生成文件/, mark, 120_000);
    expect(crashed).toMatch(/unit\.yaml:\d+:\d+ 错误.*渲染线程意外退出/);
    // An internal failure, said as such: not counted as errors in the content.
    expect(crashed).toContain('jixiao 内部错误，不是内容有误');
    expect(crashed).not.toMatch(/有 \d+ 个错误，未生成文件/);
    expect(crashed).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(child.exitCode).toBeNull();
    mark = output.length;
    writeFileSync(tasks(), good.replace(/amount: \d+\.17/, 'amount: 802.17'));
    await waitForPdfText(futianTable, '802.17', mark);
  }, 240_000);
});
