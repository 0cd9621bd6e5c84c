import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Damaged copies of the example content: each mistake a finance officer can make must give exit 1 and a
 * finding at the file and line of the mistake, with no stack trace. The expected line is where the test
 * put the mistake, found in the file text, never read back from the tool's output.
 */
const EXAMPLE = path.resolve(import.meta.dirname, '../../content');
let work: string | undefined;

function copyExample(): string {
  work = mkdtempSync(path.join(tmpdir(), 'jixiao-damaged-'));
  cpSync(EXAMPLE, path.join(work, 'content'), { recursive: true });
  return work;
}

afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

/** Replaces the first occurrence of `from` and returns the 1-based line where the change starts. */
function damage(root: string, rel: string, from: string, to: string): number {
  const file = path.join(root, 'content', rel);
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`"${from}" not found in ${rel}`);
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
  return text.slice(0, at).split('\n').length;
}

async function checkCopy(root: string) {
  const result = await runCli(['check', 'content', '--json'], root);
  const report = JSON.parse(result.out) as {
    findings: Array<{
      severity: string;
      code: string;
      message: string;
      at?: { file: string; line: number; col: number };
    }>;
  };
  return { ...result, errors: report.findings.filter((f) => f.severity === 'error') };
}

function expectCleanFailure(result: { code: number; err: string; out: string }) {
  expect(result.code).toBe(1);
  expect(`${result.out}\n${result.err}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
}

describe('damaged copies of the example content', () => {
  it('a misspelt key', async () => {
    const root = copyExample();
    const line = damage(
      root,
      '2020/longgang-minzheng/projects.yaml',
      '    budget: 102\n',
      '    budgte: 102\n',
    );
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors.find((e) => e.code === 'unknown-key')!;
    expect(f.at).toEqual({ file: 'content/2020/longgang-minzheng/projects.yaml', line, col: 5 });
    expect(f.message).toContain('是否应为“budget”');
  });

  it('words where money belongs', async () => {
    const root = copyExample();
    const line = damage(
      root,
      '2020/longgang-minzheng/projects.yaml',
      'budget: 855.17',
      'budget: 八百五十五万',
    );
    const r = await checkCopy(root);
    expectCleanFailure(r);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.at).toEqual({ file: 'content/2020/longgang-minzheng/projects.yaml', line, col: 13 });
    expect(r.errors[0]!.message).toContain('项目年度预算金额');
    expect(r.errors[0]!.message).toContain('八百五十五万');
  });

  it('a missing required field', async () => {
    const root = copyExample();
    const line = damage(root, '2024/futian-minzheng/unit.yaml', '  name: 深圳市福田区民政局(本级)\n', '');
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors[0]!;
    expect(f.code).toBe('missing-field');
    // Reported at the unit block whose field is missing: its first remaining key, on the line name held.
    expect(f.at).toEqual({ file: 'content/2024/futian-minzheng/unit.yaml', line, col: 3 });
    expect(f.message).toContain('单位名称');
  });

  it('a total that does not add up', async () => {
    const root = copyExample();
    damage(root, '2024/futian-minzheng/tasks.yaml', 'amount: 319.86', 'amount: 319.96');
    const approvedLine =
      readFileSync(path.join(root, 'content/2024/futian-minzheng/tasks.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('approved: 449.85')) + 1;
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors.find((e) => e.code === 'task-total-mismatch')!;
    expect(f.at?.file).toBe('content/2024/futian-minzheng/tasks.yaml');
    expect(f.at?.line).toBe(approvedLine);
    // Both figures: 449.852 + 0.1 = 449.952 from the items, 449.85 approved.
    expect(f.message).toContain('449.952');
    expect(f.message).toContain('449.85');
  });

  it('a YAML syntax error', async () => {
    const root = copyExample();
    const line = damage(root, '2022/qingshan-minzheng/funding.yaml', 'budget: 6009.09', 'budget: "6009.09');
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors[0]!;
    expect(f.code).toMatch(/^yaml-/);
    expect(f.at?.file).toBe('content/2022/qingshan-minzheng/funding.yaml');
    expect(f.at?.line).toBeGreaterThanOrEqual(line);
  });

  it('a tab in the indentation', async () => {
    const root = copyExample();
    const line = damage(root, '2020/longgang-minzheng/projects.yaml', '    budget: 102\n', '\tbudget: 102\n');
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors[0]!;
    expect(f.code).toBe('yaml-tab-as-indent');
    expect(f.at).toEqual({ file: 'content/2020/longgang-minzheng/projects.yaml', line, col: 1 });
  });

  it('a duplicate key', async () => {
    const root = copyExample();
    const line = damage(
      root,
      '2020/longgang-minzheng/projects.yaml',
      '    budget: 102\n',
      '    budget: 102\n    budget: 120\n',
    );
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors[0]!;
    expect(f.code).toBe('yaml-duplicate-key');
    expect(f.at).toEqual({ file: 'content/2020/longgang-minzheng/projects.yaml', line: line + 1, col: 5 });
    expect(f.message).toContain('budget');
  });

  it('a file of aliases', async () => {
    const root = copyExample();
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
    ]) {
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    writeFileSync(path.join(root, 'content/2021/longgang-minzheng/aliases.yaml'), `${lines.join('\n')}\n`);
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const f = r.errors.find((e) => e.code === 'yaml-alias-bomb')!;
    expect(f.at?.file).toBe('content/2021/longgang-minzheng/aliases.yaml');
    expect(f.at?.line).toBeGreaterThan(1);
  });
});

describe('a project written twice', () => {
  it('in a second projects file is an error at both places, naming both files and lines', async () => {
    const root = copyExample();
    const dir = 'content/2020/longgang-minzheng';
    // The README lets `projects` be split; a second part repeats 防控一线工作 (budget 0.98 in projects.yaml).
    // Accepted, it would count twice: 本级 年初预算 10340.86 + 2 = 10342.86.
    writeFileSync(
      path.join(root, dir, 'projects-more.yaml'),
      'projects:\n  - name: 防控一线工作\n    budget: 2\n    spending:\n      general_budget: 2\n',
    );
    const text = readFileSync(path.join(root, dir, 'projects.yaml'), 'utf8');
    const first = text.slice(0, text.indexOf('  - name: 防控一线工作')).split('\n').length;
    const r = await checkCopy(root);
    expectCleanFailure(r);
    const dup = r.errors.filter((e) => e.code === 'project-duplicate');
    expect(dup.map((e) => `${e.at?.file}:${e.at?.line}`).sort()).toEqual(
      [`${dir}/projects-more.yaml:2`, `${dir}/projects.yaml:${first}`].sort(),
    );
    for (const e of dup) {
      expect(e.message).toContain('防控一线工作');
      expect(e.message).toContain(`${dir}/projects.yaml:${first}`);
      expect(e.message).toContain(`${dir}/projects-more.yaml:2`);
    }
  });
});

describe('the example content itself', () => {
  it('checks with exit 0 and a summary of every unit', async () => {
    const r = await runCli(['check'], path.resolve(EXAMPLE, '..'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('深圳市龙岗区民政局');
    expect(r.out).toContain('青山区民政局(汇总)');
    expect(r.out).toContain('金额合计 3980.52');
    expect(r.out).toMatch(/0 个错误，\d+ 个警告/);
    // Findings show the source line and a caret under the value.
    expect(r.out).toMatch(/\| +filed_rate: 99\.75%\n +\| +\^/);
  });
});
