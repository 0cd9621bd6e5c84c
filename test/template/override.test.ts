import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxText } from '../helpers/read-output.js';

/**
 * A project's own templates/ overrides jixiao's file by file: a main.hbs alone keeps jixiao's partials
 * (`_header.hbs`, `_figures.hbs`), a partial alone keeps jixiao's main.hbs, and editing an overriding
 * partial rebuilds the documents that use it.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const BUILTIN = path.join(REPO, 'templates/project-self-evaluation');
const KIND = 'project-self-evaluation';
let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-override-'));
  cpSync(path.join(REPO, 'content/2020'), path.join(work, 'content/2020'), { recursive: true });
  mkdirSync(path.join(work, 'templates', KIND), { recursive: true });
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A file of the project's templates/project-self-evaluation/: jixiao's own with one text changed. */
function override(file: string, from: string, to: string): void {
  const text = readFileSync(path.join(BUILTIN, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(path.join(work, 'templates', KIND, file), text.replace(from, to));
}

async function build() {
  const r = await runCli(['build', '--only', KIND, '--format', 'docx', '--out', 'out', '--json'], work);
  expect(r.code, r.out + r.err).toBe(0);
  const report = JSON.parse(r.out) as { written: unknown[] };
  const files = fg.sync('**/*.docx', { cwd: path.join(work, 'out'), absolute: true }).sort();
  expect(files).toHaveLength(3); // 本级 and 汇总 of the department, the sub-unit's own
  return { written: report.written.length, text: docxText(files[0]!) };
}

describe('overriding templates', () => {
  it('keeps jixiao’s partials when only main.hbs is overridden', async () => {
    override('main.hbs', '单位：万元', '单位：万元（本局格式）');
    const { text } = await build();
    expect(text).toContain('单位：万元（本局格式）');
    expect(text).toContain('项目年度预算金额'); // from jixiao's _header.hbs
    expect(text).toContain('9685.36'); // seed 000's 实际支出 合计, through jixiao's _figures.hbs
  });

  it('uses an overriding partial with jixiao’s main.hbs, and rebuilds when it is edited', async () => {
    override('_header.hbs', '项目年度预算金额', '年度预算（本局）');
    const first = await build();
    expect(first.text).toContain('年度预算（本局）');
    expect(first.text).not.toContain('项目年度预算金额');
    override('_header.hbs', '项目年度预算金额', '年度预算（改）');
    const second = await build();
    expect(second.written).toBe(3);
    expect(second.text).toContain('年度预算（改）');
  });
});
