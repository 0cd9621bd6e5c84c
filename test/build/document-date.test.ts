import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { requireTool } from '../helpers/read-output.js';

/**
 * The date each document says it was made (PDF CreationDate, DOCX dcterms:created) comes from the
 * content, not the clock and not a fixed 2000-01-01: the unit's 填报日期 (only 2022/qingshan-minzheng has
 * one: `date: 2022-01-14`), else 31 December of the unit's year; SOURCE_DATE_EPOCH overrides both.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const pdfCreated = (file: string) =>
  /CreationDate:\s+(\S+)/.exec(
    execFileSync(requireTool('pdfinfo'), ['-isodates', file], { encoding: 'utf8' }),
  )?.[1];

const docxCreated = (file: string) =>
  /<dcterms:created[^>]*>([^<]+)</.exec(
    new TextDecoder().decode(unzipSync(readFileSync(file))['docProps/core.xml']),
  )?.[1];

async function buildExample(...extra: string[]): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-date-'));
  made.push(out);
  const r = await runCli(['build', '--out', out, ...extra], REPO);
  expect(r.code, r.out + r.err).toBe(0);
  return out;
}

describe('the date a document carries', () => {
  it('is the unit’s 填报日期, else 31 December of its year', async () => {
    const out = await buildExample();
    const files = fg.sync('**/*.{pdf,docx}', { cwd: out }).sort();
    // 16 of the seeds + 2 of chongqing-demo + 2 of county-2013-demo + 4 of sichuan-demo + 2 of hunan-demo + 4 of national-demo (2 projects) + 2 of hubei-demo.
    expect(files).toHaveLength(32);
    // Units with a 填报日期 (unit.yaml date): 青山, and the two region-pack demo units of 2023.
    const filed: Record<string, string> = {
      '2022/qingshan-minzheng/': '2022-01-14T00:00:00Z',
      '2023/national-demo/': '2024-03-15T00:00:00Z',
      '2023/hubei-demo/': '2023-01-16T00:00:00Z',
    };
    for (const file of files) {
      const year = file.split('/')[0];
      const own = Object.keys(filed).find((unit) => file.startsWith(unit));
      const expected = own ? filed[own]! : `${year}-12-31T00:00:00Z`;
      const full = path.join(out, file);
      expect(file.endsWith('.pdf') ? pdfCreated(full) : docxCreated(full), file).toBe(expected);
    }
  }, 120_000);

  it('is SOURCE_DATE_EPOCH when that is set', async () => {
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      const out = await buildExample('--only', 'qingshan,futian', '--format', 'pdf');
      const files = fg.sync('**/*.pdf', { cwd: out });
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(pdfCreated(path.join(out, file))).toBe('2023-11-14T22:13:20Z');
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  }, 120_000);
});
