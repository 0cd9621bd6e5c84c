import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../diagnostics/finding.js';
import { type CheckedContent, checkContent } from '../pipeline/check-content.js';
import { planDocuments } from '../pipeline/plan-documents.js';
import { renderTemplateToDocument, TemplateError } from '../render/index.js';
import { type PrintedDocument, type PrintedFigure, printedFigures } from './printed-figures.js';

/**
 * `jixiao diff REV`: the printed figures that differ between the content at a git revision and the
 * content in the working tree, document by document. Both sides go through the same check, views and
 * templates (the working tree's), so only what the content changed shows; each document is rendered to
 * the intermediate document and its figures are read as printed (see printed-figures.ts).
 */

/** A revision that cannot be read (not a repository, unknown revision, no git): exit 2. */
export class RevisionError extends Error {}

export interface FigureChange {
  /** How the author finds the figure: the row's name (with its group when the name alone is ambiguous). */
  label: string;
  /** The column's header. */
  column: string;
  /** As printed at the revision; null when the figure is new. */
  before: string | null;
  /** As printed now; null when the figure is gone. */
  after: string | null;
}

export interface SentenceChange {
  before: string | null;
  after: string | null;
}

export interface DocumentDiff {
  unit: string;
  kind: string;
  fileName: string;
  status: 'changed' | 'added' | 'removed';
  figures: FigureChange[];
  sentences: SentenceChange[];
}

export interface SideProblems {
  /** `working-tree` or the revision as given. */
  side: string;
  findings: Finding[];
  sources: Map<string, string>;
}

export interface DiffResult {
  rev: string;
  /** The commit the revision names. */
  commit: string;
  documents: DocumentDiff[];
  /** How many documents were compared and found the same. */
  unchanged: number;
  /** Content errors of either side; when present there is no comparison. */
  problems: SideProblems[];
}

export interface DiffOptions {
  rev: string;
  /** The content folder as the user gave it (relative to cwd). */
  dir: string;
  cwd: string;
  /** A project templates/ folder overriding jixiao's own, as for build. */
  templateDirs: string[];
}

interface RenderedDocument {
  key: string;
  unit: string;
  kind: string;
  fileName: string;
  printed: PrintedDocument;
}

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

function gitText(args: string[], cwd: string): string {
  return git(args, cwd).toString('utf8').trim();
}

const toPosix = (p: string) => p.split(path.sep).join('/');

function nearestExisting(dir: string): string {
  let d = dir;
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/** The repository holding the content folder and the commit REV names, or a RevisionError saying why not. */
function resolveRevision(contentAbs: string, rev: string, cwd: string): { top: string; commit: string } {
  if (rev.startsWith('-') || rev.trim() === '') throw new RevisionError(`版本“${rev}”无效`);
  const from = nearestExisting(contentAbs);
  let top: string;
  try {
    top = gitText(['rev-parse', '--show-toplevel'], from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new RevisionError('找不到 git 命令，jixiao diff 需要安装 git');
    const shown = toPosix(path.relative(cwd, contentAbs)) || '.';
    throw new RevisionError(`内容目录 ${shown} 不在 git 仓库中（git init 并提交后才能比较）`);
  }
  try {
    const commit = gitText(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top);
    return { top, commit };
  } catch {
    throw new RevisionError(`git 仓库中没有版本“${rev}”（可以是提交号、分支名、标签或 HEAD~1 这样的写法）`);
  }
}

/** Writes every file under `repoPath` at `commit` into `target` (paths below repoPath kept). */
function extractTree(top: string, commit: string, repoPath: string, target: string): number {
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', repoPath || '.'], top).toString(
    'utf8',
  );
  let count = 0;
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    // Regular files only: a symbolic link or a submodule is never content.
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !object) continue;
    const rel = repoPath ? path.posix.relative(repoPath, file) : file;
    if (rel.startsWith('..')) continue;
    const out = path.join(target, ...rel.split('/'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, git(['cat-file', 'blob', object], top));
    count++;
  }
  return count;
}

/**
 * The content at `rev` in a temporary folder laid out like the working directory, so findings name the
 * same paths as the working tree's (content/2020/…). The scoring frameworks come from the revision too
 * when the repository tracks them, else from the working directory, as `check` would read them.
 */
function checkoutContent(
  options: DiffOptions,
  top: string,
  commit: string,
  temp: string,
): { root: string; cwd: string; files: number } {
  const cwdAbs = path.resolve(options.cwd);
  const contentAbs = path.resolve(cwdAbs, options.dir);
  const realTop = realpathSync(top);
  const realContent = path.join(
    realpathSync(nearestExisting(contentAbs)),
    path.relative(nearestExisting(contentAbs), contentAbs),
  );
  const inRepo = toPosix(path.relative(realTop, realContent));
  const rel = path.relative(cwdAbs, contentAbs);
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
  const root = inside ? rel || '.' : 'content';
  const files = extractTree(realTop, commit, inRepo, path.join(temp, root));
  const frameworks = path.join(temp, 'frameworks');
  const contentHoldsFrameworks = !path.relative(path.join(temp, root), frameworks).startsWith('..');
  if (!contentHoldsFrameworks) {
    const ownFrameworks = path.join(cwdAbs, 'frameworks');
    const fwInRepo = toPosix(
      path.relative(realTop, path.join(realpathSync(nearestExisting(cwdAbs)), 'frameworks')),
    );
    const tracked = !fwInRepo.startsWith('..') && extractTree(realTop, commit, fwInRepo, frameworks) > 0;
    if (!tracked && existsSync(ownFrameworks)) cpSync(ownFrameworks, frameworks, { recursive: true });
  }
  mkdirSync(path.join(temp, root), { recursive: true });
  return { root, cwd: temp, files };
}

/** Check, view and template one side; problems are content (or template) errors of that side. */
async function renderSide(
  root: string,
  cwd: string,
  templateDirs: string[],
): Promise<{ checked: CheckedContent; documents: RenderedDocument[] }> {
  const checked = await checkContent(root, cwd);
  if (checked.findings.errorCount > 0) return { checked, documents: [] };
  const documents: RenderedDocument[] = [];
  for (const planned of planDocuments(checked)) {
    try {
      const doc = renderTemplateToDocument(planned.kind.template, planned.context, { templateDirs });
      documents.push({
        key: JSON.stringify([planned.unit.id, planned.kind.id, planned.fileName]),
        unit: planned.unit.id,
        kind: planned.kind.id,
        fileName: planned.fileName,
        printed: printedFigures(doc),
      });
    } catch (error) {
      if (error instanceof TemplateError) checked.findings.add(error.finding as Finding);
      else throw error;
    }
  }
  return { checked, documents };
}

/**
 * The shortest label that tells a figure apart in its document, over both sides: the row's name, after
 * what its table is about when the document repeats that table (the project of a national form); when
 * that is ambiguous, the table's subject if that differs, else the row's groups one by one (the unit of
 * a 小计, the 一级/二级指标 of an indicator).
 */
function labelFigures(figures: PrintedFigure[]): Map<string, string> {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const state = new Map([...byKey].map(([k, f]) => [k, { depth: 1, context: f.repeated }]));
  const labelOf = (key: string): string => {
    const f = byKey.get(key)!;
    const { depth, context } = state.get(key)!;
    const rows = f.rowLabels.slice(0, depth).reverse();
    return [...(context && f.tableContext ? [f.tableContext] : []), ...rows].join(' ');
  };
  for (let round = 0; round < 12; round++) {
    const seen = new Map<string, string[]>();
    for (const key of byKey.keys()) {
      const id = `${labelOf(key)}\u0000${byKey.get(key)!.column}`;
      seen.set(id, [...(seen.get(id) ?? []), key]);
    }
    let grew = false;
    for (const keys of seen.values()) {
      if (keys.length < 2) continue;
      const contexts = new Set(keys.map((k) => byKey.get(k)!.tableContext));
      if (contexts.size > 1 && keys.some((k) => !state.get(k)!.context)) {
        for (const k of keys) state.get(k)!.context = true;
        grew = true;
        continue;
      }
      for (const k of keys) {
        const st = state.get(k)!;
        if (st.depth < byKey.get(k)!.rowLabels.length) {
          st.depth++;
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  return new Map([...byKey.keys()].map((k) => [k, labelOf(k)]));
}

/** Sentences with figures, paired by their wording with the figures blanked out. */
function diffSentences(before: string[], after: string[]): SentenceChange[] {
  const skeleton = (s: string) => s.replace(/\d[\d,]*(\.\d+)?/g, '#');
  const remaining = [...after];
  const changes: SentenceChange[] = [];
  const unmatched: string[] = [];
  const exact = new Map<string, number>();
  for (const s of after) exact.set(s, (exact.get(s) ?? 0) + 1);
  const beforeLeft: string[] = [];
  for (const s of before) {
    const n = exact.get(s) ?? 0;
    if (n > 0) {
      exact.set(s, n - 1);
      remaining.splice(remaining.indexOf(s), 1);
    } else beforeLeft.push(s);
  }
  for (const s of beforeLeft) {
    const i = remaining.findIndex((a) => skeleton(a) === skeleton(s));
    if (i >= 0) {
      changes.push({ before: s, after: remaining[i]! });
      remaining.splice(i, 1);
    } else unmatched.push(s);
  }
  for (const s of unmatched) changes.push({ before: s, after: null });
  for (const s of remaining) changes.push({ before: null, after: s });
  return changes;
}

function diffDocument(
  before: PrintedDocument,
  after: PrintedDocument,
): Pick<DocumentDiff, 'figures' | 'sentences'> {
  const old = new Map(before.figures.map((f) => [f.key, f]));
  const now = new Map(after.figures.map((f) => [f.key, f]));
  const labels = labelFigures([...new Map([...old, ...now]).values()]);
  const figures: FigureChange[] = [];
  const change = (f: PrintedFigure, b: string | null, a: string | null) =>
    figures.push({ label: labels.get(f.key) ?? '', column: f.column, before: b, after: a });
  for (const f of before.figures) {
    const a = now.get(f.key);
    if (!a) change(f, f.value, null);
    else if (a.value !== f.value) change(f, f.value, a.value);
  }
  // New figures in the order they are printed now, after the changed and removed ones.
  for (const f of after.figures) if (!old.has(f.key)) change(f, null, f.value);
  return { figures, sentences: diffSentences(before.sentences, after.sentences) };
}

export async function diffContent(options: DiffOptions): Promise<DiffResult> {
  const contentAbs = path.resolve(options.cwd, options.dir);
  const { top, commit } = resolveRevision(contentAbs, options.rev, options.cwd);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'jixiao-diff-'));
  try {
    const at = checkoutContent(options, top, commit, temp);
    // A content folder the revision does not have yet: every document is new, nothing to check there.
    const then =
      at.files > 0
        ? await renderSide(at.root, at.cwd, options.templateDirs)
        : { checked: undefined, documents: [] };
    const now = await renderSide(options.dir, options.cwd, options.templateDirs);
    const problems: SideProblems[] = [];
    for (const [side, s] of [
      [options.rev, then],
      ['working-tree', now],
    ] as const) {
      if (s.checked && s.checked.findings.errorCount > 0)
        problems.push({
          side,
          findings: s.checked.findings.sorted().filter((f) => f.severity === 'error'),
          sources: s.checked.content.sources,
        });
    }
    const result: DiffResult = { rev: options.rev, commit, documents: [], unchanged: 0, problems };
    if (problems.length > 0) return result;
    const previous = new Map(then.documents.map((d) => [d.key, d]));
    const current = new Map(now.documents.map((d) => [d.key, d]));
    for (const d of now.documents) {
      const p = previous.get(d.key);
      const base = { unit: d.unit, kind: d.kind, fileName: d.fileName };
      if (!p) {
        result.documents.push({ ...base, status: 'added', figures: [], sentences: [] });
        continue;
      }
      const changes = diffDocument(p.printed, d.printed);
      if (changes.figures.length === 0 && changes.sentences.length === 0) result.unchanged++;
      else result.documents.push({ ...base, status: 'changed', ...changes });
    }
    for (const p of then.documents)
      if (!current.has(p.key))
        result.documents.push({
          unit: p.unit,
          kind: p.kind,
          fileName: p.fileName,
          status: 'removed',
          figures: [],
          sentences: [],
        });
    return result;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
