import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  contentJsonSchema,
  editorSchemas,
  frameworkJsonSchema,
  rulesJsonSchema,
} from '../../src/cli/schema.js';
import { runCli } from '../helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('jixiao schema', () => {
  it('writes draft-7 schemas for content and frameworks that are up to date in schema/', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'jixiao-schema-'));
    try {
      const r = await runCli(['schema', '--out', out], REPO);
      expect(r.code).toBe(0);
      const names = Object.keys(editorSchemas());
      expect(names).toEqual(
        expect.arrayContaining([
          'content.schema.json',
          'framework.schema.json',
          'rules.schema.json',
          'form.schema.json',
        ]),
      );
      for (const name of names) {
        const written = JSON.parse(readFileSync(path.join(out, name), 'utf8'));
        expect(written.$schema).toBe('http://json-schema.org/draft-07/schema#');
        const committed = JSON.parse(readFileSync(path.join(REPO, 'schema', name), 'utf8'));
        expect(committed, name).toEqual(written);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('accepts every example file as an editor would read it (YAML numbers are numbers) and names fields in Chinese', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(contentJsonSchema());
    const files = await fg('content/**/*.yaml', { cwd: REPO });
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      expect(text.split('\n')[0]).toMatch(
        /^# yaml-language-server: \$schema=(\.\.\/)+schema\/content\.schema\.json$/,
      );
      const ok = validate(parse(text));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
    const schema = contentJsonSchema() as {
      properties: { projects: { items: { properties: { budget: { title: string } } } } };
    };
    expect(schema.properties.projects.items.properties.budget.title).toBe('项目年度预算金额');
  });

  it('lets the editor flag words where money belongs', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(contentJsonSchema());
    expect(validate({ projects: [{ name: 'a', budget: '十万', spending: {} }] })).toBe(false);
    expect(validate({ projects: [{ name: 'a', budget: 12.34, spending: {} }] })).toBe(true);
  });

  it('accepts every shipped framework and flags a rule kind that does not exist', async () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(frameworkJsonSchema());
    const files = await fg('frameworks/*.yaml', { cwd: REPO });
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const ok = validate(parse(readFileSync(path.join(REPO, file), 'utf8')));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
    const typo = parse(
      'framework:\n  name: 框架\n  applies_to: unit\n  total: 10\n  indicators:\n    - name: 指标\n      weight: 10\n      rule: { kind: judgd }\n',
    );
    expect(validate(typo)).toBe(false);
    expect(
      validate({
        ...typo,
        framework: {
          ...typo.framework,
          indicators: [{ name: '指标', weight: 10, rule: { kind: 'judged' } }],
        },
      }),
    ).toBe(true);
  });

  it('accepts every shipped rule set, names its fields in Chinese and flags a wrong choice', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(rulesJsonSchema());
    const files = fg.sync('rules/*.yaml', { cwd: REPO });
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/rules.schema.json');
      const data = parse(text);
      expect(validate(data) ? [] : validate.errors, file).toEqual([]);
      data.rule_set.indicators.points = 'rescaled';
      expect(validate(data), file).toBe(false);
    }
    const schema = rulesJsonSchema() as {
      properties: {
        rule_set: { properties: { execution: { properties: { in_total: { title: string } } } } };
      };
    };
    expect(schema.properties.rule_set.properties.execution.properties.in_total.title).toBe('执行率计入总分');
  });

  it('gives the fields the provincial forms print their Chinese names and lets the editor check them', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const schema = contentJsonSchema();
    const validate = ajv.compile(schema);
    const files = await fg('test/fixtures/form-fields/content/**/*.yaml', { cwd: REPO });
    expect(files.length).toBe(2);
    for (const file of files) {
      const ok = validate(parse(readFileSync(path.join(REPO, file), 'utf8')));
      expect(ok ? [] : validate.errors, file).toEqual([]);
    }
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated JSON Schema
    const props = (s: any) => s.properties as Record<string, { title?: string } & Record<string, any>>;
    const titles = (s: unknown) => Object.fromEntries(Object.entries(props(s)).map(([k, v]) => [k, v.title]));
    const project = props(schema)['projects']!['items'];
    expect(titles(project)).toMatchObject({
      code: '项目编码',
      attribute: '项目属性',
      manager: '项目负责人',
      finance_manager: '财务负责人',
      funds: '项目资金',
      implementation: '实施内容及过程概述',
      conclusion: '评价结论',
    });
    expect(titles(props(project)['funds']!['items'])).toEqual({
      source: '资金来源',
      budget: '年初预算数',
      adjusted_budget: '调整后预算数',
      spending: '执行数',
    });
    expect(titles(props(project)['indicators']!['items']['properties']['items']['items'])).toMatchObject({
      initial_target: '年初指标值',
      nature: '指标性质',
      unit: '度量单位',
      explanation: '指标解释',
      scoring_standard: '评（扣）分标准',
      note: '备注',
      core: '是否核心指标',
      coefficient: '得分系数',
    });
    expect(titles(props(schema)['unit'])).toMatchObject({
      contact: '部门联系人',
      finance_office: '财政处室',
      duties: '部门（单位）职责',
    });
    // A fund source outside the closed lists is flagged in the editor too.
    expect(
      validate({ projects: [{ name: 'a', budget: 1, spending: {}, funds: [{ source: '财政拨款' }] }] }),
    ).toBe(false);
  });
});
