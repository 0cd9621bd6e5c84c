/**
 * `jixiao check` on input that is unusual rather than wrong in its fields: a large plain file, escape
 * sequences in the text, a file given instead of the content folder, a folder that cannot be read, and
 * narrative expressions that would print to the terminal. Each is a Chinese finding with a place.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(REPO, 'test/fixtures/check');
const UNIT = 'unit:\n  name: 示例单位\n';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project folder holding content/2021/demo/ with the given files. */
function project(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-odd-'));
  made.push(root);
  const unit = path.join(root, 'content/2021/demo');
  mkdirSync(unit, { recursive: true });
  for (const [name, text] of Object.entries({ 'unit.yaml': UNIT, ...files }))
    writeFileSync(path.join(unit, name), text);
  return root;
}

/** The installed command (bin/jixiao.js on dist/), as a user runs it; `as` a user id other than ours. */
function jixiao(cwd: string, args: string[], as?: number) {
  return spawnSync(process.execPath, [path.join(REPO, 'bin/jixiao.js'), ...args], {
    cwd,
    encoding: 'utf8',
    ...(as !== undefined ? { uid: as, gid: as } : {}),
  });
}

/**
 * Root reads every folder whatever its permissions, so a locked folder is tested as `nobody` when the
 * tests run as root — if `nobody` can run this Node and read the package (a Node or clone inside a
 * private folder cannot be); otherwise the locked-folder test is skipped.
 */
const NOBODY = 65534;
const lockable = (() => {
  if (process.platform === 'win32') return { ok: false, as: undefined };
  if (process.getuid?.() !== 0) return { ok: true, as: undefined };
  const probe = spawnSync(process.execPath, [path.join(REPO, 'bin/jixiao.js'), '--help'], {
    uid: NOBODY,
    gid: NOBODY,
    encoding: 'utf8',
  });
  return { ok: probe.status === 0, as: NOBODY };
})();

describe('odd input to jixiao check', () => {
  it('does not take a large plain file (210,000 values, no alias) for an alias bomb', async () => {
    const values = Array.from({ length: 210_000 }, () => 'x').join(', ');
    const root = project({ 'notes.yaml': `notes: [${values}]\n` });
    const checked = await checkContent('content', root);
    const codes = checked.findings.items.map((f) => f.code);
    expect(codes).not.toContain('yaml-alias-bomb');
    // The file was read in full: its one mistake is the unknown part.
    expect(codes).toEqual(['unknown-key']);
  });

  it('prints escape and bidi characters in a finding as \\x1b / \\u202e, never raw to the terminal', async () => {
    const root = project({
      'unit.yaml': `${UNIT}  bogus\x1b[2J: "\\e]0;标题\\a"\n  other: \x1b[31m红\u202e字\n`,
    });
    const r = await runCli(['check', 'content'], root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('未知字段“bogus\\x1b[2J”');
    expect(r.out).toContain('other: \\x1b[31m红\\u202e字');
    for (const raw of ['\u001b', '\u0007', '\u202e']) expect(r.out).not.toContain(raw);
    // The caret still points at the value after the escapes widened the line.
    const lines = r.out.split('\n');
    const header = lines.findIndex((l) => l.startsWith('content/2021/demo/unit.yaml:4:10 '));
    const [shown, caret] = [lines[header + 2]!, lines[header + 3]!];
    expect(shown).toContain('other: \\x1b');
    expect(caret.indexOf('^')).toBe(shown.indexOf('\\x1b'));
  });

  it('answers `check <a file>` with a Chinese finding, not an internal error', async () => {
    const root = project({});
    const r = await runCli(['check', 'content/2021/demo/unit.yaml'], root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('content/2021/demo/unit.yaml:1:1 错误');
    expect(r.out).toContain('是一个文件，不是内容文件夹');
    expect(r.err).not.toContain('内部错误');
  });

  it.skipIf(!lockable.ok)(
    'reports a folder it cannot open as a finding at that folder, and checks the rest',
    () => {
      const root = project({});
      const locked = path.join(root, 'content/2021/demo/locked');
      mkdirSync(locked);
      writeFileSync(path.join(locked, 'projects.yaml'), 'projects: []\n');
      chmodSync(root, 0o755);
      chmodSync(locked, 0o000);
      try {
        const r = jixiao(root, ['check', 'content'], lockable.as);
        expect(r.stderr).not.toContain('内部错误');
        expect(r.status).toBe(1);
        expect(r.stdout).toContain(
          'content/2021/demo/locked:1:1 错误 无法读取文件夹 content/2021/demo/locked',
        );
        expect(r.stdout).toContain('检查完成：1 个单位（其中 1 个有错误），1 个错误');
      } finally {
        chmodSync(locked, 0o755);
      }
    },
  );

  it('keeps `check --json` valid JSON when the narrative writes {{log …}} or {{constructor}}', () => {
    const r = jixiao(path.join(FIXTURES, 'narrative-expressions'), ['check', 'input', '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Array<{ code: string; message: string }> };
    const messages = report.findings.filter((f) => f.code === 'narrative-expression').map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining('“log”'), expect.stringContaining('“constructor”')]),
    );
    expect(r.stderr).toBe('');
  });
});
