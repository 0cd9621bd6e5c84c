/**
 * Which folders a build may write into. The output folder holds only what jixiao writes, so a typo in
 * `--out` (the content folder, a home folder, `/`) cannot scatter documents among someone else's files.
 */
import { lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from './manifest.js';
import { JOURNAL_FILE, STAGING_DIR } from './transaction.js';

const OURS = new Set([MANIFEST_FILE, JOURNAL_FILE, STAGING_DIR]);

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Why a build must not write to `outDir`, in Chinese, or undefined when it may. Without `forceOut`, an
 * existing folder must be empty or one jixiao wrote (it has the manifest); the content folder never.
 */
export function outputFolderRefusal(
  outDir: string,
  contentDir: string,
  forceOut: boolean,
  show: (file: string) => string = (f) => f,
): string | undefined {
  const shownOut = show(outDir);
  if (inside(real(outDir), real(contentDir)))
    return `输出目录“${shownOut}”在内容目录“${show(contentDir)}”之中：生成的文书会和内容文件混在一起。请用 --out 指定内容目录以外的文件夹（默认 output/）`;
  let entries: string[];
  try {
    if (!statSync(outDir).isDirectory()) return `输出目录“${shownOut}”是一个文件，不是文件夹`;
    entries = readdirSync(outDir);
  } catch {
    return undefined; // Not there yet: created by prepareOutputFolder.
  }
  if (forceOut || entries.includes(MANIFEST_FILE)) return undefined;
  // Ours: the journal and staging folder of an interrupted first build, and their temporaries.
  const foreign = entries.filter((e) => ![...OURS].some((o) => e === o || e.startsWith(`.${o}.`)));
  if (foreign.length === 0) return undefined;
  const sample = foreign.slice(0, 3).join('、') + (foreign.length > 3 ? ` 等 ${foreign.length} 项` : '');
  return `输出目录“${shownOut}”中已有不是 jixiao 生成的文件（${sample}）。请用 --out 指定一个空文件夹或新文件夹；确实要写到这里，加 --force-out`;
}

/**
 * Creates the output folder one level at a time. (`mkdir -p` under a virtual file system such as
 * /proc gets "no such file" for a parent that exists, and Node's recursive mkdir retries forever.)
 */
export function createOutputFolder(outDir: string): void {
  const missing: string[] = [];
  let dir = path.resolve(outDir);
  for (;;) {
    try {
      lstatSync(dir);
      break;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      missing.unshift(dir);
      dir = parent;
    }
  }
  for (const d of missing) mkdirSync(d);
  if (!statSync(outDir).isDirectory())
    throw Object.assign(new Error(`not a directory: ${outDir}`), { code: 'ENOTDIR' });
}
