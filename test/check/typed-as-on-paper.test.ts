/**
 * `jixiao check` on figures typed the way they look on the printed forms — full-width digits, 102万,
 * 12,322.31, a rate without its % — and on an indicator left without its name: each finding says what
 * to write instead, at the value's line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project folder holding content/2021/demo/ with the given files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-typed-'));
  made.push(root);
  const unit = path.join(root, 'content/2021/demo');
  mkdirSync(unit, { recursive: true });
  for (const [name, text] of Object.entries({ 'unit.yaml': 'unit:\n  name: 示例单位\n', ...files }))
    writeFileSync(path.join(unit, name), text);
  return root;
}

interface JsonFinding {
  severity: string;
  message: string;
  at: { file: string; line: number; col: number };
}

async function check(root: string) {
  const r = await runCli(['check', '--json'], root);
  return { code: r.code, findings: JSON.parse(r.out).findings as JsonFinding[] };
}

describe('figures typed as on paper', () => {
  it('says how to write each amount and rate', async () => {
    const root = project({
      'projects.yaml': [
        'projects:',
        '  - name: 社会组织管理',
        '    budget: １０２．５', // line 3
        '    spending:',
        '      general_budget: 102万', // line 5
        '  - name: 社区服务',
        '    budget: 12,322.31', // line 7
        '    spending:',
        '      general_budget: 1,234万元', // line 9
        '    filed_rate: 91.6', // line 10
        '',
      ].join('\n'),
    });
    const { code, findings } = await check(root);
    expect(code).toBe(1);
    const at = (line: number) => {
      const f = findings.find((x) => x.at.file.endsWith('projects.yaml') && x.at.line === line);
      expect(f, `a finding at line ${line}: ${JSON.stringify(findings)}`).toBeDefined();
      return f!.message;
    };
    expect(at(3)).toContain('项目年度预算金额请用半角数字和符号，应写作 102.5');
    expect(at(5)).toContain('不写“万”（金额都以万元为单位），应写作 102');
    expect(at(7)).toContain('项目年度预算金额不写千位分隔符，应写作 12322.31');
    expect(at(9)).toContain('不写千位分隔符，不写“万”（金额都以万元为单位），应写作 1234');
    expect(at(10)).toContain('填报执行率要带百分号“%”，应写作 91.6%');
  });

  it('keeps the plain message for text that is no figure at all', async () => {
    const root = project({
      'projects.yaml':
        'projects:\n  - name: 社区服务\n    budget: 十万元\n    spending:\n      general_budget: 1\n',
    });
    const { findings } = await check(root);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('项目年度预算金额应为金额（不带单位的非负数字，如 86.275）'),
    ]);
  });
});

describe('an indicator without its name', () => {
  it('is a warning at the indicator, saying which column prints empty', async () => {
    const root = project({
      'indicators.yaml': [
        'indicators:',
        '  - level1: 产出指标',
        '    level2: 数量指标',
        '    items:',
        '      - name: 开展等级评估工作社会组织数量',
        '        target: 30 家',
        '      - target: 10 台', // line 7
        '',
      ].join('\n'),
    });
    const { code, findings } = await check(root);
    expect(code).toBe(0);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      at: { file: 'content/2021/demo/indicators.yaml', line: 7, col: 9 },
    });
    expect(findings[0]!.message).toContain('数量指标中指标值为“10 台”的指标没有填写指标名称（name）');
  });
});
