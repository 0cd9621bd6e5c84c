/**
 * A build deletes only what it made, and writes only where it may: files shaped like jixiao's temporaries
 * that jixiao did not record are left alone; `--out` pointing into the content, at an empty string, at a
 * folder of other files (unless `--force-out`), or somewhere no folder can be made (/proc) is refused
 * with a finding and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-out-folder-'));
  cpSync(path.join(REPO, 'content/2022'), path.join(root, 'content/2022'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const build = (...args: string[]) => runCli(['build', 'content', '--format', 'docx', ...args], root);
const files = (dir: string) => fg.sync('**', { cwd: dir, dot: true }).sort();
/** The pid of a process that has ended, as a killed build's would be. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('the stale-temporary sweep', () => {
  it('removes a killed build’s leftovers but not files of the same shape it did not make', async () => {
    expect((await build('--out', 'out')).code).toBe(0);
    const unitDir = path.join(root, 'out/2022/qingshan-minzheng');
    const [docx] = readdirSync(unitDir);
    const pid = deadPid();
    // Someone else's files that happen to look like our temporary names, in and beside our folders.
    const foreign = [
      `out/2022/qingshan-minzheng/.notes.txt.${pid}.0123abcd.tmp`,
      `out/other-tool/.cache.db.${pid}.deadbeef.tmp`,
    ];
    // A temporary an older jixiao left beside a file the manifest lists: ours, removed.
    const leftover = `out/2022/qingshan-minzheng/.${docx}.${pid}.89abcdef.tmp`;
    for (const f of [...foreign, leftover]) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), 'not jixiao’s');
    }
    // A staging folder of a killed build: ours, removed.
    mkdirSync(path.join(root, `out/.jixiao-staging/${pid}-00ff00ff/2022`), { recursive: true });
    writeFileSync(path.join(root, `out/.jixiao-staging/${pid}-00ff00ff/2022/x.docx`), 'half');

    const r = await build('--out', 'out', '--force');
    expect(r.code, r.out).toBe(0);
    for (const f of foreign) expect(existsSync(path.join(root, f)), f).toBe(true);
    expect(existsSync(path.join(root, leftover))).toBe(false);
    expect(existsSync(path.join(root, 'out/.jixiao-staging'))).toBe(false);
  });
});

describe('where a build may write', () => {
  it('refuses --out inside the content folder, writing nothing there', async () => {
    const before = files(path.join(root, 'content'));
    for (const out of ['content', 'content/2022/output']) {
      const r = await build('--out', out);
      expect(r.code, out).toBe(2);
      expect(r.out).toContain('在内容目录');
      expect(r.out).not.toContain('已写出');
    }
    expect(files(path.join(root, 'content'))).toEqual(before);
  });

  it('refuses an empty --out', async () => {
    const r = await build('--out', '');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out 不能为空');
  });

  it('refuses a folder holding files jixiao did not write, unless --force-out', async () => {
    const other = path.join(root, 'documents');
    mkdirSync(other);
    writeFileSync(path.join(other, '工作计划.docx'), 'the clerk’s own file');
    const refused = await build('--out', 'documents');
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('工作计划.docx');
    expect(refused.out).toContain('--force-out');
    expect(files(other)).toEqual(['工作计划.docx']);
    // The project folder itself (content/ and more) is such a folder.
    expect((await build('--out', '.')).code).toBe(2);
    expect(existsSync(path.join(root, '2022'))).toBe(false);

    const forced = await build('--out', 'documents', '--force-out');
    expect(forced.code, forced.out).toBe(0);
    expect(files(other)).toContain('工作计划.docx');
    expect(files(other).some((f) => f.endsWith('.docx') && f.startsWith('2022/'))).toBe(true);
    // Once jixiao has written there (its manifest), no flag is needed again.
    expect((await build('--out', 'documents')).code).toBe(0);
  });

  it.runIf(existsSync('/proc/self'))(
    'reports an output folder under /proc as a finding instead of spinning',
    () => {
      // A child process: on a build that spins, the kill after a minute fails the test (status null).
      const r = spawnSync(
        process.execPath,
        [path.join(REPO, 'bin/jixiao.js'), 'build', 'content', '--out', '/proc/jixiao-x/out'],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status, r.stdout + r.stderr).toBe(2);
      expect(r.stdout).toContain('无法使用输出目录“/proc/jixiao-x/out”');
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    },
    90_000,
  );
});
