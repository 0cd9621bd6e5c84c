import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * A project's own template (templates/ beside content/) whose markup is wrong: `build` reports it as a
 * finding at the template's line and column, with exit 1 — not an internal error, and not accepted.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const BUILTIN = path.join(REPO, 'templates/shenzhen/self-evaluation-report');
const TEMPLATE = 'templates/shenzhen/self-evaluation-report/main.hbs';
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** Builds a one-unit project whose report template is jixiao's with `from` replaced by `to`. */
async function buildWith(from: string, to: string, command: 'build' | 'check' = 'build') {
  const work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-markup-'));
  folders.push(work);
  const unit = path.join(work, 'content/2021/demo');
  mkdirSync(unit, { recursive: true });
  writeFileSync(
    path.join(unit, 'unit.yaml'),
    'unit:\n  name: 示例局\nevidence:\n  budget_execution: { budget: 100, carryover_start: 10, spending: 90 }\n',
  );
  writeFileSync(
    path.join(unit, 'report.md'),
    '# 基本情况\n\n| 项目 | 金额 |\n|---|---|\n| 部门预算 | {{部门预算}} |\n',
  );
  const dir = path.join(work, 'templates/shenzhen/self-evaluation-report');
  cpSync(BUILTIN, dir, { recursive: true });
  const text = readFileSync(path.join(dir, 'main.hbs'), 'utf8');
  expect(text).toContain(from);
  writeFileSync(path.join(dir, 'main.hbs'), text.replace(from, to));
  const lines = text.replace(from, to).split('\n');
  const line = lines.findIndex((l) => l.includes(to)) + 1;
  const args = command === 'build' ? ['build', 'content', '--out', 'out'] : ['check', 'content'];
  return { ...(await runCli(args, work)), line, lines, work };
}

describe("markup edge cases in a project's template", () => {
  it('an entity that names no character (&#x110000;) is a finding at its line, exit 1', async () => {
    const r = await buildWith('年度部门整体绩效自评报告</title>', '年度&#x110000;</title>');
    expect(r.code, r.out + r.err).toBe(1);
    const col = r.lines[r.line - 1]!.indexOf('&#x110000;') + 1;
    expect(r.out).toContain(`${TEMPLATE}:${r.line}:${col} 错误`);
    expect(r.out).toContain('“&#x110000;”不是有效的字符');
    expect(r.out + r.err).not.toMatch(/\s+at .+:\d+:\d+\)?$/m);
  });

  it('a surrogate (&#xD800;) is refused too', async () => {
    const r = await buildWith('年度部门整体绩效自评报告</title>', '年度&#xD800;</title>');
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('“&#xD800;”不是有效的字符');
  });

  it('rowspan="1.5" is refused at its line, not accepted', async () => {
    const r = await buildWith('<td>{{this}}</td>', '<td rowspan="1.5">{{this}}</td>');
    expect(r.code, r.out + r.err).toBe(1);
    const col = r.lines[r.line - 1]!.indexOf('rowspan="1.5"') + 1;
    expect(r.out).toContain(`${TEMPLATE}:${r.line}:${col} 错误`);
    expect(r.out).toContain('rowspan="1.5" 应为不小于 1 的整数');
  });

  it('merge-columns naming a column the table lacks is a finding at its line and column, exit 1', async () => {
    const r = await buildWith('font-size="10.5">', 'font-size="10.5" merge-columns="0 5">', 'check');
    expect(r.code, r.out + r.err).toBe(1);
    const col = r.lines[r.line - 1]!.indexOf('merge-columns="0 5"') + 1;
    expect(r.out).toContain(`${TEMPLATE}:${r.line}:${col} 错误`);
    expect(r.out).toContain('<table> 的 merge-columns 中 5 不是表格的列号（0 到 1）');
  });

  it('check finds the same fault first, at the same place, before anything is built', async () => {
    const r = await buildWith('<td>{{this}}</td>', '<td rowspan="1.5">{{this}}</td>', 'check');
    expect(r.code, r.out + r.err).toBe(1);
    const col = r.lines[r.line - 1]!.indexOf('rowspan="1.5"') + 1;
    expect(r.out).toContain(`${TEMPLATE}:${r.line}:${col} 错误`);
    // One fault, reported once, though the template is used by the unit's one report.
    expect(r.out.split('rowspan="1.5" 应为不小于 1 的整数').length - 1).toBe(1);
  });
});
