/**
 * Hostile text in the data: a project name and an indicator text holding markup, entities, CDATA ends,
 * Handlebars syntax, control characters, a right-to-left override, an emoji, a CJK Extension B character,
 * the last code point (U+10FFFF) and Old Italic. The documents must print it as text, keep their structure
 * (the same table rows as the unmodified content), stay valid for LibreOffice, and warn — at the field,
 * file and line — about control characters removed and characters the fonts cannot show.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { runCli } from '../helpers/cli.js';
import { pdfCellTexts } from '../helpers/pdf-geometry.js';
import { docxTableRows, docxText, libreOfficeToPdf, pdfText, squeeze } from '../helpers/read-output.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../content');
const PROJECTS = 'content/2020/longgang-minzheng/projects.yaml';
const DOC = '2020/longgang-minzheng/2020年深圳市龙岗区民政局部门预算项目绩效自评表（本级）';

/** What survives: the markup, entities and template syntax, printed as written. */
const VISIBLE = '社会<b>组织</td>管理&amp;]]>{{x}}{{#each}}{{/each}}';
/** The name as typed in YAML (double-quoted): control characters as escapes, U+202E as is. */
const TYPED = `"${VISIBLE}\\x01\\x0B\u202E😀𠀀\\U0010FFFF𐌀末"`;
/** The name as the documents print it: control characters and the override removed. */
const PRINTED = `${VISIBLE}😀𠀀\u{10FFFF}𐌀末`;
const INDICATOR_FROM = '随机抽查60家社会组织';
const INDICATOR_TO = '随机<w:p>抽查😀60家\u0007社会组织';

let work: string;
let plain: string;
let hostileLine: number;
let indicatorLine: number;
let run: { code: number; out: string; err: string };
interface JsonFinding {
  severity: string;
  code: string;
  message: string;
  field?: string;
  at?: { file: string; line: number; col: number };
}
let findings: JsonFinding[];

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-hostile-'));
  plain = mkdtempSync(path.join(os.tmpdir(), 'jixiao-hostile-plain-'));
  for (const dir of [work, plain])
    cpSync(path.join(EXAMPLE, '2020'), path.join(dir, 'content', '2020'), { recursive: true });
  const file = path.join(work, PROJECTS);
  let text = readFileSync(file, 'utf8');
  // The project's name is also named as the counterpart of an adjustment: both change together.
  text = text
    .replace('  - name: 社会组织管理\n', `  - name: ${TYPED}\n`)
    .replace('counterpart: 社会组织管理\n', `counterpart: ${TYPED}\n`)
    .replace(INDICATOR_FROM, INDICATOR_TO);
  writeFileSync(file, text);
  hostileLine = lineOf(text, `  - name: ${TYPED}`);
  indicatorLine = lineOf(text, INDICATOR_TO);
  const only = ['--only', '部门预算项目绩效自评表（本级）'];
  run = await runCli(['build', 'content', ...only, '--out', 'out', '--json'], work);
  findings = (JSON.parse(run.out) as { findings: JsonFinding[] }).findings;
  const base = await runCli(['build', 'content', ...only, '--out', 'out'], plain);
  expect(base.code, base.out + base.err).toBe(0);
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(plain, { recursive: true, force: true });
});

/** The text extractor interleaves the lines of neighbouring cells: drop the unit-name cell (区民政局本级). */
const withoutUnitColumn = (text: string) => text.replace(/区民政|局本级/g, '');

const out = (root: string, ext: string) => path.join(root, 'out', `${DOC}.${ext}`);

describe('hostile text in a project name and an indicator', () => {
  it('builds with warnings, not errors', () => {
    expect(run.code, run.out + run.err).toBe(0);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('warns where control characters were removed', () => {
    const warned = findings.filter((f) => f.code === 'control-character' && f.at?.file === PROJECTS);
    const lines = warned.map((f) => f.at!.line);
    expect(lines).toContain(hostileLine);
    expect(lines).toContain(indicatorLine);
    expect(warned.find((f) => f.at!.line === hostileLine)!.message).toContain('U+0001');
    expect(warned.find((f) => f.at!.line === indicatorLine)!.message).toContain('U+0007');
  });

  it('warns for every character no font can show, naming the field, file and line', () => {
    const missing = findings.filter((f) => f.code === 'glyph-missing');
    for (const label of ['U+1F600', 'U+20000', 'U+10FFFF', 'U+10300']) {
      const f = missing.find((m) => m.message.includes(label) && m.at?.line === hostileLine);
      expect(f, label).toBeDefined();
      expect(f!.at!.file).toBe(PROJECTS);
      expect(f!.field).toBe('name');
      expect(f!.message).toContain('字段“name”');
    }
    const emoji = missing.find((m) => m.message.includes('U+1F600') && m.at?.line === indicatorLine);
    expect(emoji?.field).toBe('target');
    // A character every font has (the CJK text, the markup characters) is not reported.
    expect(missing.some((m) => /U\+(003C|0026|7EC4)/.test(m.message))).toBe(false);
  });

  it('the DOCX prints the text as written, and its table has the same rows as the unmodified content', () => {
    const text = docxText(out(work, 'docx'));
    expect(text).toContain(PRINTED);
    expect(text).toContain('随机<w:p>抽查😀60家社会组织');
    const rows = docxTableRows(out(work, 'docx'));
    const baseRows = docxTableRows(out(plain, 'docx'));
    expect(rows.length).toBe(baseRows.length);
    expect(rows.map((r) => r.length)).toEqual(baseRows.map((r) => r.length));
  });

  it('the DOCX XML holds no character XML 1.0 forbids, and the override is gone', () => {
    const parts = unzipSync(readFileSync(out(work, 'docx')));
    const xml = new TextDecoder().decode(parts['word/document.xml']);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202E]/);
  });

  it('the PDF prints the markup and template syntax as text; characters without a glyph drop out', () => {
    const text = squeeze(pdfText(out(work, 'pdf')));
    // The name's cell, read on its own (its wrapped lines and the 单位名称 beside it interleave in flowing text).
    const nameCell = pdfCellTexts(out(work, 'pdf'))
      .flat()
      .find((c) => c.includes('社会<b>'));
    // PRINTED less 😀, 𠀀, U+10FFFF and 𐌀, which no shipped face has: 末 follows the markup directly.
    expect(nameCell).toBe(`${squeeze(VISIBLE)}末`);
    expect(text).toContain('随机<w:p>');
    expect(text).not.toContain('\u202E');
    // The figures of the hostile project's row follow its name as in the unmodified table.
    expect(text).toContain('102.00');
  });

  it('LibreOffice opens and converts the DOCX, and prints the same text', () => {
    const converted = libreOfficeToPdf(out(work, 'docx'));
    expect(withoutUnitColumn(squeeze(pdfText(converted)))).toContain(squeeze(VISIBLE));
  });
});

describe('control characters in a narrative', () => {
  it('are removed with a warning at their line and column', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-hostile-md-'));
    try {
      cpSync(path.join(EXAMPLE, '2021'), path.join(dir, 'content', '2021'), { recursive: true });
      const md = path.join(dir, 'content/2021/longgang-minzheng/report.md');
      const lines = readFileSync(md, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.trim().length > 10 && !l.startsWith('#') && !l.startsWith('<!--'));
      lines[at] = `${lines[at]!.slice(0, 3)}\u0000\u202E${lines[at]!.slice(3)}`;
      writeFileSync(md, lines.join('\n'));
      const checked = await checkContent('content', dir);
      const f = checked.findings.items.find((x) => x.code === 'control-character');
      expect(f?.at).toEqual({ file: 'content/2021/longgang-minzheng/report.md', line: at + 1, col: 4 });
      const narrative = checked.content.units[0]!.narratives[0]!.text;
      expect(narrative.includes('\u0000') || narrative.includes('\u202E')).toBe(false);
      expect(checked.findings.errorCount).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
