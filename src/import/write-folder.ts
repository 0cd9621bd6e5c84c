/**
 * Writing the imported unit folder so it appears whole or not at all: every file goes into a hidden
 * folder beside the target first. A new target is that folder renamed into place; an existing one
 * (only with --force) gets each file renamed in, in one synchronous step, its other files left as they are.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeDurably } from '../output/atomic.js';
import type { WrittenFile } from './unit-files.js';

export async function writeUnitFolder(
  target: string,
  files: WrittenFile[],
  force: boolean,
): Promise<'written' | 'exists'> {
  const exists = existsSync(target);
  if (exists && !force) return 'exists';
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = path.join(
    parent,
    `.${path.basename(target)}.import-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await mkdir(tmp);
    for (const f of files) await writeDurably(path.join(tmp, f.name), Buffer.from(f.text, 'utf8'));
    if (!exists) {
      if (existsSync(target)) throw new Error(`${target} appeared while writing`);
      await rename(tmp, target);
      return 'written';
    }
    for (const f of files) renameSync(path.join(tmp, f.name), path.join(target, f.name));
    rmSync(tmp, { recursive: true, force: true });
    return 'written';
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
