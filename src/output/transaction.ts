/**
 * A build's files are committed as one step. Each file is rendered into a staging folder inside the
 * output folder (`.jixiao-staging/<pid>-<random>/`, mirroring the output tree); when every document has
 * rendered, a journal (`.jixiao-commit.json`) listing them is written, the files are renamed into place
 * and recorded in the manifest, and the journal is removed. The commit is synchronous, so Ctrl+C waits
 * for it; a run killed in the middle of it (power cut, SIGKILL) leaves the journal, and the next build
 * finishes the renames before anything else, so a DOCX and its PDF never stay from different builds.
 * A failure before the commit removes the staging folder and leaves the earlier outputs untouched.
 *
 * Only what this records is ever deleted: staging folders of runs no longer alive and the journal.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { processAlive, removeStaleTemps, writeDurably, writeFileAtomicSync } from './atomic.js';
import { MANIFEST_FILE, type Manifest, readManifest, recordOutput, writeManifest } from './manifest.js';

export const STAGING_DIR = '.jixiao-staging';
export const JOURNAL_FILE = '.jixiao-commit.json';
const STAGING_ID = /^(\d+)-[0-9a-f]{8}$/;

interface StagedFile {
  /** Path below the output folder, with forward slashes. */
  rel: string;
  /** The manifest's inputs hash for it. */
  inputs: string;
}

interface Journal {
  version: 1;
  /** The staging folder's name under STAGING_DIR. */
  staging: string;
  files: StagedFile[];
}

/** Transactions of this process not yet committed or rolled back: what Ctrl+C must clean up. */
const open = new Set<OutputTransaction>();

export class InterruptedError extends Error {
  constructor() {
    super('生成已中断');
  }
}

export class OutputTransaction {
  readonly id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly staging: string;
  private readonly files: StagedFile[] = [];
  private discarded = false;
  /** True once the journal is written: from then on a failure is completed by the next run, not undone. */
  replacing = false;

  constructor(readonly outDir: string) {
    this.staging = path.join(outDir, STAGING_DIR, this.id);
    open.add(this);
  }

  /** The staging path of an output file, for a writer elsewhere (a render worker) to fill. */
  reserve(rel: string, inputs: string): string {
    if (this.discarded) throw new InterruptedError();
    const file = stagedPath(this.staging, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    this.files.push({ rel, inputs });
    return file;
  }

  async stage(rel: string, inputs: string, data: Uint8Array): Promise<void> {
    await writeDurably(this.reserve(rel, inputs), data);
  }

  /** Puts every staged file in place and records it in the manifest, as one step (see above). */
  commit(manifest: Manifest): void {
    if (this.discarded) throw new InterruptedError();
    open.delete(this);
    if (this.files.length === 0) {
      removeStaging(this.outDir, this.staging);
      return;
    }
    const journal: Journal = { version: 1, staging: this.id, files: this.files };
    try {
      writeFileAtomicSync(
        path.join(this.outDir, JOURNAL_FILE),
        new TextEncoder().encode(`${JSON.stringify(journal)}\n`),
      );
    } catch (error) {
      removeStaging(this.outDir, this.staging);
      throw error;
    }
    this.replacing = true;
    finish(this.outDir, journal, manifest);
  }

  /** Drops every staged file; the output folder is as it was before the build. */
  rollback(): void {
    open.delete(this);
    removeStaging(this.outDir, this.staging);
  }

  /** For a signal handler: drops the staged files now; the build's later steps then fail. */
  discard(): void {
    this.discarded = true;
    this.rollback();
  }
}

/** Removes the staged files of every build in progress in this process (Ctrl+C, SIGTERM). */
export function discardOpenOutputs(): number {
  const count = open.size;
  for (const tx of [...open]) tx.discard();
  return count;
}

function stagedPath(staging: string, rel: string): string {
  return path.join(staging, ...rel.split('/'));
}

function finish(outDir: string, journal: Journal, manifest: Manifest): void {
  const staging = path.join(outDir, STAGING_DIR, journal.staging);
  let moved = 0;
  for (const f of journal.files) {
    const from = stagedPath(staging, f.rel);
    // Already in place when an interrupted commit is completed.
    if (!existsSync(from)) continue;
    const to = path.join(outDir, ...f.rel.split('/'));
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    if (++moved === 1) pauseInCommitForTest();
  }
  for (const f of journal.files) {
    try {
      recordOutput(outDir, f.rel, f.inputs, manifest);
    } catch {
      // Gone since (deleted by hand): the next build renders it again.
    }
  }
  writeManifest(outDir, manifest);
  rmSync(path.join(outDir, JOURNAL_FILE), { force: true });
  removeStaging(outDir, staging);
}

/**
 * Test hooks, so a test can stop a build at a given moment and kill it there. JIXIAO_TEST_PAUSE=commit
 * blocks the commit after its first rename (the worst moment for a power cut); =staged waits, signals
 * still handled, once every file is staged and before the commit. Each says so on stderr first.
 */
function pauseInCommitForTest(): void {
  if (process.env.JIXIAO_TEST_PAUSE !== 'commit') return;
  writeSync(2, 'JIXIAO_TEST_PAUSED\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

export async function pauseWhenStagedForTest(): Promise<void> {
  if (process.env.JIXIAO_TEST_PAUSE !== 'staged') return;
  writeSync(2, 'JIXIAO_TEST_PAUSED\n');
  await new Promise(() => setInterval(() => {}, 60_000));
}

function removeStaging(outDir: string, staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  try {
    rmdirSync(path.join(outDir, STAGING_DIR));
  } catch {
    // Not empty (another build's staging) or already gone.
  }
}

/** True when no live build owns this staging folder. */
function abandoned(id: string): boolean {
  const pid = Number(STAGING_ID.exec(id)?.[1]);
  if (pid === process.pid) return ![...open].some((tx) => tx.id === id);
  return !processAlive(pid);
}

function readJournal(outDir: string): Journal | undefined {
  let parsed: Journal;
  try {
    parsed = JSON.parse(readFileSync(path.join(outDir, JOURNAL_FILE), 'utf8')) as Journal;
  } catch {
    return undefined;
  }
  const safe = (rel: unknown) =>
    typeof rel === 'string' &&
    rel !== '' &&
    !path.isAbsolute(rel) &&
    !rel.split(/[/\\]/).some((s) => s === '..' || s === '' || s === '.');
  if (
    parsed?.version !== 1 ||
    typeof parsed.staging !== 'string' ||
    !STAGING_ID.test(parsed.staging) ||
    !Array.isArray(parsed.files) ||
    !parsed.files.every((f) => safe(f?.rel) && typeof f.inputs === 'string')
  )
    return undefined;
  return parsed;
}

/**
 * Before a build: completes a commit a killed build left half-done (returns the files it put in place),
 * then removes what killed builds left behind: their staging folders, and temporaries beside files the
 * manifest lists. Nothing else in the output folder is touched.
 */
export function recoverOutputFolder(outDir: string): string[] {
  const completed: string[] = [];
  const journal = readJournal(outDir);
  if (journal && abandoned(journal.staging)) {
    const staging = path.join(outDir, STAGING_DIR, journal.staging);
    for (const f of journal.files) if (existsSync(stagedPath(staging, f.rel))) completed.push(f.rel);
    finish(outDir, journal, readManifest(outDir));
  } else if (!journal) {
    // A journal we cannot read lists nothing we could complete; the manifest's sizes and times make
    // the next build render again whatever it left mixed.
    rmSync(path.join(outDir, JOURNAL_FILE), { force: true });
  }
  let ids: string[] = [];
  try {
    ids = readdirSync(path.join(outDir, STAGING_DIR));
  } catch {
    // No staging folder: nothing was left.
  }
  for (const id of ids)
    if (STAGING_ID.test(id) && abandoned(id) && id !== journal?.staging)
      removeStaging(outDir, path.join(outDir, STAGING_DIR, id));
  const manifest = readManifest(outDir);
  removeStaleTemps(
    [MANIFEST_FILE, JOURNAL_FILE, ...Object.keys(manifest.entries)].map((rel) =>
      path.join(outDir, ...rel.split('/')),
    ),
  );
  return completed;
}
