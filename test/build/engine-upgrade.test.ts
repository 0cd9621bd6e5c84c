/**
 * An upgraded engine package rebuilds everything: the build manifest records the versions of the
 * packages that render the documents (and Node's and zlib's), so documents whose content did not change
 * are rendered again once docx or pdfmake is another version.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

/** `jixiao build --format docx --json` of the example year into `out`, as a user runs it. */
function build(out: string, env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin/jixiao.js'), 'build', '--format', 'docx', '--out', out, '--json'],
    { cwd: REPO, encoding: 'utf8', env: { ...process.env, JIXIAO_TEST_ENGINE_VERSIONS: '', ...env } },
  );
  expect(r.status, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as { written: unknown[]; unchanged: unknown[] };
  return { written: report.written.length, unchanged: report.unchanged.length };
}

describe('an incremental build after an engine upgrade', () => {
  it('renders every document again when an engine package is another version', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-engine-'));
    const first = build(out);
    expect(first.written).toBeGreaterThan(3);
    expect(build(out)).toEqual({ written: 0, unchanged: first.written });
    expect(build(out, { JIXIAO_TEST_ENGINE_VERSIONS: 'docx@9.16.0' })).toEqual({
      written: first.written,
      unchanged: 0,
    });
    expect(build(out, { JIXIAO_TEST_ENGINE_VERSIONS: 'docx@9.16.0' }).written).toBe(0);
  });
});
