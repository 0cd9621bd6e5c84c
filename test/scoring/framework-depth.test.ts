import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * A unit framework is printed as the report's appendix, whose columns are 一级, 二级 and 三级指标: a leaf
 * above the third level or an indicator below it cannot be laid out. `check` says so at the framework's
 * line, before `build` would fail in the template.
 */
const FRAMEWORK = [
  'framework:',
  '  name: 两级与四级的框架',
  '  applies_to: unit',
  '  total: 10',
  '  indicators:',
  '    - name: 部门决策',
  '      weight: 5',
  '      children:',
  '        - name: 预算编制', // line 9: a leaf at the second level
  '          weight: 5',
  '          rule: { kind: judged }',
  '    - name: 部门管理',
  '      weight: 5',
  '      children:',
  '        - name: 资金管理',
  '          weight: 5',
  '          children:',
  '            - name: 资金使用',
  '              weight: 5',
  '              children:',
  '                - name: 支出规范性', // line 21: a fourth level
  '                  weight: 5',
  '                  rule: { kind: judged }',
  '',
].join('\n');

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-depth-'));
  const unit = path.join(work, 'content/2021/demo');
  mkdirSync(unit, { recursive: true });
  mkdirSync(path.join(work, 'frameworks'));
  writeFileSync(path.join(work, 'frameworks/shallow.yaml'), FRAMEWORK);
  writeFileSync(
    path.join(unit, 'unit.yaml'),
    'unit:\n  name: 示例局\nevidence:\n  budget_execution: { budget: 100, carryover_start: 10, spending: 90 }\n',
  );
  writeFileSync(
    path.join(unit, 'evaluation.yaml'),
    'evaluation:\n  framework: shallow\n  scores:\n    预算编制: { score: 5 }\n    支出规范性: { score: 5 }\n',
  );
  writeFileSync(path.join(unit, 'report.md'), '# 基本情况\n\n自评得分 {{自评得分}} 分。\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a unit framework the appendix cannot lay out', () => {
  it('is an error in check at the indicator, for a leaf above 三级 and for a fourth level', async () => {
    const r = await runCli(['check', 'content'], work);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('frameworks/shallow.yaml:9:17 错误 二级指标“预算编制”没有下级指标');
    expect(r.out).toContain('frameworks/shallow.yaml:21:25 错误 “支出规范性”是第 4 级指标');
  });

  it('stops build there, not in jixiao’s template', async () => {
    const r = await runCli(['build', 'content', '--out', 'out'], work);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('frameworks/shallow.yaml:9:17');
    expect(r.out).not.toContain('.hbs');
  });
});
