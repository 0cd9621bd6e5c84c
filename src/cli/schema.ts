import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UnitContent } from '../model/content.js';
import type { CliIo } from './io.js';

export const SCHEMA_FILE = 'content.schema.json';

/**
 * Draft-7 JSON Schema for content files (yaml-language-server does not support 2020-12). Any file of a
 * unit may hold any subset of the top-level parts, so none is required at the top. YAML numbers reach
 * zod as text, so wherever zod wants a string the editor must also accept a number.
 */
export function contentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(UnitContent.partial(), {
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
  return {
    ...schema,
    title: 'jixiao 内容文件',
    description: '部门预算绩效内容（YAML）；每个文件可包含以下任意部分',
  };
}

export function schemaCommand(outDir: string, json: boolean, io: CliIo): number {
  const target = path.resolve(io.cwd, outDir, SCHEMA_FILE);
  mkdirSync(path.dirname(target), { recursive: true });
  const text = `${JSON.stringify(contentJsonSchema(), null, 2)}\n`;
  writeFileSync(target, text);
  if (json) io.out(JSON.stringify({ written: [path.relative(io.cwd, target).split(path.sep).join('/')] }));
  else
    io.out(
      `已写出 ${path.relative(io.cwd, target).split(path.sep).join('/')}（JSON Schema draft-7，供 VS Code 的 YAML 扩展补全和校验）`,
    );
  return 0;
}
