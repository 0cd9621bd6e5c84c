/**
 * The build manifest (`.jixiao-manifest.json` in the output folder): for every output file, the hash of
 * everything it was rendered from, so an incremental build re-renders only documents whose content,
 * template, framework, fonts or engine changed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineVersions } from '../render/engine-versions.js';
import { writeFileAtomicSync } from './atomic.js';

export const MANIFEST_FILE = '.jixiao-manifest.json';
const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  /** Hash of the document's inputs (view context, template files, fonts, engine, format). */
  inputs: string;
  /** The output file as written, to notice a file deleted or replaced since. */
  size: number;
  mtimeMs: number;
}

export interface Manifest {
  version: number;
  /** Output files relative to the output folder, with forward slashes. */
  entries: Record<string, ManifestEntry>;
}

export function sha256(...parts: Array<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** The manifest on disk; read and written synchronously, as part of a build's commit step. */
export function readManifest(outDir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    if (parsed.version === MANIFEST_VERSION && parsed.entries && typeof parsed.entries === 'object')
      return parsed;
  } catch {
    // Missing or damaged: everything is rebuilt, which is always correct.
  }
  return { version: MANIFEST_VERSION, entries: {} };
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  const sorted = Object.fromEntries(Object.entries(manifest.entries).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileAtomicSync(
    path.join(outDir, MANIFEST_FILE),
    new TextEncoder().encode(`${JSON.stringify({ version: MANIFEST_VERSION, entries: sorted }, null, 1)}\n`),
  );
}

/** True when the file is still the one the manifest recorded for these inputs. */
export async function isUpToDate(
  outDir: string,
  rel: string,
  inputs: string,
  manifest: Manifest,
): Promise<boolean> {
  const entry = manifest.entries[rel];
  if (!entry || entry.inputs !== inputs) return false;
  try {
    const s = await stat(path.join(outDir, rel));
    return s.size === entry.size && s.mtimeMs === entry.mtimeMs;
  } catch {
    return false;
  }
}

export function recordOutput(outDir: string, rel: string, inputs: string, manifest: Manifest): void {
  const s = statSync(path.join(outDir, rel));
  manifest.entries[rel] = { inputs, size: s.size, mtimeMs: s.mtimeMs };
}

/**
 * Hash of the files a template is made of (its main file and its partials, wherever each was found):
 * editing a partial rebuilds its documents.
 */
export function templateFilesHash(files: string[]): string {
  return sha256(...files.flatMap((f) => [path.basename(f), readFileSync(f)]));
}

/** Fonts by file identity (path, size, modification time): a font swapped in fonts/ rebuilds the PDFs. */
export function fontsHash(files: string[]): string {
  return sha256(
    ...[...new Set(files)].sort().map((f) => {
      const s = statSync(f);
      return `${f}\u0000${s.size}\u0000${s.mtimeMs}\n`;
    }),
  );
}

let engine: string | undefined;
/**
 * The rendering engine: its own code (document, template, render, output, fonts) and the versions of
 * the packages it renders with, Node's and zlib's. An upgraded jixiao, pdfmake, docx or Node rebuilds
 * everything even where content did not change.
 */
export function engineHash(): string {
  if (engine) return engine;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const parts: Array<string | Uint8Array> = [engineVersions()];
  for (const stage of ['document', 'template', 'render', 'output', 'fonts']) {
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(js|ts)$/.test(e.name)) parts.push(e.name, readFileSync(full));
      }
    };
    try {
      walk(path.join(root, stage));
    } catch {
      // A stage folder missing from a trimmed install only makes the hash coarser.
    }
  }
  engine = sha256(...parts);
  return engine;
}
