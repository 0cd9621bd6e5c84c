/**
 * Failures while writing are findings, and a build's files are put in place as one step. A full disk
 * (injected: a staged write stops half-way with ENOSPC) or an output folder that cannot be written is
 * a Chinese finding with exit 2, no stack trace, no staged file left and the earlier outputs as they
 * were. A build killed in the middle of its commit is completed by the next run, whatever that run
 * builds, so a DOCX and its PDF never stay from different builds. Ctrl+C and SIGTERM remove the staged
 * files and exit 130 and 143.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(REPO, 'bin/jixiao.js');
const UNIT = 'content/2022/qingshan-minzheng';
const DOC = '2022/qingshan-minzheng/2022年青山区民政局(汇总)部门整体支出绩效目标申报表';
let root: string;
let unitText: string;
/** The unit's documents as a clean build makes them before and after the edit. */
let before: Record<string, Buffer>;
let after: Record<string, Buffer>;

const outputs = (dir: string) =>
  Object.fromEntries(
    fg.sync('**/*.{docx,pdf}', { cwd: dir }).map((f) => [f, readFileSync(path.join(dir, f))]),
  );
const ours = (dir: string) =>
  fg.sync('.jixiao-{staging,commit.json}*', { cwd: dir, dot: true, onlyFiles: false });

/** A change the 申报表 prints (its 联系电话), in both its DOCX and its PDF. */
const edit = () =>
  writeFileSync(path.join(root, UNIT, 'unit.yaml'), unitText.replace('027-68865278', '027-68865279'));
const restore = () => writeFileSync(path.join(root, UNIT, 'unit.yaml'), unitText);

function cli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI binary to its end; what a user sees. */
function finished(child: ChildProcess): Promise<{ code: number | null; signal: string | null; out: string }> {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

/** Resolves when the build says it reached the pause its JIXIAO_TEST_PAUSE asked for. */
function paused(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
      if (err.includes('JIXIAO_TEST_PAUSED')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the build ended (exit ${code}) without pausing: ${err}`)));
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-write-failures-'));
  cpSync(path.join(REPO, 'content/2022'), path.join(root, 'content/2022'), { recursive: true });
  // A second unit, for a later build that renders something else.
  cpSync(path.join(REPO, 'content/2024'), path.join(root, 'content/2024'), { recursive: true });
  unitText = readFileSync(path.join(root, UNIT, 'unit.yaml'), 'utf8');
  expect(unitText).toContain('027-68865278');
  expect((await runCli(['build', 'content', '--out', 'ref-before', '--only', '2022'], root)).code).toBe(0);
  edit();
  expect((await runCli(['build', 'content', '--out', 'ref-after', '--only', '2022'], root)).code).toBe(0);
  restore();
  before = outputs(path.join(root, 'ref-before'));
  after = outputs(path.join(root, 'ref-after'));
  expect(Object.keys(before).sort()).toEqual([`${DOC}.docx`, `${DOC}.pdf`]);
  expect(before[`${DOC}.pdf`]!.equals(after[`${DOC}.pdf`]!)).toBe(false);
  expect(before[`${DOC}.docx`]!.equals(after[`${DOC}.docx`]!)).toBe(false);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a write that fails', () => {
  it('on a full disk: a finding, exit 2, no temporary left, earlier outputs intact', async () => {
    const out = path.join(root, 'full');
    expect((await runCli(['build', 'content', '--out', 'full', '--only', '2022'], root)).code).toBe(0);
    edit();
    try {
      const r = await finished(
        cli(['build', 'content', '--out', 'full', '--only', '2022'], {
          JIXIAO_TEST_WRITE_FAIL: '申报表.pdf',
        }),
      );
      expect(r.code, r.out).toBe(2);
      expect(r.out).toContain('磁盘空间不足（ENOSPC）');
      expect(r.out).toContain(`full/${DOC}.pdf`);
      expect(r.out).toContain('原有的输出文件保持不变');
      expect(r.out).not.toMatch(/\n\s+at /);
    } finally {
      restore();
    }
    expect(outputs(out)).toEqual(before);
    expect(ours(out)).toEqual([]);
  });

  it('in an output folder that cannot be created: a finding, exit 2', async () => {
    writeFileSync(path.join(root, 'a-file'), 'not a folder');
    const r = await runCli(['build', 'content', '--out', 'a-file/out', '--only', '2022'], root);
    expect(r.code).toBe(2);
    expect(r.out).toContain('无法使用输出目录“a-file/out”');
    expect(r.out).toContain('ENOTDIR');
    expect(r.err).toBe('');
  });
});

describe('a build killed in the middle of its commit', () => {
  it('is completed by the next build, even one that renders other documents', async () => {
    const out = path.join(root, 'killed');
    expect((await runCli(['build', 'content', '--out', 'killed'], root)).code).toBe(0);
    edit();
    try {
      const child = cli(['build', 'content', '--out', 'killed', '--only', '2022'], {
        JIXIAO_TEST_PAUSE: 'commit',
      });
      await paused(child);
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      // Killed after one of the two renames: one file is new, the other still old.
      const mixed = outputs(out);
      const fresh = [`${DOC}.docx`, `${DOC}.pdf`].filter((f) => mixed[f]!.equals(after[f]!));
      expect(fresh).toHaveLength(1);

      // The next build is of another unit only; it completes the interrupted commit first.
      const next = await runCli(['build', 'content', '--out', 'killed', '--only', '2024', '--json'], root);
      expect(next.code, next.out).toBe(0);
      expect((JSON.parse(next.out) as { recovered: string[] }).recovered).toHaveLength(1);
    } finally {
      restore();
    }
    const now = outputs(out);
    expect(now[`${DOC}.docx`]!.equals(after[`${DOC}.docx`]!)).toBe(true);
    expect(now[`${DOC}.pdf`]!.equals(after[`${DOC}.pdf`]!)).toBe(true);
    expect(ours(out)).toEqual([]);
  }, 120_000);
});

describe('Ctrl+C and SIGTERM', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} removes the staged files, keeps the earlier outputs and exits ${code}`, async () => {
      const out = path.join(root, `signal-${signal}`);
      expect(
        (await runCli(['build', 'content', '--out', path.basename(out), '--only', '2022'], root)).code,
      ).toBe(0);
      edit();
      try {
        const child = cli(['build', 'content', '--out', path.basename(out), '--only', '2022'], {
          JIXIAO_TEST_PAUSE: 'staged',
        });
        const result = finished(child);
        await paused(child);
        // Everything is staged, nothing yet replaced.
        const staging = path.join(out, '.jixiao-staging');
        expect(fg.sync('**/*.{docx,pdf}', { cwd: staging })).toHaveLength(2);
        child.kill(signal);
        const r = await result;
        expect(r.code, r.out).toBe(code);
        expect(r.out).toContain('已删除本次的临时文件');
      } finally {
        restore();
      }
      expect(outputs(out)).toEqual(before);
      expect(ours(out)).toEqual([]);
      expect(readdirSync(out).sort()).toEqual(['.jixiao-manifest.json', '2022']);
      expect(existsSync(path.join(out, '.jixiao-staging'))).toBe(false);
    }, 120_000);
  }
});
