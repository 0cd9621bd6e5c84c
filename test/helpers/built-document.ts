import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { docxText, pdfRawText, squeeze } from './read-output.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** One document of the example year, built into a temporary folder, with its text as a reader gets it. */
export interface BuiltDocument {
  out: string;
  pdf: string;
  docx: string;
  /** PDF text in drawing order and DOCX text, whitespace removed (a cell wraps its text over lines). */
  pdfFlat: string;
  docxFlat: string;
}

export async function buildExampleDocument(
  only: string,
  unitDir: string,
  name: string,
): Promise<BuiltDocument> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-document-'));
  const r = await runCli(['build', '--only', only, '--out', out], REPO);
  expect(r.code, r.out + r.err).toBe(0);
  const dir = path.join(out, unitDir);
  const pdf = path.join(dir, `${name}.pdf`);
  const docx = path.join(dir, `${name}.docx`);
  expect(readdirSync(dir)).toEqual(expect.arrayContaining([`${name}.pdf`, `${name}.docx`]));
  return { out, pdf, docx, pdfFlat: squeeze(pdfRawText(pdf)), docxFlat: squeeze(docxText(docx)) };
}
