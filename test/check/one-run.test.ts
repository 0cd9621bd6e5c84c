/**
 * One `jixiao check` reports everything that can be checked: errors in one year do not hide a mistyped
 * {{数据名}} in another year's report.md, and a malformed field does not hide the cross-checks of the
 * unit's other parts (a 调剂 mismatch, a 填报执行率 warning) until a second run. Run on temporary copies of
 * the example content.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];

function copyExample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-one-run-'));
  temps.push(dir);
  cpSync(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  return dir;
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Replaces one exact piece of a content file (it must be there), returning the 1-based line it is on. */
function edit(dir: string, rel: string, from: string, to: string): number {
  const file = path.join(dir, 'content', rel);
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  expect(at, `${from} in ${rel}`).toBeGreaterThanOrEqual(0);
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
  return text.slice(0, at).split('\n').length;
}

interface Finding {
  severity: string;
  code: string;
  message: string;
  at?: { file: string; line: number; col: number };
}

async function check(dir: string): Promise<{ code: number; findings: Finding[] }> {
  const run = await runCli(['check', '--json'], dir);
  return { code: run.code, findings: (JSON.parse(run.out) as { findings: Finding[] }).findings };
}

describe('jixiao check reports every year and every part in one run', () => {
  it('shows a mistyped {{数据名}} in 2021 while 2025 (just made by init) has errors', async () => {
    const dir = copyExample();
    expect((await runCli(['init', '2025', '--from', '2024'], dir)).code).toBe(0);
    const line = edit(dir, '2021/longgang-minzheng/report.md', '{{全年实际支出}}', '{{全年实际支岀}}');
    const { code, findings } = await check(dir);
    expect(code).toBe(1);
    expect(findings.some((f) => f.severity === 'error' && f.at?.file.startsWith('content/2025/'))).toBe(true);
    const typo = findings.filter((f) => f.at?.file === 'content/2021/longgang-minzheng/report.md');
    expect(typo).toHaveLength(1);
    expect(typo[0]).toMatchObject({ severity: 'error', code: 'narrative-expression', at: { line } });
    expect(typo[0]!.message).toContain('全年实际支出');
  });

  it('shows a 调剂 mismatch of a unit whose 填报日期 is malformed, in the same run', async () => {
    const dir = copyExample();
    const dateLine = edit(
      dir,
      '2020/longgang-minzheng/unit.yaml',
      '  rate_decimals: 1\n',
      '  rate_decimals: 1\n  date: 明年\n',
    );
    // 社会组织管理 sends 2 to 其他一般管理事务, which receives 2: now it sends 2.5.
    const amountLine = edit(
      dir,
      '2020/longgang-minzheng/projects.yaml',
      '      - kind: 调剂调出\n        amount: 2\n        counterpart: 其他一般管理事务',
      '      - kind: 调剂调出\n        amount: 2.5\n        counterpart: 其他一般管理事务',
    );
    const { code, findings } = await check(dir);
    expect(code).toBe(1);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.find((f) => f.at?.file === 'content/2020/longgang-minzheng/unit.yaml')?.at?.line).toBe(
      dateLine + 1,
    );
    const mismatch = errors.find((f) => f.code === 'transfer-mismatch');
    expect(mismatch?.at).toMatchObject({
      file: 'content/2020/longgang-minzheng/projects.yaml',
      line: amountLine + 1,
    });
    expect(mismatch?.message).toContain('共 2.5 万元');
    expect(errors).toHaveLength(2);
  });

  it('still checks the projects that validated when another project is malformed', async () => {
    const dir = copyExample();
    const before = await check(dir);
    const filed = before.findings.filter(
      (f) => f.code === 'filed-rate-differs' && f.at?.file.includes('wangge-longgang'),
    );
    expect(filed.length).toBeGreaterThan(0);
    // Another project of the same unit gets a 年初预算 that is not a number.
    const line = edit(
      dir,
      '2020/longgang-minzheng/wangge-longgang/projects.yaml',
      'budget: ',
      'budget: 十万 # ',
    );
    const after = await check(dir);
    expect(after.code).toBe(1);
    const errors = after.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.at?.line)).toEqual([line]);
    // The 填报执行率 warnings of the projects that did validate are still there.
    expect(
      after.findings.filter((f) => f.code === 'filed-rate-differs' && f.at?.file.includes('wangge-longgang')),
    ).toEqual(filed);
  });
});
