import { spawnSync } from 'node:child_process';
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
    expect(r.stdout).toContain('检查完成：5 个单位，0 个错误');
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

  it('reports a missing content folder as a finding with exit 1', () => {
    const r = jixiao('check', 'no-such-folder');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('没有找到任何单位');
  });
});
