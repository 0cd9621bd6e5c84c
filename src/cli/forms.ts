import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Findings } from '../diagnostics/finding.js';
import { formatFinding } from '../diagnostics/format.js';
import { loadFormCatalog } from '../forms/catalog.js';
import { displayPath } from '../load/content-tree.js';
import { projectFolder } from '../load/project-folder.js';
import { BUILTIN_TEMPLATES } from '../render/index.js';
import { closest } from '../validate/suggest.js';
import { DOCUMENT_KINDS } from '../views/registry.js';
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
  /** True for the default documents, whose data still comes from a built-in view. */
  builtin: boolean;
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
  const own = path.join(projectDir, 'templates');
  const defaults: FormEntry[] = DOCUMENT_KINDS.map((k) => {
    const folder = path.posix.dirname(k.template);
    const ejected =
      path.resolve(own) !== path.resolve(BUILTIN_TEMPLATES) && existsSync(path.join(own, folder));
    return {
      id: k.id,
      name: k.title,
      pack: '',
      scope: '默认文书',
      origin: ejected ? 'project' : 'package',
      folder: shown(path.join(ejected ? own : BUILTIN_TEMPLATES, folder)),
      builtin: true,
    };
  });
  const declared: FormEntry[] = [...catalog.forms.values()].map((f) => ({
    id: f.id,
    name: f.name,
    pack: f.pack,
    scope: SCOPE_WORDS[f.scope]!,
    origin: f.origin,
    folder: shown(f.folder),
    builtin: false,
  }));
  return [...defaults, ...declared];
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
    io.out(`  ${e.id.padEnd(36)} ${e.name}（${e.scope}；${from}：${e.folder}）`);
  }
  for (const f of findings.sorted()) io.out(formatFinding(f, (file) => sources.get(file)));
  io.out('用 jixiao forms eject 名称 把一份文书复制到项目的 templates/ 中修改。');
  return findings.errorCount > 0 ? 1 : 0;
}

/**
 * `jixiao forms eject NAME`: copies a form's folder (declaration, template, partials) into the project's
 * templates/, where it then replaces jixiao's. An existing copy is kept unless --force.
 */
export function ejectCommand(
  args: { name: string; dir: string; force: boolean; json: boolean },
  io: CliIo,
): number {
  const projectDir = projectFolder(args.dir, io.cwd);
  // Only jixiao's own forms can be ejected: look them up in the package, whatever the project holds
  // (a project copy with a broken form.yaml can still be restored with --force).
  const own = entries(BUILTIN_PARENT, io, new Findings()).filter((e) => e.origin === 'package');
  const entry = own.find((e) => e.id === args.name);
  if (!entry) {
    const guess = closest(
      args.name,
      own.map((e) => ({ key: e.id, title: e.name })),
    );
    throw new UsageError(
      `jixiao 自带的文书中没有“${args.name}”${guess ? `。是否应为“${guess.key}”（${guess.title}）？` : ''}（jixiao forms 列出所有文书；项目自己的文书已在 templates/ 中，不用复制）`,
    );
  }
  const folder = entry.builtin
    ? path.posix.dirname(DOCUMENT_KINDS.find((k) => k.id === entry.id)!.template)
    : entry.id;
  const source = path.join(BUILTIN_TEMPLATES, folder);
  const target = path.join(projectDir, 'templates', folder);
  const shown = path.relative(io.cwd, target).split(path.sep).join('/');
  if (existsSync(target) && !args.force) {
    io.err(`${shown} 已经存在（项目自己的文书）；确实要用 jixiao 自带的覆盖它，加 --force`);
    return 1;
  }
  // --force starts from a clean copy: a stale partial left in the old folder would keep overriding jixiao's.
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  if (args.json) io.out(JSON.stringify({ written: [shown] }));
  else
    io.out(
      `已复制“${entry.name}”到 ${shown}/：修改其中的文件后运行 jixiao build，本项目即使用修改后的版式。`,
    );
  return 0;
}
