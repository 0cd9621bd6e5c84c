/**
 * Atomic writes: a file appears whole or not at all. Each output is written to a temporary file in
 * the same folder and renamed over the target; a failure removes the temporary file and leaves the
 * earlier output as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export interface PendingOutput {
  file: string;
  /** The bytes, or a function producing them (a failure there writes nothing). */
  data: Uint8Array | (() => Promise<Uint8Array>);
}

/**
 * Writes a build's outputs only once every one of them has been produced: if any render fails,
 * nothing is written and earlier outputs stay as they were.
 */
export async function writeOutputs(outputs: PendingOutput[]): Promise<string[]> {
  const ready: { file: string; data: Uint8Array }[] = [];
  for (const o of outputs)
    ready.push({ file: o.file, data: typeof o.data === 'function' ? await o.data() : o.data });
  for (const r of ready) await writeFileAtomic(r.file, r.data);
  return ready.map((r) => r.file);
}
