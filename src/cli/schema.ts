import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FormFile } from '../forms/declaration.js';
import { UnitContent } from '../model/content.js';
import { RuleSetFile } from '../scoring/rule-set-schema.js';
import { FrameworkFile } from '../scoring/schema.js';
import type { CliIo } from './io.js';

export const SCHEMA_FILE = 'content.schema.json';
export const FRAMEWORK_SCHEMA_FILE = 'framework.schema.json';
/** The schema of rule set files (rules/*.yaml). */
export const RULES_SCHEMA_FILE = 'rules.schema.json';
/** The schema of form declarations (templates/<pack>/<form>/form.yaml). */
export const FORM_SCHEMA_FILE = 'form.schema.json';

/**
 * A draft-7 JSON Schema (yaml-language-server does not support 2020-12) from one of our zod schemas.
 * YAML numbers reach zod as text, so wherever zod wants a string the editor must also accept a number.
 */
function editorSchema(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    override(ctx) {
      const js = ctx.jsonSchema as Record<string, unknown>;
      if (js['type'] === 'string' && !('enum' in js) && !('const' in js)) {
        js['type'] = ['string', 'number'];
      }
      // Choices written as digits in YAML (rate_decimals: 1) are numbers to the editor.
      const choices =
        'const' in js ? [js['const']] : Array.isArray(js['enum']) ? (js['enum'] as unknown[]) : undefined;
      if (choices?.every((c) => typeof c === 'string' && /^\d+$/.test(c))) {
        delete js['const'];
        delete js['type'];
        js['enum'] = [...choices, ...choices.map(Number)];
      }
    },
  }) as Record<string, unknown>;
  return { ...json, title, description };
}

/** Content files: any file of a unit may hold any subset of the top-level parts, so none is required. */
export function contentJsonSchema(): Record<string, unknown> {
  return editorSchema(
    UnitContent.partial(),
    'jixiao 内容文件',
    '部门预算绩效内容（YAML）；每个文件可包含以下任意部分',
  );
}

/** Framework files (frameworks/*.yaml). */
export function frameworkJsonSchema(): Record<string, unknown> {
  return editorSchema(
    FrameworkFile,
    'jixiao 评价框架',
    '部门整体绩效评价框架（frameworks/ 中的 YAML）：指标树、分值、说明和每个末级指标的评分规则',
  );
}

/** Rule set files (rules/*.yaml). */
export function rulesJsonSchema(): Record<string, unknown> {
  return editorSchema(RuleSetFile, 'jixiao 评分规则文件', '项目支出绩效自评表的评分规则（rules/*.yaml）');
}

/** Form declarations (form.yaml). */
export function formJsonSchema(): Record<string, unknown> {
  return editorSchema(
    FormFile,
    'jixiao 文书声明',
    '用文件夹声明的文书（templates/<区域包>/<文书>/form.yaml）',
  );
}

/** Every schema `jixiao schema` writes, by file name. */
export function editorSchemas(): Record<string, Record<string, unknown>> {
  return {
    [SCHEMA_FILE]: contentJsonSchema(),
    [FRAMEWORK_SCHEMA_FILE]: frameworkJsonSchema(),
    [RULES_SCHEMA_FILE]: rulesJsonSchema(),
    [FORM_SCHEMA_FILE]: formJsonSchema(),
  };
}

export function schemaCommand(outDir: string, json: boolean, io: CliIo): number {
  const dir = path.resolve(io.cwd, outDir);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, schema] of Object.entries(editorSchemas())) {
    const target = path.join(dir, name);
    writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
    written.push(path.relative(io.cwd, target).split(path.sep).join('/'));
  }
  if (json) io.out(JSON.stringify({ written }));
  else io.out(`已写出 ${written.join('、')}（JSON Schema draft-7，供 VS Code 的 YAML 扩展补全和校验）`);
  return 0;
}
