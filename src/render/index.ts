/**
 * The rendering engine's entry points for document builders and the CLI:
 *
 *   const fonts = resolveFonts(projectDir);
 *   const doc = renderTemplateToDocument('narrative', context, { templateDirs });
 *   const docx = await renderDocx(doc, { fonts });
 *   const pdf = await renderPdf(doc, { fonts });
 *   const xlsx = hasSheets(doc) ? await renderXlsx(doc, { fonts }) : undefined;
 *   const tx = new OutputTransaction('output'); await tx.stage('x.pdf', inputs, pdf); tx.commit(manifest);
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { IntermediateDocument } from '../document/types.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { sha256 } from '../output/manifest.js';
import { buildDate, reproducibleDocx } from '../output/reproducible.js';
import {
  type CompiledTemplate,
  compileTemplate,
  renderDocument,
  templateFolders,
  templateSources,
} from '../template/compile.js';
import { renderDocxParts } from './docx/render.js';
import { renderPdf as renderPdfBytes } from './pdf/render.js';
import { renderXlsxPackage } from './xlsx/render.js';

export interface RenderOptions {
  fonts: ResolvedFonts;
  /** Fixed document date; default: SOURCE_DATE_EPOCH, else the document's meta.date, else 2000-01-01. */
  date?: Date;
}

function dateOf(doc: IntermediateDocument, options: RenderOptions): Date {
  return options.date ?? buildDate(doc.meta.date);
}

export async function renderDocx(doc: IntermediateDocument, options: RenderOptions): Promise<Buffer> {
  return reproducibleDocx(await renderDocxParts(doc, options.fonts), dateOf(doc, options));
}

export async function renderPdf(doc: IntermediateDocument, options: RenderOptions): Promise<Buffer> {
  return renderPdfBytes(doc, options.fonts, { date: dateOf(doc, options) });
}

/**
 * The document's tables as a workbook, a sheet per table; a document without tables has none (see
 * hasSheets). Repacked like the DOCX so that the same document gives the same bytes.
 */
export async function renderXlsx(doc: IntermediateDocument, options: RenderOptions): Promise<Buffer> {
  const date = dateOf(doc, options);
  const parts = unzipSync(await renderXlsxPackage(doc, options.fonts, date));
  // exceljs's zip lists folders as entries of their own; a package needs only its files.
  const files = Object.entries(parts).filter(([name]) => !name.endsWith('/'));
  return reproducibleDocx(new Map(files), date);
}

/** jixiao's own templates/ folder. */
export const BUILTIN_TEMPLATES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates',
);

/** Compiled templates by the bytes of the files they are made of: an edited template (in watch) compiles anew. */
const compiled = new Map<string, CompiledTemplate>();

/**
 * Renders the template `name` (e.g. `sample/sample`) with a context into the intermediate document.
 * Looks in `templateDirs` (a project's own templates/ first), then jixiao's templates/, for the main file
 * and for each of its partials alike. Throws TemplateError (carrying a Finding) for any template or
 * markup problem.
 */
export function renderTemplateToDocument(
  name: string,
  context: unknown,
  options: { templateDirs?: string[] } = {},
): IntermediateDocument {
  const dirs = [...(options.templateDirs ?? []), BUILTIN_TEMPLATES];
  const sources = templateSources(name, dirs);
  const key = sha256(...sources.flatMap((file) => [file, readFileSync(file)]));
  let template = compiled.get(key);
  if (!template) {
    template = compileTemplate(sources[0]!, templateFolders(name, dirs));
    compiled.set(key, template);
  }
  return renderDocument(template, context);
}

export { TemplateError } from '../template/compile.js';
export { hasSheets } from './xlsx/render.js';
