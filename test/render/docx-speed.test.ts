/**
 * The docx speed patches (src/render/docx/docx-speed.ts) change how fast a DOCX is made, not its bytes:
 * the example year's DOCX files built with and without them are the same files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextAttributeComponent, XmlComponent } from 'docx';
import { describe, expect, it } from 'vitest';
import { patchDocxSpeed, stockDocxMethods } from '../../src/render/docx/docx-speed.js';

const REPO = path.resolve(import.meta.dirname, '../..');

function buildDocx(env: Record<string, string>): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-docx-speed-'));
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin/jixiao.js'), 'build', '--format', 'docx', '--out', out],
    { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return out;
}

const docxIn = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.docx')).sort();

describe('docx speed patches', () => {
  it('are installed on the pinned docx version', () => {
    expect(patchDocxSpeed({})).toBe(true);
    expect(NextAttributeComponent.prototype.prepForXml).not.toBe(stockDocxMethods.attributes);
    expect(XmlComponent.prototype.prepForXml).not.toBe(stockDocxMethods.component);
  });

  it('give every example DOCX the same bytes as docx alone', () => {
    const patched = buildDocx({ JIXIAO_DOCX_PATCHES: '' });
    const stock = buildDocx({ JIXIAO_DOCX_PATCHES: '0' });
    const files = docxIn(patched);
    // Every example document is a DOCX (16 of the seed units, 16 of the 2023 province examples).
    expect(files.length).toBeGreaterThanOrEqual(16);
    expect(docxIn(stock)).toEqual(files);
    for (const f of files)
      expect(readFileSync(path.join(patched, f)).equals(readFileSync(path.join(stock, f))), f).toBe(true);
  });
});
