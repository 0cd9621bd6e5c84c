/**
 * Atomic writes: a file appears whole or not at all. A build stages each output in a temporary file
 * beside its target (streamed to disk, so memory stays flat however many documents there are) and
 * renames them all into place only when every document rendered; a failure removes the staged files
 * and leaves the earlier outputs as they were. A build killed mid-way leaves only staged temporary
 * files, which the next build removes.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** `.name.pid.random.tmp`: hidden, and recognisable as ours when a killed build left one behind. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function tempPath(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Writes a new file and flushes it to disk before returning. */
export async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    await writeDurably(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Outputs staged beside their targets, put in place together by `commit` or dropped by `rollback`. */
export class OutputTransaction {
  private readonly staged: Array<{ tmp: string; file: string }> = [];

  async stage(file: string, data: Uint8Array): Promise<void> {
    await writeDurably(this.reserve(file), data);
  }

  /** The temporary path a file is staged at, for a writer elsewhere (a render worker) to fill. */
  reserve(file: string): string {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = tempPath(file);
    this.staged.push({ tmp, file });
    return tmp;
  }

  get files(): string[] {
    return this.staged.map((s) => s.file);
  }

  async commit(): Promise<void> {
    for (const s of this.staged) await rename(s.tmp, s.file);
    this.staged.length = 0;
  }

  async rollback(): Promise<void> {
    await Promise.all(this.staged.map((s) => rm(s.tmp, { force: true })));
    this.staged.length = 0;
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files that a killed build left in the output folder (not those of a live one). */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removed += await removeStaleTemps(full);
    else {
      const m = TEMP_NAME.exec(entry.name);
      if (m && !processAlive(Number(m[1]))) {
        await rm(full, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
