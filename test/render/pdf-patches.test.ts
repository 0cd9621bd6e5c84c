/**
 * The engine patches (src/render/pdf/patches.ts) change how fast a PDF is made, not what a reader sees:
 * the example year built with and without the speed patches reads the same — every word at the same
 * place, the same pages, the same fonts. On another engine version the patches stay off and the example
 * year still builds, saying once why it is slower.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../helpers/read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const NOTICE = /PDF 生成会较慢/g;

/** `jixiao build --format pdf` of the example year, as a user runs it (bin/jixiao.js on dist/). */
function buildExample(env: Record<string, string>): { out: string; stdout: string; status: number | null } {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-patches-'));
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin/jixiao.js'), 'build', '--format', 'pdf', '--out', out],
    { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  return { out, stdout: r.stdout + r.stderr, status: r.status };
}

function pdfsIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.pdf')).sort();
}

interface Word {
  page: number;
  text: string;
  box: number[];
}

/** Every word a reader's text layer has, with its page and box (`pdftotext -bbox`). */
function words(file: string): { pages: number; words: Word[] } {
  const html = execFileSync(requireTool('pdftotext'), ['-bbox', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out: Word[] = [];
  const pages = html.split('<page ').slice(1);
  pages.forEach((page, index) => {
    for (const m of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ))
      out.push({ page: index + 1, text: m[5]!, box: [m[1], m[2], m[3], m[4]].map(Number) });
  });
  return { pages: pages.length, words: out };
}

/** Embedded fonts by name, without the subset tag (`ABCDEF+`): what `pdffonts` lists. */
function fonts(file: string): string[] {
  const listing = execFileSync(requireTool('pdffonts'), [file], { encoding: 'utf8' });
  const names = listing
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    .filter(Boolean);
  return [...new Set(names)].sort();
}

describe('PDF engine patches', () => {
  let patched: ReturnType<typeof buildExample>;
  let stock: ReturnType<typeof buildExample>;

  beforeAll(() => {
    patched = buildExample({ JIXIAO_PDF_PATCHES: '' });
    stock = buildExample({ JIXIAO_PDF_PATCHES: '0' });
  });

  it('builds every example PDF with and without the speed patches, saying once when they are off', () => {
    expect(patched.status).toBe(0);
    expect(stock.status).toBe(0);
    expect(patched.stdout.match(NOTICE)).toBeNull();
    expect(stock.stdout.match(NOTICE)).toHaveLength(1);
    expect(stock.stdout).toContain('JIXIAO_PDF_PATCHES=0');
    expect(pdfsIn(stock.out)).toEqual(pdfsIn(patched.out));
    expect(pdfsIn(patched.out).length).toBeGreaterThan(5);
  });

  it('gives a reader the same pages, words at the same places and the same fonts either way', () => {
    for (const file of pdfsIn(patched.out)) {
      const a = path.join(patched.out, file);
      const b = path.join(stock.out, file);
      const fast = words(a);
      const slow = words(b);
      expect(slow.pages, file).toBe(fast.pages);
      expect(
        slow.words.map((w) => `${w.page} ${w.text}`),
        file,
      ).toEqual(fast.words.map((w) => `${w.page} ${w.text}`));
      // Positions agree to a thousandth of a point (pdfkit and our line writer round at the sixth digit).
      fast.words.forEach((w, i) => {
        const other = slow.words[i]!.box;
        w.box.forEach((v, k) => {
          expect(Math.abs(v - other[k]!), `${file}: “${w.text}” on page ${w.page}`).toBeLessThan(0.001);
        });
      });
      expect(fonts(b), file).toEqual(fonts(a));
    }
  });

  it('leaves every patch off on other engine versions, and the example year still builds', () => {
    const other = buildExample({
      JIXIAO_TEST_ENGINE_VERSIONS: 'pdfmake@0.3.12,pdfkit@0.19.2,fontkit@2.0.5',
    });
    expect(other.status).toBe(0);
    expect(other.stdout.match(NOTICE)).toHaveLength(1);
    expect(other.stdout).toContain('pdfmake 0.3.12（适配的是 0.3.11）');
    expect(other.stdout).toContain('fontkit 2.0.5（适配的是 2.0.4）');
    expect(pdfsIn(other.out)).toEqual(pdfsIn(patched.out));
    for (const file of pdfsIn(other.out)) {
      const built = words(path.join(other.out, file));
      expect(built.words.length, file).toBeGreaterThan(20);
      // Another code path wrote them: the same input otherwise gives the same bytes.
      expect(
        readFileSync(path.join(other.out, file)).equals(readFileSync(path.join(patched.out, file))),
      ).toBe(false);
    }
  });
});
