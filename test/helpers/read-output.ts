import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { ListCounter, readNumbering } from './docx-numbering.js';

/** Reads built files the way a reader does: text a PDF reader extracts, text Word shows, pages LibreOffice makes. */

export function requireTool(name: string): string {
  try {
    execFileSync('which', [name], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `测试需要 ${name}（apt-get install poppler-utils libreoffice-writer-nogui fonts-noto-cjk）`,
    );
  }
  return name;
}

/** pdftotext output; `layout` keeps table columns apart, the default joins flowing text. */
export function pdfText(
  file: string,
  options: { layout?: boolean; first?: number; last?: number } = {},
): string {
  const args = [
    ...(options.layout ? ['-layout'] : []),
    ...(options.first ? ['-f', String(options.first)] : []),
    ...(options.last ? ['-l', String(options.last)] : []),
    file,
    '-',
  ];
  return execFileSync(requireTool('pdftotext'), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** PDF text in content-stream order (`pdftotext -raw`): each table cell's lines stay together. */
export function pdfRawText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync(requireTool('pdftotext'), ['-raw', ...range, file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Page sizes in points, rounded, e.g. ['595x842', '1191x842']. */
export function pdfPageSizes(file: string): string[] {
  const out = execFileSync(requireTool('pdfinfo'), ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );
}

/**
 * The text of a DOCX body as Word shows it: paragraphs on lines, each with the list number Word puts in
 * front of it (heading numbers are Word numbering), table cells separated by tabs.
 */
export function docxText(file: string): string {
  const parts = unzipSync(readFileSync(file));
  const decode = (name: string) => (parts[name] ? new TextDecoder().decode(parts[name]) : '');
  const counter = new ListCounter(readNumbering(decode('word/numbering.xml'), decode('word/styles.xml')));
  const xml = decode('word/document.xml').replace(
    /(<w:p(?: [^>]*)?>)(<w:pPr>[\s\S]*?<\/w:pPr>)?/g,
    (_, p: string, pPr: string | undefined) => {
      const label = counter.label(pPr ?? '');
      return `${p}${pPr ?? ''}${label ? `<w:t>${label}</w:t>` : ''}`;
    },
  );
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<\/w:tc>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Converts a DOCX with LibreOffice headless; returns the PDF path (throws when LibreOffice fails). */
export function libreOfficeToPdf(docx: string): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-'));
  execFileSync(requireTool('soffice'), ['--headless', '--convert-to', 'pdf', '--outdir', out, docx], {
    stdio: 'pipe',
    timeout: 180_000,
    env: { ...process.env, HOME: out },
  });
  return path.join(out, `${path.basename(docx, '.docx')}.pdf`);
}

/** Text with all whitespace removed, so a figure split by a line break or cell border is still found. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The rows of every table in a DOCX, each row its cells' text (merged-away cells are absent). */
export function docxTableRows(file: string): string[][] {
  const xml = new TextDecoder().decode(unzipSync(readFileSync(file))['word/document.xml']);
  const cellText = (cell: string) =>
    cell
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&')
      .trim();
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => cellText(c[0])),
  );
}

/** The text of every bold run in a DOCX body, run by run, as Word shows it bold. */
export function docxBoldRuns(file: string): string[] {
  const xml = new TextDecoder().decode(unzipSync(readFileSync(file))['word/document.xml']);
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)]
    .filter((r) => /<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<w:b\/>/.test(r[1]!))
    .map((r) => [...r[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}
