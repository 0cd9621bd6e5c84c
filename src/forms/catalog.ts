import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import { displayPath } from '../load/content-tree.js';
import { loadDataFile } from '../load/data-file.js';
import { type DataPath, locateInFile } from '../load/locate.js';
import { BUILTIN_TEMPLATES } from '../render/index.js';
import { FormFile, type RequiredField, type RequiredPart } from './declaration.js';
import { warnFormerLayouts } from './former-layouts.js';

/** A form found as a folder with form.yaml under a templates/ folder. */
export interface DeclaredForm {
  /** Its folder below templates/, e.g. `national/project-self-evaluation`: what a unit's `forms` names. */
  id: string;
  /** The region pack: the first folder (`national`), or "" for a form directly under templates/. */
  pack: string;
  name: string;
  scope: 'unit' | 'project' | 'department';
  /** Template name for the template chain, e.g. `national/project-self-evaluation/main`. */
  template: string;
  paper: 'A4' | 'A3';
  orientation: 'portrait' | 'landscape';
  requires: RequiredPart[];
  /** Parts of which the unit needs at least one (none listed: no such condition). */
  requiresAny: RequiredPart[];
  requiredFields: RequiredField[];
  rules: string | undefined;
  /** The unit framework the form is laid out for (its rows are that framework's). */
  framework: string | undefined;
  /** Its id in earlier jixiao versions (`goal-table`), still accepted in `forms` and `forms eject`. */
  formerName: string | undefined;
  /** The file name as written, and compiled (Handlebars over the form's data). */
  fileNameText: string;
  fileName: HandlebarsTemplateDelegate;
  origin: 'project' | 'package';
  /** form.yaml as findings show it. */
  file: string;
  folder: string;
  at(path: DataPath): SourcePosition;
}

export interface FormCatalog {
  forms: Map<string, DeclaredForm>;
  /** Ids whose form.yaml did not load (their findings say why). */
  broken: Set<string>;
}

export const FORM_FILE = 'form.yaml';
/** Accepted too, with a warning, as content's .yml files are: a form.yml must not be passed over for jixiao's. */
const FORM_FILE_YML = 'form.yml';

/** The declaration file of a form folder: form.yaml, else form.yml. */
function declarationFile(folder: string): string {
  const yaml = path.join(folder, FORM_FILE);
  return existsSync(yaml) ? yaml : path.join(folder, FORM_FILE_YML);
}

/** Folders holding form.yaml under `root`, as ids relative to it (at most three levels deep). */
function formFolders(root: string, rel = '', depth = 0): string[] {
  if (depth > 3) return [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const here =
    entries.some((e) => e.isFile() && (e.name === FORM_FILE || e.name === FORM_FILE_YML)) && rel !== ''
      ? [rel]
      : [];
  const below = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => formFolders(root, rel ? `${rel}/${e.name}` : e.name, depth + 1));
  return [...here, ...below];
}

/**
 * Every declared form a run may use: the project's own templates/ first, then jixiao's; a project form
 * with the id of one of jixiao's replaces it (that is what `jixiao forms eject` sets up), even when its
 * form.yaml has a mistake — the mistake is reported, jixiao's version is not used silently.
 */
export function loadFormCatalog(
  projectDir: string,
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
): FormCatalog {
  const forms = new Map<string, DeclaredForm>();
  const broken = new Set<string>();
  const own = path.join(projectDir, 'templates');
  // jixiao's own repository is a project whose templates/ is the package's: its forms are the package's.
  const roots: Array<[string, DeclaredForm['origin']]> =
    path.resolve(own) === path.resolve(BUILTIN_TEMPLATES)
      ? [[BUILTIN_TEMPLATES, 'package']]
      : [
          [own, 'project'],
          [BUILTIN_TEMPLATES, 'package'],
        ];
  for (const [root, origin] of roots) {
    if (!existsSync(root)) continue;
    for (const id of formFolders(root)) {
      if (forms.has(id) || broken.has(id)) continue;
      const form = loadForm(root, id, origin, findings, sources, cwd);
      if (form) forms.set(id, form);
      else broken.add(id);
    }
  }
  if (roots.length > 1) warnFormerLayouts(own, forms, findings, cwd);
  return { forms, broken };
}

/** One form folder below a templates/ folder; undefined (with findings saying why) when it cannot be used. */
export function loadForm(
  root: string,
  id: string,
  origin: DeclaredForm['origin'],
  findings: Findings,
  sources?: Map<string, string>,
  cwd: string = process.cwd(),
): DeclaredForm | undefined {
  const folder = path.join(root, id);
  const file = declarationFile(folder);
  if (file.endsWith('.yml'))
    findings.warning('file-extension', '文书声明请使用 form.yaml 作文件名；form.yml 同样会被读取', {
      file: displayPath(file, cwd),
      line: 1,
      col: 1,
    });
  const loaded = loadDataFile(
    file,
    { schema: FormFile, code: 'form', label: '文书声明' },
    findings,
    sources,
    cwd,
  );
  if (!loaded) return undefined;
  const f = loaded.data.form;
  const at = (p: DataPath) => locateInFile(loaded.file, p).at;
  let fileName: HandlebarsTemplateDelegate;
  try {
    fileName = Handlebars.compile(f.file_name, { strict: true, noEscape: true, knownHelpersOnly: true });
    // Compiling is lazy: render once against nothing to surface a syntax error here.
    Handlebars.precompile(f.file_name, { strict: true, knownHelpersOnly: true });
  } catch (error) {
    findings.error(
      'form-file-name',
      `文书声明的文件名“${f.file_name}”写法有误：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      at(['form', 'file_name']),
      { field: '文件名', found: f.file_name },
    );
    return undefined;
  }
  if (!existsSync(path.join(folder, `${f.template}.hbs`))) {
    findings.error(
      'form-template-missing',
      `文书“${f.name}”的主模板 ${f.template}.hbs 不在文件夹 ${id}/ 中`,
      at(['form', 'template']),
      { field: '主模板', found: f.template },
    );
    return undefined;
  }
  return {
    id,
    pack: id.includes('/') ? id.split('/')[0]! : '',
    name: f.name,
    scope: f.scope,
    template: `${id}/${f.template}`,
    paper: f.paper,
    orientation: f.orientation,
    requires: f.requires,
    requiresAny: f.requires_any,
    requiredFields: f.required_fields,
    rules: f.rules,
    framework: f.framework,
    formerName: f.former_name,
    fileNameText: f.file_name,
    fileName,
    origin,
    file: loaded.file.path,
    folder,
    at,
  };
}
