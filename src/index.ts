/**
 * jixiao as a library: `import { check, build } from 'jixiao'`. The same pipeline as `jixiao check` and
 * `jixiao build`, with results as data (findings with file:line:col, files written) instead of text on
 * a terminal. Nothing here prints or exits; paths are resolved against `cwd` as the CLI resolves them
 * against the working directory.
 */
import path from 'node:path';
import type { Finding } from './diagnostics/finding.js';
import { resolveFonts } from './fonts/resolve.js';
import { projectFolder } from './load/project-folder.js';
import { build as runBuild } from './pipeline/build.js';
import { type CheckedContent, checkContent } from './pipeline/check-content.js';
import { checkTemplates, projectTemplateDirs } from './pipeline/check-templates.js';
import { planDocuments } from './pipeline/plan-documents.js';

export type { Finding, Severity, SourcePosition } from './diagnostics/finding.js';

export interface CheckOptions {
  /** The content folder (default `content`), relative to `cwd`. */
  contentDir?: string;
  /** The project folder: frameworks/, templates/ and fonts/ are looked for here (default: process.cwd()). */
  cwd?: string;
}

export interface UnitInfo {
  /** `<year>/<folder>`, e.g. `2022/qingshan-minzheng`. */
  id: string;
  year: number;
  name: string;
  /** The id of the unit this one belongs to, if any. */
  parent: string | null;
}

export interface PlannedFile {
  unit: string;
  /** The document kind, e.g. `goal-table`. */
  kind: string;
  /** The kind's Chinese title. */
  title: string;
  /** Where the file goes below the output folder, without extension, with forward slashes. */
  path: string;
}

export interface CheckResult {
  /** No errors: `build` would write the documents. */
  ok: boolean;
  errors: number;
  warnings: number;
  /** Every finding, in file, line, column order. */
  findings: Finding[];
  units: UnitInfo[];
  /** The documents a build would write (empty when there are errors). */
  documents: PlannedFile[];
}

export interface BuildOptions extends CheckOptions {
  /** The output folder (default `output`), relative to `cwd`. */
  outDir?: string;
  /** Default docx and pdf; xlsx on request (a workbook of each document's tables). */
  formats?: Array<'docx' | 'pdf' | 'xlsx'>;
  /** Keeps only units or documents whose id, name or title contains one of these words. */
  only?: string[];
  /** Render every document even when its inputs did not change. */
  force?: boolean;
  /** Write into an existing folder that holds files jixiao did not write. */
  forceOut?: boolean;
}

export interface BuiltFile {
  unit: string;
  kind: string;
  /** Absolute path of the file. */
  file: string;
}

export interface BuildResult {
  /** Every document is written or up to date. */
  ok: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
  /** Files this build rendered and wrote. */
  written: BuiltFile[];
  /** Files whose inputs had not changed (left as they were). */
  unchanged: BuiltFile[];
  /** The output folder could not be used or written (the CLI's exit code 2); nothing was replaced. */
  outputFailed: boolean;
}

function units(checked: CheckedContent): UnitInfo[] {
  return checked.units.map((u) => ({
    id: u.id,
    year: u.year,
    name: u.content.unit.name,
    parent: u.parentId ?? null,
  }));
}

/** load → validate → compute → score, as `jixiao check`. */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const checked = await checkContent(options.contentDir ?? 'content', cwd);
  // As the CLI: every planned document through its template, so a template fault is found here first.
  // Planned once: planning reports findings (output names), which a second plan would repeat.
  const planned = planDocuments(checked);
  checkTemplates(planned, projectTemplateDirs(checked.content.projectDir), checked.findings);
  const errors = checked.findings.errorCount;
  const documents =
    errors > 0
      ? []
      : planned.map((d) => ({
          unit: d.unit.id,
          kind: d.kind.id,
          title: d.kind.title,
          path: [...d.folder, d.fileName].join('/'),
        }));
  return {
    ok: errors === 0,
    errors,
    warnings: checked.findings.warningCount,
    findings: checked.findings.sorted(),
    units: units(checked),
    documents,
  };
}

/** check → render → output/, as `jixiao build`: all files are replaced together, or none. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const project = projectFolder(options.contentDir ?? 'content', cwd);
  const result = await runBuild({
    contentDir: options.contentDir ?? 'content',
    outDir: path.resolve(cwd, options.outDir ?? 'output'),
    formats: options.formats ?? ['docx', 'pdf'],
    only: options.only ?? [],
    fonts: resolveFonts(project),
    templateDirs: projectTemplateDirs(project),
    cwd,
    force: options.force ?? false,
    forceOut: options.forceOut ?? false,
  });
  return {
    ok: !result.stopped && !result.outputFailed,
    errors: result.findings.errorCount,
    warnings: result.findings.warningCount,
    findings: result.findings.sorted(),
    written: result.written,
    unchanged: result.unchanged,
    outputFailed: result.outputFailed,
  };
}
