import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Findings } from '../diagnostics/finding.js';
import { formatFinding } from '../diagnostics/format.js';
import { loadFormCatalog } from '../forms/catalog.js';
import { displayPath } from '../load/content-tree.js';
import { projectFolder } from '../load/project-folder.js';
import { BUILTIN_TEMPLATES } from '../render/index.js';
import { closest } from '../validate/suggest.js';
import { DEFAULT_PACK } from '../views/registry.js';
import { type CliIo, UsageError } from './io.js';

/** A folder whose templates/ is jixiao's own: listing it shows only the package's forms. */
const BUILTIN_PARENT = path.dirname(BUILTIN_TEMPLATES);

interface FormEntry {
  id: string;
  name: string;
  pack: string;
  scope: string;
  origin: 'project' | 'package';
  /** Where its files are, as the user sees it. */
  folder: string;
  /** Made for a unit that names no forms (the default pack's forms). */
  default: boolean;
  /** Its name in earlier jixiao versions, still accepted (`goal-table`). */
  formerName?: string;
}

const SCOPE_WORDS: Record<string, string> = {
  unit: '每个单位一份',
  project: '每个项目一份',
  department: '部门汇总一份',
};

function entries(
  projectDir: string,
  io: CliIo,
  findings: Findings,
  sources?: Map<string, string>,
): FormEntry[] {
  const shown = (abs: string) => displayPath(abs, io.cwd);
  const catalog = loadFormCatalog(projectDir, findings, sources, io.cwd);
  const declared: FormEntry[] = [...catalog.forms.values()].map((f) => ({
    id: f.id,
    name: f.name,
    pack: f.pack,
    scope: SCOPE_WORDS[f.scope]!,
    origin: f.origin,
    folder: shown(f.folder),
    default: f.pack === DEFAULT_PACK,
    ...(f.formerName ? { formerName: f.formerName } : {}),
  }));
  return declared;
}

/** `jixiao forms`: every form a unit can name, with where its files come from. */
export function formsCommand(args: { dir: string; json: boolean }, io: CliIo): number {
  const projectDir = projectFolder(args.dir, io.cwd);
  const findings = new Findings();
  const sources = new Map<string, string>();
  const list = entries(projectDir, io, findings, sources);
  if (args.json) {
    io.out(JSON.stringify({ forms: list, findings: findings.sorted() }, null, 2));
    return findings.errorCount > 0 ? 1 : 0;
  }
  io.out('可用的文书（在 unit.yaml 的 unit 下写 forms: [名称或区域包] 选用；不写则生成默认文书）：');
  for (const e of list) {
    const from = e.origin === 'project' ? '项目自己的' : 'jixiao 自带';
    const notes = [e.default ? '默认文书' : '', e.formerName ? `原名 ${e.formerName}` : ''].filter(Boolean);
    io.out(
      `  ${e.id.padEnd(36)} ${e.name}（${e.scope}${notes.map((n) => `，${n}`).join('')}；${from}：${e.folder}）`,
    );
  }
  for (const f of findings.sorted()) io.out(formatFinding(f, (file) => sources.get(file)));
  io.out('用 jixiao forms eject 名称 把一份文书复制到项目的 templates/ 中修改。');
  return findings.errorCount > 0 ? 1 : 0;
}

/**
 * `jixiao forms eject NAME`: copies a form's folder (declaration, template, partials) into the project's
 * templates/, where it then replaces jixiao's, with the pack's shared partials it uses (templates/<pack>/
 * _*.hbs) that the project does not have yet. A former name (`goal-table`) ejects the forms that carry it.
 * An existing copy is kept unless --force.
 */
export function ejectCommand(
  args: { name: string; dir: string; force: boolean; json: boolean },
  io: CliIo,
): number {
  const projectDir = projectFolder(args.dir, io.cwd);
  // Only jixiao's own forms can be ejected: look them up in the package, whatever the project holds
  // (a project copy with a broken form.yaml can still be restored with --force).
  const own = entries(BUILTIN_PARENT, io, new Findings()).filter((e) => e.origin === 'package');
  const exact = own.filter((e) => e.id === args.name);
  const chosen = exact.length ? exact : own.filter((e) => e.formerName === args.name);
  if (chosen.length === 0) {
    const guess = closest(args.name, [
      ...own.map((e) => ({ key: e.id, title: e.name })),
      ...own.filter((e) => e.formerName).map((e) => ({ key: e.formerName!, title: e.name })),
    ]);
    throw new UsageError(
      `jixiao 自带的文书中没有“${args.name}”${guess ? `。是否应为“${guess.key}”（${guess.title}）？` : ''}（jixiao forms 列出所有文书；项目自己的文书已在 templates/ 中，不用复制）`,
    );
  }
  const relative = (abs: string) => path.relative(io.cwd, abs).split(path.sep).join('/');
  const folders = chosen.map((entry) => entry.id);
  const existing = folders.filter((f) => existsSync(path.join(projectDir, 'templates', f)));
  if (existing.length > 0 && !args.force) {
    io.err(
      `${existing.map((f) => relative(path.join(projectDir, 'templates', f))).join('、')} 已经存在（项目自己的文书）；确实要用 jixiao 自带的覆盖它，加 --force`,
    );
    return 1;
  }
  const written: string[] = [];
  for (const folder of folders) {
    const source = path.join(BUILTIN_TEMPLATES, folder);
    const target = path.join(projectDir, 'templates', folder);
    // --force starts from a clean copy: a stale partial left in the old folder would keep overriding jixiao's.
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true });
    written.push(relative(target));
    for (const shared of sharedPartials(folder)) {
      const to = path.join(projectDir, 'templates', shared);
      if (existsSync(to)) continue;
      cpSync(path.join(BUILTIN_TEMPLATES, shared), to);
      written.push(relative(to));
    }
  }
  if (args.json) io.out(JSON.stringify({ written }));
  else
    io.out(
      `已复制“${chosen[0]!.name}”到 ${written.join('、')}：修改其中的文件后运行 jixiao build，本项目即使用修改后的版式。`,
    );
  return 0;
}

const PARTIAL_USE = /\{\{#?>\s*([^\s}]+)/g;

/**
 * The partials of the folders above a form (templates/shenzhen/_project-table-header.hbs) that its
 * templates use, directly or through one another, as paths below templates/: what `eject` copies with it
 * so every file the form is made of is in the project.
 */
function sharedPartials(formFolder: string): string[] {
  const own = path.join(BUILTIN_TEMPLATES, formFolder);
  const hbs = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => path.join(dir, f));
  const above = new Map<string, string>();
  for (let level = path.posix.dirname(formFolder); level !== '.'; level = path.posix.dirname(level))
    for (const file of hbs(path.join(BUILTIN_TEMPLATES, level))) {
      const name = path.basename(file).slice(1, -4);
      if (path.basename(file).startsWith('_') && !above.has(name)) above.set(name, file);
    }
  const ownNames = new Set(hbs(own).map((f) => path.basename(f).slice(1, -4)));
  const used = new Set<string>();
  const queue = hbs(own);
  while (queue.length > 0) {
    for (const m of readFileSync(queue.pop()!, 'utf8').matchAll(PARTIAL_USE)) {
      const name = m[1]!;
      const file = above.get(name);
      if (ownNames.has(name) || !file || used.has(file)) continue;
      used.add(file);
      queue.push(file);
    }
  }
  return [...used].sort().map((f) => path.relative(BUILTIN_TEMPLATES, f).split(path.sep).join('/'));
}
