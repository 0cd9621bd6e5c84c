/**
 * File references that lead outside the content folder are refused. Content names files only by where
 * they sit (a unit's *.yaml and its narrative *.md); no field of the model names a file. A symbolic link
 * inside content/ to a file or a folder outside it is an error at the link, and nothing behind it is read;
 * a link that stays inside is skipped with a warning.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { runCli } from '../helpers/cli.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../content');
const UNIT = 'content/2021/longgang-minzheng';
let work: string;

function setUp(): string {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-links-'));
  cpSync(path.join(EXAMPLE, '2021'), path.join(work, 'content', '2021'), { recursive: true });
  mkdirSync(path.join(work, 'elsewhere'));
  writeFileSync(path.join(work, 'elsewhere', 'secret.md'), '# 机密\n\n外部文件的内容。\n');
  writeFileSync(path.join(work, 'elsewhere', 'projects.yaml'), 'projects:\n  - name: 外部项目\n');
  return work;
}

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('symbolic links in the content folder', () => {
  it('a link to a file outside is refused at the link, and its text is not read', async () => {
    setUp();
    symlinkSync(path.join(work, 'elsewhere', 'secret.md'), path.join(work, UNIT, 'leak.md'));
    const checked = await checkContent('content', work);
    const f = checked.findings.items.find((x) => x.code === 'link-outside-content');
    expect(f?.severity).toBe('error');
    expect(f?.at).toEqual({ file: `${UNIT}/leak.md`, line: 1, col: 1 });
    expect(checked.content.units[0]!.narratives.map((n) => n.name)).toEqual(['report']);
    expect([...checked.content.sources.values()].join('\n')).not.toContain('外部文件的内容');
  });

  it('a link to a folder outside is refused, and nothing in it is read', async () => {
    setUp();
    symlinkSync(path.join(work, 'elsewhere'), path.join(work, UNIT, 'more'), 'dir');
    const r = await runCli(['check', 'content', '--json'], work);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: Array<{ code: string; at?: { file: string } }> };
    expect(report.findings.find((x) => x.code === 'link-outside-content')?.at?.file).toBe(`${UNIT}/more`);
    expect(r.out).not.toContain('外部项目');
  });

  it('a relative link climbing out (../../) is refused too', async () => {
    setUp();
    symlinkSync('../../../elsewhere/secret.md', path.join(work, UNIT, 'climb.md'));
    const checked = await checkContent('content', work);
    expect(checked.findings.items.some((x) => x.code === 'link-outside-content')).toBe(true);
  });

  it('a link that stays inside the content folder is skipped with a warning', async () => {
    setUp();
    symlinkSync(path.join(work, UNIT, 'report.md'), path.join(work, UNIT, 'copy.md'));
    const checked = await checkContent('content', work);
    const f = checked.findings.items.find((x) => x.code === 'link-ignored');
    expect(f?.severity).toBe('warning');
    expect(f?.at?.file).toBe(`${UNIT}/copy.md`);
    expect(checked.findings.errorCount).toBe(0);
  });

  it('the build writes nothing when content links outside', async () => {
    setUp();
    symlinkSync(path.join(work, 'elsewhere', 'secret.md'), path.join(work, UNIT, 'leak.md'));
    const r = await runCli(['build', 'content', '--out', 'out', '--format', 'docx'], work);
    expect(r.code).toBe(1);
    expect(r.out).toContain('符号链接指向内容文件夹以外');
  });
});
