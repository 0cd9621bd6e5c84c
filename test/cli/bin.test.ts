import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The installed command as a user runs it (`npx jixiao …` runs bin/jixiao.js on the built dist/). */
const REPO = path.resolve(import.meta.dirname, '../..');
const jixiao = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO, 'bin/jixiao.js'), ...args], { cwd: REPO, encoding: 'utf8' });

describe('the jixiao command', () => {
  it('checks the example year with exit 0 from a fresh install', () => {
    const r = jixiao('check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The 5 seed units and the 6 region-pack examples of 2023.
    expect(r.stdout).toContain('检查完成：11 个单位，0 个错误');
  });

  it('prints findings as data with --json', () => {
    const r = jixiao('check', '--json');
    const report = JSON.parse(r.stdout);
    expect(report.errors).toBe(0);
    expect(report.units.map((u: { id: string }) => u.id)).toContain('2022/qingshan-minzheng');
    for (const f of report.findings)
      expect(f.at).toMatchObject({ file: expect.stringMatching(/^content\//), line: expect.any(Number) });
  });

  it('answers a usage mistake with exit 2 and Chinese help, no stack trace', () => {
    const r = jixiao('chekc');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知命令“chekc”');
    expect(r.stderr).not.toMatch(/\s+at .+\(.+:\d+:\d+\)/);
    const bad = jixiao('check', '--nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('参数有误');
  });

  it('says its version, as in package.json', () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const r = jixiao(flag);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(`jixiao ${version}`);
    }
  });

  it('suggests the command a typo meant', () => {
    const r = jixiao('biuld');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知命令“biuld”。是否应为“build”？');
  });

  it('says what is wrong with an option in Chinese, never in Node’s English', () => {
    const cases: Array<[string[], string]> = [
      [['check', '--nope'], '未知选项“--nope”'],
      [['build', '--fromat', 'pdf'], '未知选项“--fromat”。是否应为“--format”？'],
      [['check', '-x'], '未知选项“-x”'],
      [['build', '--out'], '--out 后面要写一个值，如 --out output'],
      [['build', '--out', '--force'], '--out 后面要写一个值'],
      [['check', '--json=yes'], '--json 后面不用写值'],
    ];
    for (const [args, says] of cases) {
      const r = jixiao(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toMatch(/Unknown option|argument missing|ambiguous|To specify/);
    }
  });

  it('prints a usage mistake as JSON with --json', () => {
    const r = jixiao('chekc', '--json');
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.error).toContain('未知命令“chekc”。是否应为“check”？');
    expect(report.findings).toEqual([]);
    const bad = JSON.parse(jixiao('check', '--nope', '--json').stdout);
    expect(bad.error).toContain('未知选项“--nope”');
  });

  it('reports a missing content folder as a finding with exit 1', () => {
    const r = jixiao('check', 'no-such-folder');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('没有找到任何单位');
  });
});
