/**
 * Output file names are made from data (a unit's name, its folder). Whatever the name holds, every file
 * lands inside the output folder, with a name Windows can hold, and `check` says at the unit's `name`
 * which name had to change; two documents that would share a file are an error, not an overwrite.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const EXAMPLE_UNIT = path.resolve(import.meta.dirname, '../../content/2022/qingshan-minzheng');
const NAME_LINE = '  name: 青山区民政局(汇总)';
const made: string[] = [];

/** A project with the 2022 example unit (a 申报表, DOCX and PDF) under each folder, named as given. */
function project(units: Array<{ folder: string; name: string }>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'jixiao-names-'));
  made.push(root);
  for (const u of units) {
    const dir = path.join(root, 'content/2022', u.folder);
    cpSync(EXAMPLE_UNIT, dir, { recursive: true });
    const file = path.join(dir, 'unit.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(NAME_LINE);
    // JSON string syntax is YAML's double-quoted scalar: tabs and line breaks as \t, \n.
    writeFileSync(file, text.replace(NAME_LINE, `  name: ${JSON.stringify(u.name)}`));
  }
  return root;
}

afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

interface JsonFinding {
  severity: string;
  code: string;
  message: string;
  at?: { file: string; line: number; col: number };
}
async function checkJson(root: string) {
  const r = await runCli(['check', 'content', '--json'], root);
  return { code: r.code, findings: (JSON.parse(r.out) as { findings: JsonFinding[] }).findings };
}

/** Every file and folder below `dir`, relative, with forward slashes. */
const tree = (dir: string) => fg.sync('**', { cwd: dir, dot: true, onlyFiles: false }).sort();

/** What Windows (NTFS) refuses in one path component, and ext4's 255-byte limit. */
function windowsProblems(component: string): string[] {
  const problems: string[] = [];
  if (/[<>:"/\\|?*\p{Cc}]/u.test(component)) problems.push('forbidden character');
  if (/[. ]$/.test(component)) problems.push('trailing dot or space');
  if (/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i.test(component.split('.')[0]!.trimEnd()))
    problems.push('reserved name');
  if (Buffer.byteLength(component) > 255) problems.push('longer than 255 bytes');
  return problems;
}

describe('file names made from data', () => {
  it('keeps a unit name with ../ inside the output folder, and check reports the change at the name', async () => {
    const marker = `PWNED-${randomBytes(4).toString('hex')}`;
    const root = project([{ folder: 'qingshan-minzheng', name: `x/../../../tmp/${marker}` }]);

    const r = await runCli(['build', 'content', '--out', 'out'], root);
    expect(r.code, r.out + r.err).toBe(0);
    expect(existsSync('/tmp') ? readdirSync('/tmp').filter((f) => f.includes(marker)) : []).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['content', 'out']);
    const files = tree(path.join(root, 'out')).filter((f) => /\.(docx|pdf)$/.test(f));
    expect(files).toHaveLength(2);
    // Both in the unit's own folder: the name made no sub-folders.
    for (const f of files) expect(path.posix.dirname(f)).toBe('2022/qingshan-minzheng');
    expect(r.out).toContain('单位名称');

    const checked = await checkJson(root);
    expect(checked.code).toBe(0);
    const changed = checked.findings.filter((f) => f.code === 'output-name-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.severity).toBe('warning');
    // At the value of `name:` in unit.yaml (line 6, after "  name: ").
    expect(changed[0]!.at).toEqual({ file: 'content/2022/qingshan-minzheng/unit.yaml', line: 6, col: 9 });
    expect(changed[0]!.message).toContain('单位名称');
  });

  it('gives names Windows can hold to units named with <>", tabs, line breaks, or a device name as folder', async () => {
    const root = project([
      { folder: 'qingshan-minzheng', name: '青山区<民政局>"汇总"\t第二\n行. ' },
      { folder: 'aux', name: '设备名文件夹的单位' },
    ]);
    const r = await runCli(['build', 'content', '--out', 'out', '--format', 'docx'], root);
    expect(r.code, r.out + r.err).toBe(0);
    const entries = tree(path.join(root, 'out')).filter((f) => !f.startsWith('.jixiao'));
    expect(entries.filter((f) => f.endsWith('.docx'))).toHaveLength(2);
    for (const entry of entries)
      for (const component of entry.split('/')) expect(windowsProblems(component), entry).toEqual([]);
    // The name stays recognisable: the full-width forms of the characters Windows refuses.
    expect(entries.some((f) => f.includes('青山区＜民政局＞＂汇总＂'))).toBe(true);

    const checked = await checkJson(root);
    expect(checked.code).toBe(0);
    expect(checked.findings.filter((f) => f.code === 'output-name-changed')).toHaveLength(2);
  });

  it('shortens a very long unit name, keeping the document title, instead of failing', async () => {
    const long = '深圳市龙岗区某某街道办事处社区工作站党群服务中心'.repeat(4).slice(0, 84);
    expect(Array.from(long)).toHaveLength(84);
    const root = project([{ folder: 'qingshan-minzheng', name: long }]);
    const r = await runCli(['build', 'content', '--out', 'out'], root);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toBe('');
    const files = tree(path.join(root, 'out/2022/qingshan-minzheng'));
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(windowsProblems(f)).toEqual([]);
      expect(f).toMatch(/^2022年深圳市龙岗区.*部门整体支出绩效目标申报表\.(docx|pdf)$/);
    }

    const checked = await checkJson(root);
    expect(checked.code).toBe(0);
    expect(checked.findings.find((f) => f.code === 'output-name-changed')?.message).toContain('太长');
  });

  it('reports two documents that would get the same file on Windows, instead of one overwriting the other', async () => {
    // Two unit folders that differ only in case are one folder on Windows, and two unit names that differ
    // only in a `/` typed half- or full-width become the same file name (the `/` is made full-width).
    const root = project([
      { folder: 'qingshan', name: '青山区/民政局' },
      { folder: 'QingShan', name: '青山区／民政局' },
    ]);
    const checked = await checkJson(root);
    expect(checked.code).toBe(1);
    const collisions = checked.findings.filter((f) => f.code === 'output-name-collision');
    expect(collisions).toHaveLength(1);
    expect(collisions[0]!.at?.file).toMatch(/^content\/2022\/(qingshan|QingShan)\/unit\.yaml$/);
    const r = await runCli(['build', 'content', '--out', 'out'], root);
    expect(r.code).toBe(1);
    expect(fg.sync('**/*.{docx,pdf}', { cwd: root })).toEqual([]);
  });
});
