/**
 * The default pack (templates/shenzhen/): a unit that names no `forms` gets the built-in report and every
 * shenzhen form its content allows — the 目标表 for tasks or indicators, the 汇总 for a department whose
 * sub-units have projects even when it has none itself —, a former name (`goal-table`) still chooses
 * its form, and the 汇总 form named by a unit without sub-units is an error at that line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { planDocuments } from '../../src/pipeline/plan-documents.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-shenzhen-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function write(file: string, lines: string[]): void {
  const abs = path.join(work, 'content/2020', file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, `${lines.join('\n')}\n`);
}

const INDICATORS = [
  'indicators:',
  '  - level1: 产出指标',
  '    level2: 数量指标',
  '    items:',
  '      - name: 走访户数',
  '        target: 100 户',
];
const PROJECTS = [
  'projects:',
  '  - name: 社区服务',
  '    budget: 10',
  '    spending: { general_budget: 10 }',
];

async function planned() {
  const checked = await checkContent(path.join(work, 'content'), work);
  return { checked, docs: planDocuments(checked).map((d) => `${d.unit.id} ${d.kind.id} ${d.fileName}`) };
}

describe('a unit that names no forms', () => {
  it('gets the 目标表 for its indicators alone, and nothing its content lacks', async () => {
    write('dept/unit.yaml', ['unit:', '  name: 示例局']);
    write('dept/indicators.yaml', INDICATORS);
    const { checked, docs } = await planned();
    expect(checked.findings.errorCount).toBe(0);
    expect(docs).toEqual(['2020/dept shenzhen/goal-table 2020年示例局部门整体支出绩效目标表']);
  });

  it('gets the 汇总 as a department whose sub-unit has projects, though it has none of its own', async () => {
    write('dept/unit.yaml', ['unit:', '  name: 示例局']);
    write('dept/centre/unit.yaml', ['unit:', '  name: 示例中心']);
    write('dept/centre/projects.yaml', PROJECTS);
    const { checked, docs } = await planned();
    expect(checked.findings.errorCount).toBe(0);
    expect(docs).toEqual([
      '2020/dept shenzhen/project-self-evaluation-consolidated 2020年示例局部门预算项目绩效自评表（汇总）',
      '2020/dept/centre shenzhen/project-national 2020年示例中心项目支出绩效自评表',
      '2020/dept/centre shenzhen/project-self-evaluation 2020年示例中心部门预算项目绩效自评表',
    ]);
  });
});

describe('naming the shenzhen forms', () => {
  it('a former name chooses the form that carries it, as far as the content goes', async () => {
    write('dept/unit.yaml', ['unit:', '  name: 示例局', '  forms: [goal-table, project-self-evaluation]']);
    write('dept/indicators.yaml', INDICATORS);
    write('dept/projects.yaml', PROJECTS);
    const { checked, docs } = await planned();
    // No sub-units: project-self-evaluation is the 本级 form only, without （本级） in its name.
    expect(checked.findings.errorCount).toBe(0);
    expect(docs).toEqual([
      '2020/dept shenzhen/goal-table 2020年示例局部门整体支出绩效目标表',
      '2020/dept shenzhen/project-self-evaluation 2020年示例局部门预算项目绩效自评表',
    ]);
  });

  it('the 汇总 named by a unit without sub-units is an error at that line', async () => {
    write('dept/unit.yaml', [
      'unit:',
      '  name: 示例局',
      '  forms: [shenzhen/project-self-evaluation-consolidated]',
    ]);
    write('dept/projects.yaml', PROJECTS);
    const { checked } = await planned();
    planDocuments(checked);
    const errors = checked.findings.sorted().filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.at).toMatchObject({ file: 'content/2020/dept/unit.yaml', line: 3 });
    expect(errors[0]!.message).toContain('没有填写它所需的内容：下属单位（sub_units）');
  });
});
