import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, visit } from 'yaml';
import { checkContent } from '../../src/pipeline/check-content.js';
import { runCli } from '../helpers/cli.js';

const temps: string[] = [];

/** A temporary project folder with `content/`; removed by cleanup(). */
export function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-import-'));
  temps.push(dir);
  mkdirSync(path.join(dir, 'content'));
  return dir;
}

export function cleanup() {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Writes the workbook into the project and runs `jixiao import` on it there. */
export async function importInto(dir: string, name: string, data: Uint8Array, ...args: string[]) {
  writeFileSync(path.join(dir, name), data);
  return runCli(['import', name, ...args], dir);
}

export function readUnitFile(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}

/** A written file's data with every number as its text (12.50 stays "12.50"), as jixiao loads it. */
// biome-ignore lint/suspicious/noExplicitAny: YAML data read back to compare with the sheet
export function yamlOf(dir: string, rel: string): any {
  const doc = parseDocument(readUnitFile(dir, rel));
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number') node.value = node.source;
    },
  });
  return doc.toJS();
}

/** `jixiao check` on the project's content, and the computed units for their figures. */
export async function checked(dir: string) {
  const cli = await runCli(['check', 'content'], dir);
  const content = await checkContent('content', dir);
  return { cli, content };
}

/** Every file under a folder, to show that a refused import wrote nothing. */
export function files(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}
