import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { docxText } from '../helpers/read-output.js';

/**
 * A project's own templates/ overrides jixiao's file by file: a form's main.hbs alone keeps jixiao's
 * partials (the pack's `_project-table-header.hbs`, `_project-table-figures.hbs`), a shared partial alone
 * keeps jixiao's main.hbs and changes every form of the pack that uses it, and editing an overriding
 * partial rebuilds the documents that use it. A file left in the old layout's folder
 * (templates/project-self-evaluation/) is not read, and says so.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const PACK = path.join(REPO, 'templates/shenzhen');
const KIND = 'project-self-evaluation';
let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-override-'));
  cpSync(path.join(REPO, 'content/2020'), path.join(work, 'content/2020'), { recursive: true });
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A file of the project's templates/shenzhen/: jixiao's own with one text changed. */
function override(file: string, from: string, to: string): void {
  const text = readFileSync(path.join(PACK, file), 'utf8');
  expect(text).toContain(from);
  mkdirSync(path.dirname(path.join(work, 'templates/shenzhen', file)), { recursive: true });
  writeFileSync(path.join(work, 'templates/shenzhen', file), text.replace(from, to));
}

async function build() {
  const r = await runCli(['build', '--only', KIND, '--format', 'docx', '--out', 'out', '--json'], work);
  expect(r.code, r.out + r.err).toBe(0);
  const report = JSON.parse(r.out) as {
    written: unknown[];
    findings: Array<{ code: string; message: string; at?: { file: string; line: number } }>;
  };
  const files = fg.sync('**/*.docx', { cwd: path.join(work, 'out'), absolute: true }).sort();
  expect(files).toHaveLength(3); // 本级 and 汇总 of the department, the sub-unit's own
  const text = (name: string) => docxText(files.find((f) => f.endsWith(`${name}.docx`))!);
  return { written: report.written.length, findings: report.findings, text };
}

describe('overriding templates', () => {
  it('keeps jixiao’s partials when only main.hbs is overridden', async () => {
    override('project-self-evaluation/main.hbs', '单位：万元', '单位：万元（本局格式）');
    const { text } = await build();
    const own = text('部门预算项目绩效自评表（本级）');
    expect(own).toContain('单位：万元（本局格式）');
    expect(own).toContain('项目年度预算金额'); // from jixiao's _project-table-header.hbs
    expect(own).toContain('9685.36'); // seed 000's 实际支出 合计, through jixiao's _project-table-figures.hbs
    // The 汇总 is another form: its main.hbs is still jixiao's.
    expect(text('部门预算项目绩效自评表（汇总）')).not.toContain('本局格式');
  });

  it('uses an overriding shared partial in every form of the pack, and rebuilds when it is edited', async () => {
    override('_project-table-header.hbs', '项目年度预算金额', '年度预算（本局）');
    const first = await build();
    for (const name of ['部门预算项目绩效自评表（本级）', '部门预算项目绩效自评表（汇总）']) {
      expect(first.text(name)).toContain('年度预算（本局）');
      expect(first.text(name)).not.toContain('项目年度预算金额');
    }
    override('_project-table-header.hbs', '项目年度预算金额', '年度预算（改）');
    const second = await build();
    expect(second.written).toBe(3);
    expect(second.text('部门预算项目绩效自评表（汇总）')).toContain('年度预算（改）');
  });
});

describe('a template left in the old layout’s folder', () => {
  it('is not read, and gets a warning at the file saying where the form lives now', async () => {
    const old = path.join(work, 'templates', KIND);
    mkdirSync(old, { recursive: true });
    // An override written for the old view, whose data (title, rows) the form no longer has.
    writeFileSync(
      path.join(old, 'main.hbs'),
      '<document title="{{title}}">{{#each rows}}{{/each}}</document>',
    );
    writeFileSync(path.join(old, '_header.hbs'), '<tr><td>旧表头</td></tr>');
    const { findings, text } = await build();
    const warned = findings.filter((f) => f.code === 'template-former-layout');
    expect(warned.map((f) => `${f.at?.file}:${f.at?.line}`)).toEqual([
      'templates/project-self-evaluation/_header.hbs:1',
      'templates/project-self-evaluation/main.hbs:1',
    ]);
    for (const f of warned) {
      expect(f.message).toContain('templates/shenzhen/project-self-evaluation/');
      expect(f.message).toContain('templates/shenzhen/project-self-evaluation-consolidated/');
      expect(f.message).toContain('jixiao forms eject project-self-evaluation');
    }
    // The documents are jixiao's layout.
    expect(text('部门预算项目绩效自评表（本级）')).toContain('项目年度预算金额');
    expect(text('部门预算项目绩效自评表（本级）')).not.toContain('旧表头');
  });
});
