import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Which unit framework a self-evaluation is scored under: `evaluation.framework`, else the unit's
 * `unit.framework`, else the nearest unit above it that names one. Frameworks are looked up beside the
 * content (the project folder holding `content/`), then in the package — never in the folder the command
 * runs from.
 */
const MINI = [
  'framework:',
  '  name: 小框架',
  '  applies_to: unit',
  '  total: 10',
  '  indicators:',
  '    - name: 部门决策',
  '      weight: 10',
  '      children:',
  '        - name: 预算编制',
  '          weight: 10',
  '          children:',
  '            - name: 预算编制合理性',
  '              weight: 10',
  '              rule: { kind: judged }',
  '',
].join('\n');

const SUB_UNIT = [
  'unit:',
  '  name: 示例局下属中心',
  'evaluation:',
  '  scores:',
  '    预算编制合理性: { score: 8, note: 年中预算调剂较多 }',
  '',
].join('\n');

let work: string;
/** A project with its own frameworks/mini.yaml; the department names it, its sub-unit does not. */
let project: string;
/** A project without frameworks/ naming the same framework. */
let bare: string;
/** A folder to run the commands from, holding neither project. */
let elsewhere: string;

function writeUnit(dir: string, text: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'unit.yaml'), text);
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-framework-choice-'));
  project = path.join(work, 'project');
  bare = path.join(work, 'bare');
  elsewhere = path.join(work, 'elsewhere');
  mkdirSync(path.join(project, 'frameworks'), { recursive: true });
  writeFileSync(path.join(project, 'frameworks/mini.yaml'), MINI);
  writeUnit(path.join(project, 'content/2021/dept'), 'unit:\n  name: 示例局\n  framework: mini\n');
  writeUnit(path.join(project, 'content/2021/dept/sub'), SUB_UNIT);
  writeUnit(path.join(bare, 'content/2021/dept'), 'unit:\n  name: 示例局\n  framework: mini\n');
  writeUnit(path.join(bare, 'content/2021/dept/sub'), SUB_UNIT);
  writeUnit(path.join(bare, 'content/2021/other'), SUB_UNIT.replace('示例局下属中心', '另一个局'));
  mkdirSync(elsewhere);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the framework a unit is scored under', () => {
  it('is inherited from the department, found beside the content, and printed by check', async () => {
    const r = await runCli(['check', path.join(project, 'content')], elsewhere);
    expect(r.code, r.out).toBe(0);
    // The sub-unit's one judged leaf: 8 of 10.
    const sub = r.out.slice(r.out.indexOf('示例局下属中心'));
    expect(sub).toContain('评价框架：mini（小框架，');
    expect(sub).toContain('沿用上级单位 2021/dept 的设置');
    expect(sub).toContain('自评得分 8（框架 mini）');
  });

  it('is the same when the sub-unit is checked alone', async () => {
    const r = await runCli(['check', path.join(project, 'content/2021/dept/sub'), '--json'], elsewhere);
    expect(r.code, r.out).toBe(0);
    const json = JSON.parse(r.out) as {
      units: Array<{ id: string; scoring: { framework: { id: string; inheritedFrom: string | null } } }>;
    };
    const sub = json.units.find((u) => u.id === '2021/dept/sub')!;
    expect(sub.scoring.framework).toMatchObject({ id: 'mini', inheritedFrom: '2021/dept' });
  });

  it('is not taken from the folder the command runs in', async () => {
    // Run from inside `project`, whose frameworks/ has mini: `bare` has none, so mini is unknown there,
    // reported where the department names it.
    const r = await runCli(['check', path.join(bare, 'content')], project);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/content\/2021\/dept\/unit\.yaml:3:\d+.*找不到评价框架“mini”/);
  });

  it('must be named somewhere: a self-evaluation without one is an error at evaluation', async () => {
    const r = await runCli(['check', path.join(bare, 'content/2021/other')], elsewhere);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/content\/2021\/other\/unit\.yaml:3:1.*整体绩效自评没有指定评价框架/);
  });

  it('is never jixiao’s own when the project’s file of that name is broken: the file’s error, then an error where it is named', async () => {
    const broken = path.join(work, 'broken');
    mkdirSync(path.join(broken, 'frameworks'), { recursive: true });
    mkdirSync(path.join(broken, 'rules'), { recursive: true });
    // Same names as jixiao's own shenzhen-2021 and national, each with a mistake.
    writeFileSync(path.join(broken, 'frameworks/shenzhen-2021.yaml'), MINI.replace('total: 10', 'total: 十'));
    writeFileSync(path.join(broken, 'rules/national.yaml'), 'rule_set:\n  name: 本地规则\n  totl: 100\n');
    writeUnit(
      path.join(broken, 'content/2021/dept'),
      [
        'unit:',
        '  name: 示例局',
        '  framework: shenzhen-2021',
        '  rules: national',
        'projects:',
        '  - name: 办公设备购置',
        '    budget: 10',
        '    spending: { general_budget: 9 }',
        'evaluation:',
        '  scores: {}',
        '',
      ].join('\n'),
    );
    const r = await runCli(['check', path.join(broken, 'content'), '--json'], elsewhere);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.out) as {
      findings: Array<{ code: string; message: string; at?: { file: string; line: number } }>;
    };
    const at = (code: string) =>
      findings.filter((f) => f.code === code).map((f) => `${path.basename(f.at?.file ?? '')}:${f.at?.line}`);
    // Each file's own mistake at its line: total: 十 on line 4; totl on line 3.
    expect(
      findings.some((f) => f.at?.file.endsWith('frameworks/shenzhen-2021.yaml') && f.at.line === 4),
    ).toBe(true);
    expect(findings.some((f) => f.at?.file.endsWith('rules/national.yaml') && f.at.line === 3)).toBe(true);
    // …and where the unit names them (unit.yaml lines 3 and 4), instead of scoring under jixiao's own files.
    expect(at('framework-unusable')).toEqual(['unit.yaml:3']);
    expect(at('rule-set-unusable')).toEqual(['unit.yaml:4']);
  });
});
