/**
 * Handlebars templates → document markup → intermediate document.
 * Templates are compiled with `strict` (a missing field is an error with its position) and
 * `knownHelpersOnly` (an unknown helper is a compile error). Triple-stash `{{{…}}}` is refused: every
 * value from the data goes through escaping, so a `<`, `&` or `{{` in a project name stays text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Finding } from '../diagnostics/finding.js';
import type { IntermediateDocument } from '../document/types.js';
import { HELPERS, TemplateHelperError } from './helpers.js';
import { DATA_NEWLINE, MarkupError, parseMarkup } from './markup.js';

/** A template problem, carried as a Finding (file, line, column, Chinese message). */
export class TemplateError extends Error {
  constructor(readonly finding: Finding) {
    super(
      `${finding.at ? `${finding.at.file}:${finding.at.line}:${finding.at.col} ` : ''}${finding.message}`,
    );
    this.name = 'TemplateError';
  }
}

function relativeFile(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

function templateError(
  file: string,
  code: string,
  message: string,
  line?: number,
  col?: number,
): TemplateError {
  const finding: Finding = { severity: 'error', code, message };
  finding.at = { file: relativeFile(file), line: line ?? 1, col: col ?? 1 };
  return new TemplateError(finding);
}

const KNOWN_HELPERS: Record<string, boolean> = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));

interface HbsLoc {
  start: { line: number; column: number };
}
interface HbsNode {
  type: string;
  loc?: HbsLoc;
  escaped?: boolean;
  [k: string]: unknown;
}

/** Walks the template's syntax tree and refuses constructs that would let data become markup. */
function checkAst(node: unknown, file: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) checkAst(n, file);
    return;
  }
  const n = node as HbsNode;
  if (n.type === 'MustacheStatement' && n.escaped === false) {
    throw templateError(
      file,
      'template-unescaped',
      '模板不能用 {{{…}}} 或 {{&…}} 输出未转义的数据；请用 {{…}}',
      n.loc?.start.line,
      n.loc ? n.loc.start.column + 1 : undefined,
    );
  }
  for (const [k, v] of Object.entries(n)) {
    if (k !== 'loc' && v && typeof v === 'object') checkAst(v, file);
  }
}

/** Turns what Handlebars threw into a TemplateError with the best position it offers. */
function fromHandlebars(err: unknown, file: string): TemplateError {
  if (err instanceof TemplateError) return err;
  if (err instanceof TemplateHelperError)
    return templateError(file, 'template-helper', err.message, err.line, err.col);
  const e = err as {
    message?: string;
    lineNumber?: number;
    column?: number;
    hash?: { loc?: { first_line: number; first_column: number } };
  };
  const raw = String(e.message ?? err);
  let line = e.lineNumber;
  let col = e.column !== undefined ? e.column + 1 : undefined;
  if (line === undefined && e.hash?.loc) {
    line = e.hash.loc.first_line;
    col = e.hash.loc.first_column + 1;
  }
  const lineInMsg = /line (\d+)/.exec(raw);
  if (line === undefined && lineInMsg) line = Number(lineInMsg[1]);
  const missing = /^"([^"]+)" not defined in/.exec(raw);
  if (missing)
    return templateError(
      file,
      'template-missing-field',
      `模板引用的字段“${missing[1]}”在数据中不存在`,
      line,
      col,
    );
  const helper = /You specified knownHelpersOnly, but used the unknown helper (\S+)/.exec(raw);
  if (helper) {
    return templateError(
      file,
      'template-unknown-helper',
      `模板使用了未知的助手“${helper[1]}”；可用的助手：${Object.keys(HELPERS).join('、')}`,
      line,
      col,
    );
  }
  const partial = /The partial (\S+) could not be found/.exec(raw);
  if (partial)
    return templateError(file, 'template-missing-partial', `找不到模板片段“${partial[1]}”`, line, col);
  const firstLine = raw.split('\n').slice(0, 3).join(' ');
  return templateError(file, 'template-syntax', `模板有误：${firstLine}`, line, col);
}

/** Objects already prepared, by source: the documents of a unit share its model, copied once. */
const preparedObjects = new WeakMap<object, unknown>();

/**
 * Deep-copies the context into plain objects, with data newlines turned into DATA_NEWLINE (any
 * DATA_NEWLINE already in the data, which is not a character, is dropped first). A view model is never
 * changed once built, so an object met again (the unit model every form of the unit starts from) gives
 * the copy made the first time.
 */
export function prepareContext(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value === 'string') {
    const kept = value.includes(DATA_NEWLINE) ? value.replaceAll(DATA_NEWLINE, '') : value;
    return /[\r\n]/.test(kept) ? kept.replace(/\r\n|\r|\n/g, DATA_NEWLINE) : kept;
  }
  if (value === null || typeof value !== 'object') return value;
  const done = preparedObjects.get(value);
  if (done !== undefined) return done;
  if (seen.has(value)) throw new TypeError('template context is cyclic');
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((v) => prepareContext(v, seen));
  else {
    const o: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      o[key] = prepareContext((value as Record<string, unknown>)[key], seen);
    out = o;
  }
  seen.delete(value);
  preparedObjects.set(value, out);
  return out;
}

export interface CompiledTemplate {
  file: string;
  /** The template's text and its partials', to find where a piece of faulty markup is written. */
  sources: Array<{ file: string; text: string }>;
  render(context: unknown): string;
}

/**
 * The partials (`_name.hbs`, used as `{{> name}}`) of a template whose folder is each of `folders` in
 * turn, by name: each from the first folder that has it, so a project overriding only main.hbs keeps
 * jixiao's partials, and one overriding only a partial keeps jixiao's main.hbs.
 */
export function findPartials(folders: string[]): Map<string, string> {
  const partials = new Map<string, string>();
  for (const folder of folders) {
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch {
      continue; // a project that overrides nothing of this template has no such folder
    }
    for (const entry of entries) {
      const name = entry.slice(1, -4);
      if (entry.startsWith('_') && entry.endsWith('.hbs') && !partials.has(name))
        partials.set(name, path.join(folder, entry));
    }
  }
  return partials;
}

/**
 * The folders a template's partials are looked up in: its own folder under each templates/ folder, then
 * the folders above it up to templates/ (for a form `shenzhen/goal-table/main`, templates/shenzhen/: the
 * partials the forms of a region pack share), the nearest folder first.
 */
export function templateFolders(name: string, dirs: string[]): string[] {
  const levels: string[] = [];
  for (let level = path.posix.dirname(name); level !== '.'; level = path.posix.dirname(level))
    levels.push(level);
  return levels.flatMap((level) => dirs.map((dir) => path.join(dir, level)));
}

/** Every file a template is made of, main file first: what its output depends on. */
export function templateSources(name: string, dirs: string[]): string[] {
  return [findTemplate(name, dirs), ...findPartials(templateFolders(name, dirs)).values()];
}

/**
 * Compiles one template file with the partials found in `partialFolders` (default: the `_name.hbs`
 * files beside it).
 */
export function compileTemplate(
  file: string,
  partialFolders: string[] = [path.dirname(file)],
): CompiledTemplate {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  const sources: CompiledTemplate['sources'] = [];
  const options = { strict: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, preventIndent: true };
  for (const [name, pfile] of findPartials(partialFolders)) {
    const psrc = readFileSync(pfile, 'utf8');
    sources.push({ file: pfile, text: psrc });
    try {
      checkAst(Handlebars.parse(psrc), pfile);
      hb.registerPartial(name, hb.compile(psrc, options));
    } catch (err) {
      throw fromHandlebars(err, pfile);
    }
  }
  const src = readFileSync(file, 'utf8');
  sources.unshift({ file, text: src });
  let template: HandlebarsTemplateDelegate;
  try {
    checkAst(Handlebars.parse(src), file);
    template = hb.compile(src, options);
    // Compilation is lazy; force it so syntax and unknown helpers fail here.
    (hb.precompile as (s: string, o: object) => unknown)(src, options);
  } catch (err) {
    throw fromHandlebars(err, file);
  }
  return {
    file,
    sources,
    render(context: unknown): string {
      try {
        return template(prepareContext(context));
      } catch (err) {
        throw fromHandlebars(err, file);
      }
    },
  };
}

/** Renders a compiled template and parses its markup. Markup errors name the template file. */
export function renderDocument(template: CompiledTemplate, context: unknown): IntermediateDocument {
  const markup = template.render(context);
  try {
    return parseMarkup(markup);
  } catch (err) {
    if (err instanceof MarkupError) {
      // Faulty markup the template writes as it is (an entity, an attribute's value) is reported where it
      // is written; markup made from data has no such place and names the markup's own line.
      const at = err.snippet === undefined ? undefined : locate(template.sources, err.snippet);
      throw templateError(
        at?.file ?? template.file,
        'template-markup',
        at
          ? `模板的标记有误：${err.message}`
          : `模板生成的标记有误（标记第 ${err.line} 行第 ${err.col} 列）：${err.message}`,
        at?.line,
        at?.col,
      );
    }
    throw err;
  }
}

/** The first place a template file writes `snippet`. */
function locate(
  sources: CompiledTemplate['sources'],
  snippet: string,
): { file: string; line: number; col: number } | undefined {
  for (const { file, text } of sources) {
    const i = text.indexOf(snippet);
    if (i < 0) continue;
    const before = text.slice(0, i).split('\n');
    return { file, line: before.length, col: before.at(-1)!.length + 1 };
  }
  return undefined;
}

/** Finds `<name>.hbs` in the project's templates/ first, then in jixiao's own templates/. */
export function findTemplate(name: string, dirs: string[]): string {
  for (const dir of dirs) {
    const file = path.join(dir, `${name}.hbs`);
    try {
      readFileSync(file);
      return file;
    } catch {
      // try the next folder
    }
  }
  const finding: Finding = {
    severity: 'error',
    code: 'template-not-found',
    message: `找不到模板“${name}.hbs”（查找了：${dirs.map(relativeFile).join('、')}）`,
  };
  throw new TemplateError(finding);
}
