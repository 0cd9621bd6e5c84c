/**
 * Writing one file safely: it appears whole or not at all (written to a temporary name, flushed, then
 * renamed). A build's many files are put in place together by OutputTransaction (transaction.ts).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** `.name.pid.random.tmp`: hidden, and recognisable as ours when a killed run left one behind. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function tempPath(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/**
 * Test hook: a write to a path containing JIXIAO_TEST_WRITE_FAIL stops half-way with "no space left on
 * device", the way a full disk does (tests cannot fill a real disk, and run as root where read-only
 * folders are writable).
 */
function injectedFailure(file: string): NodeJS.ErrnoException | undefined {
  const marker = process.env.JIXIAO_TEST_WRITE_FAIL;
  if (!marker || !file.includes(marker)) return undefined;
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), {
    code: 'ENOSPC',
    path: file,
  });
}

/** Writes a new file and flushes it to disk before returning. */
export async function writeDurably(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    const failure = injectedFailure(file);
    if (failure) {
      await handle.write(data.subarray(0, data.length >> 1));
      throw failure;
    }
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

/** The same, synchronously: for the commit step, which no signal handler may interrupt half-way. */
export function writeFileAtomicSync(file: string, data: Uint8Array): void {
  const tmp = tempPath(file);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      const failure = injectedFailure(file);
      if (failure) throw failure;
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporaries a killed run left beside files it wrote (`.x.docx.123.abcd1234.tmp` beside
 * `x.docx`), for the given files only: a file of the same shape next to anything else is not ours.
 */
export function removeStaleTemps(files: string[]): number {
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const dir = path.dirname(f);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(path.basename(f));
  }
  let removed = 0;
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const m = TEMP_NAME.exec(entry);
      if (m && names.has(m[1]!) && !processAlive(Number(m[2]))) {
        rmSync(path.join(dir, entry), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
