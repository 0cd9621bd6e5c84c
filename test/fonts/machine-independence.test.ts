/**
 * Two machines with different system fonts build the same bytes: the installed command run twice with
 * a home folder whose font folders (~/.fonts, ~/.local/share/fonts, read on Linux) are empty, and once
 * holding fonts under the official file names. Only `--system-fonts` lets the second machine's fonts in.
 * Needs the built dist/ (npm run build), as a user's install has it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jixiao-machines-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const emptyHome = path.join(tmp, 'home-empty');
const fontHome = path.join(tmp, 'home-fonts');
mkdirSync(emptyHome, { recursive: true });
mkdirSync(path.join(fontHome, '.fonts'), { recursive: true });
// The second machine's "Windows fonts": other faces under the names jixiao looks for.
const shipped = resolveFonts(tmp);
copyFileSync(shipped.heading1.regular.path, path.join(fontHome, '.fonts', 'simfang.ttf'));
copyFileSync(shipped.title.regular.path, path.join(fontHome, '.fonts', 'times.ttf'));

/** Builds one small document (a national-form project table: 仿宋 text and digits) on a "machine". */
function build(home: string, name: string, ...flags: string[]): { pdf: Buffer; docx: Buffer } {
  const out = path.join(tmp, name);
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin/jixiao.js'), 'build', 'content', '--out', out, '--only', '文物保护', ...flags],
    {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, '.local/share') },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const dir = path.join(out, '2023', 'national-demo');
  const files = readdirSync(dir);
  const file = (ext: string) => readFileSync(path.join(dir, files.find((f) => f.endsWith(ext))!));
  return { pdf: file('.pdf'), docx: file('.docx') };
}

describe('builds on two machines with different system fonts', () => {
  const a = build(emptyHome, 'a');
  const b = build(fontHome, 'b');

  it('give the same PDF and DOCX bytes', () => {
    expect(a.pdf.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(a.pdf, b.pdf)).toBe(0);
    expect(Buffer.compare(a.docx, b.docx)).toBe(0);
  });

  it('embed the shipped faces, and the DOCX still names the official ones', () => {
    const pdf = a.pdf.toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+FandolFang-Regular/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
    const xml = Object.entries(unzipSync(a.docx))
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, bytes]) => Buffer.from(bytes).toString('utf8'))
      .join('');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).not.toMatch(/Fandol|Tinos|Noto|WenKai/);
  });

  it("take the second machine's fonts only with --system-fonts", () => {
    const asked = build(fontHome, 'c', '--system-fonts');
    expect(Buffer.compare(asked.pdf, b.pdf)).not.toBe(0);
    const pdf = asked.pdf.toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Medium/);
    expect(pdf).not.toContain('FandolFang');
    // The DOCX does not depend on where the PDF's fonts came from.
    expect(Buffer.compare(asked.docx, b.docx)).toBe(0);
  });
});
