/**
 * A zip archive of in-memory files, as a DOCX package needs it, by fflate: entries in the order given,
 * DEFLATE at one fixed level, one fixed time for all of them, no extra fields — so the bytes depend on
 * the files alone.
 */
import { type Zippable, zipSync } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Files are zipped in key order; a name that looks like an array index would be moved to the front. */
const INDEX_LIKE = /^(0|[1-9]\d*)$/;

/** `mtime` is written as its local wall-clock time (zip times have no zone), to two seconds. */
export function zipFiles(entries: ZipEntry[], mtime: Date): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    if (INDEX_LIKE.test(entry.name) || entry.name in files)
      throw new Error(`zip entry name cannot keep its place: ${entry.name}`);
    files[entry.name] = [entry.data, { level: 6, mtime }];
  }
  const zip = zipSync(files);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
