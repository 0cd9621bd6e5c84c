import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { watch } from 'chokidar';
import fg from 'fast-glob';
import { projectFolder } from '../load/project-folder.js';
import { sha256 } from '../output/manifest.js';
import { renderTemplateToDocument } from '../render/index.js';
import { RenderPool } from '../render/worker-pool.js';
import { type BuildOptions, type BuildResult, build } from './build.js';
import type { CheckedContent } from './check-content.js';
import { eachPlannedDocument } from './plan-documents.js';

/** What a watch session reports after each rebuild (the CLI prints it). */
export interface WatchEvents {
  rebuilt(result: BuildResult, ms: number): void;
  failed(error: unknown): void;
  /** Units the last whole build had and this one no longer finds: their folder was deleted or renamed. */
  unitsGone?(ids: string[]): void;
  /** The file system could not report changes somewhere (a folder without permission); watching goes on. */
  watchError?(error: unknown): void;
}

/** Folders whose files are inputs: the content, and the project's own templates, frameworks, rules and fonts. */
function watchedRoots(options: BuildOptions): string[] {
  const roots = [path.resolve(options.cwd, options.contentDir)];
  const project = projectFolder(options.contentDir, options.cwd);
  for (const dir of ['templates', 'frameworks', 'rules', 'fonts']) {
    const full = path.join(project, dir);
    if (existsSync(full)) roots.push(full);
  }
  return roots;
}

/** A hash of every input file's bytes: saving a file without changing it does not rebuild. */
function inputsFingerprint(roots: string[]): string {
  const parts: Array<string | Uint8Array> = [];
  for (const root of roots) {
    for (const rel of fg.sync('**/*', { cwd: root, onlyFiles: true, dot: false }).sort()) {
      try {
        parts.push(path.join(root, rel), readFileSync(path.join(root, rel)));
      } catch {
        // A file deleted between the listing and the read: the next event rebuilds.
      }
    }
  }
  return sha256(...parts);
}

/**
 * A second after the first build, unless a save came first, one document of each kind is rendered in
 * every format on each worker (and not written): a kind's first render in a worker takes several times
 * a warm one, and the first save should be as quick as the next. A save during the warm-up waits for at
 * most the render in progress (warm-up jobs yield to real ones).
 */
function warmWorkers(checked: CheckedContent, options: BuildOptions, pool: RenderPool): void {
  const kinds = new Set<string>();
  for (const planned of eachPlannedDocument(checked, options.only)) {
    if (kinds.has(planned.kind.id)) continue;
    kinds.add(planned.kind.id);
    try {
      const doc = renderTemplateToDocument(planned.kind.template, planned.context, {
        templateDirs: options.templateDirs,
      });
      for (let i = 0; i < pool.size; i++)
        for (const format of options.formats) pool.warm(doc, format).catch(() => undefined);
    } catch {
      // A template error is the build's to report.
    }
  }
}

/**
 * Rebuilds when an input file's content changes (by hash, not by timestamp). Broken intermediate saves
 * only produce findings; the session keeps watching and rebuilds once the file is whole again. Returns
 * a function that stops watching.
 *
 * chokidar watches each folder, not the tree: a save that renames a temporary file over the original
 * (vim, Emacs, JetBrains, `sed -i`), a folder deleted or renamed while watching, and folders made later
 * are all seen, which Node's own recursive watch misses or dies on.
 */
export async function watchAndBuild(
  options: BuildOptions,
  events: WatchEvents,
  debounceMs = 40,
): Promise<() => void> {
  const roots = watchedRoots(options);
  // Warm workers across rebuilds: after the first build, a save re-renders with fonts already parsed.
  const pool = options.pool ?? new RenderPool(options.fonts);
  const warm = { ...options, pool };
  let lastFingerprint = '';
  let first: BuildResult | undefined;
  let lastUnits: string[] | undefined;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const fingerprint = inputsFingerprint(roots);
      if (fingerprint !== lastFingerprint) {
        const started = performance.now();
        const result = await build(warm);
        first ??= result;
        // A failed build (or one that left units) is retried on the next save even when the bytes come back the same.
        lastFingerprint = result.stopped || result.left.length > 0 ? '' : fingerprint;
        events.rebuilt(result, performance.now() - started);
        // Compared between whole builds only: a unit.yaml broken mid-save is not a unit gone.
        if (!result.stopped) {
          const units = result.checked.content.units.map((u) => u.id);
          const gone = lastUnits?.filter((id) => !units.includes(id)) ?? [];
          if (gone.length > 0) events.unitsGone?.(gone);
          lastUnits = units;
        }
      }
    } catch (error) {
      lastFingerprint = '';
      events.failed(error);
    } finally {
      running = false;
      if (again) {
        again = false;
        void rebuild();
      }
    }
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), debounceMs);
  };
  // Links are not followed: content never reads through one (the check refuses them with a finding).
  const watcher = watch(roots, { ignoreInitial: true, followSymlinks: false });
  watcher.on('all', schedule);
  watcher.on('error', (error) => events.watchError?.(error));
  // Every save after this point is seen: the folders are all being watched before the first build.
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  await rebuild();
  const warmUp = setTimeout(() => {
    if (first && !first.stopped && !running) warmWorkers(first.checked, options, pool);
  }, 1000);
  warmUp.unref();
  return () => {
    clearTimeout(warmUp);
    if (timer) clearTimeout(timer);
    void watcher.close();
    if (!options.pool) void pool.close();
  };
}
