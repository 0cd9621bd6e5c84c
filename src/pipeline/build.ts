import path from 'node:path';
import type { ComputedUnit } from '../compute/unit.js';
import type { Finding, Findings } from '../diagnostics/finding.js';
import type { IntermediateDocument } from '../document/types.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { OutputTransaction, removeStaleTemps } from '../output/atomic.js';
import {
  engineHash,
  fontsHash,
  isUpToDate,
  readManifest,
  recordOutput,
  sha256,
  templateFolderHash,
  writeManifest,
} from '../output/manifest.js';
import {
  BUILTIN_TEMPLATES,
  renderDocx,
  renderPdf,
  renderTemplateToDocument,
  TemplateError,
} from '../render/index.js';
import { defaultPoolSize, RenderPool } from '../render/worker-pool.js';
import { findTemplate } from '../template/compile.js';
import { type CheckedContent, checkContent } from './check-content.js';
import { FontCoverage } from './font-coverage.js';
import { eachPlannedDocument } from './plan-documents.js';

export type OutputFormat = 'docx' | 'pdf';

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  formats: OutputFormat[];
  /** Keeps only units or documents whose id, name or document title contains one of these words. */
  only: string[];
  fonts: ResolvedFonts;
  /** Project templates/ folder that overrides jixiao's own, when present. */
  templateDirs: string[];
  cwd: string;
  /** Render every document even when its inputs did not change. */
  force?: boolean;
  /** A warm pool of render workers to use (watch keeps one across rebuilds); else one is started when a
   * build has enough documents to repay it. */
  pool?: RenderPool;
}

export interface BuiltFile {
  unit: string;
  kind: string;
  file: string;
}

export interface BuildResult {
  checked: CheckedContent;
  findings: Findings;
  /** Files rendered and written by this build. */
  written: BuiltFile[];
  /** Files whose inputs had not changed since they were written (left as they were). */
  unchanged: BuiltFile[];
  /** How long each rendered file took and how big it is, for the benchmark and the build summary. */
  timings: RenderTiming[];
  /** True when content or template errors stopped the build before anything was written. */
  stopped: boolean;
}

/** Where a unit's documents go: output/<year>/<unit folders…>/. */
export function unitOutputDir(outDir: string, unit: ComputedUnit): string {
  return path.join(outDir, ...unit.id.split('/'));
}

export interface RenderTiming {
  kind: string;
  format: OutputFormat;
  ms: number;
  bytes: number;
}

/** Below this many files, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 6;

interface Job {
  built: BuiltFile;
  rel: string;
  inputs: string;
  format: OutputFormat;
}

/**
 * check → view → template → intermediate document → DOCX/PDF → output/. Only documents whose inputs
 * changed since the manifest recorded them are rendered (`force` renders all). Everything is staged
 * first and put in place together: content or template errors, or a failed render, write nothing and
 * leave earlier outputs as they were.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const checked = await checkContent(options.contentDir, options.cwd);
  const findings = checked.findings;
  const stop = (): BuildResult => ({
    checked,
    findings,
    written: [],
    unchanged: [],
    timings: [],
    stopped: true,
  });
  if (findings.errorCount > 0) return stop();

  const outDir = path.resolve(options.cwd, options.outDir);
  await removeStaleTemps(outDir);
  const manifest = await readManifest(outDir);
  const fonts = fontsHash(Object.values(options.fonts).flatMap((f) => [f.regular.path, f.bold.path]));
  const jobs: Job[] = [];
  const unchanged: BuiltFile[] = [];
  const tx = new OutputTransaction();
  const timings: RenderTiming[] = [];
  // Rendering starts while later documents are still being planned: on a pool of worker threads once
  // there are enough jobs to repay starting it (or on the caller's warm pool), else here, one by one.
  const renders: Promise<void>[] = [];
  let pool = options.pool;
  let ownPool: RenderPool | undefined;
  // Jobs keep no document: once a worker has it, the main thread can let it go (memory stays flat).
  const local: Array<{ job: Job; doc: IntermediateDocument }> = [];
  const dispatch = (job: Job, doc: IntermediateDocument) => {
    const file = tx.reserve(job.built.file);
    renders.push(
      pool!.render({ doc, format: job.format, file }).then((done) => {
        timings.push({ kind: job.built.kind, format: job.format, ms: done.ms, bytes: done.bytes });
      }),
    );
  };
  const enqueue = async (job: Job, doc: IntermediateDocument) => {
    jobs.push(job);
    if (!pool && jobs.length >= POOL_THRESHOLD && defaultPoolSize() > 1) {
      pool = ownPool = new RenderPool(options.fonts);
      for (const waiting of local.splice(0)) dispatch(waiting.job, waiting.doc);
    }
    if (!pool) {
      local.push({ job, doc });
      return;
    }
    dispatch(job, doc);
    // Planning is faster than rendering: pause it while enough work waits for the workers.
    await pool.room(pool.size * 2);
  };
  try {
    const coverage = new FontCoverage(checked, options.fonts, findings);
    for (const planned of eachPlannedDocument(checked, options.only)) {
      let doc: IntermediateDocument;
      let templateFile: string;
      try {
        templateFile = findTemplate(planned.kind.template, [...options.templateDirs, BUILTIN_TEMPLATES]);
        doc = renderTemplateToDocument(planned.kind.template, planned.context, {
          templateDirs: options.templateDirs,
        });
      } catch (error) {
        if (error instanceof TemplateError) {
          findings.add(error.finding as Finding);
          continue;
        }
        throw error;
      }
      coverage.check(doc, planned.unit.id, planned.fileName);
      const base = path.join(unitOutputDir(outDir, planned.unit), planned.fileName);
      const viewHash = sha256(
        JSON.stringify(planned.context),
        templateFolderHash(templateFile),
        engineHash(),
      );
      for (const format of options.formats) {
        const file = `${base}.${format}`;
        const rel = path.relative(outDir, file).split(path.sep).join('/');
        const inputs = sha256(viewHash, format, format === 'pdf' ? fonts : '');
        const built = { unit: planned.unit.id, kind: planned.kind.id, file };
        if (!options.force && (await isUpToDate(outDir, rel, inputs, manifest))) unchanged.push(built);
        else await enqueue({ built, rel, inputs, format }, doc);
      }
    }
    if (findings.errorCount > 0) {
      await Promise.allSettled(renders);
      await tx.rollback();
      return stop();
    }
    for (const { job, doc } of local) {
      const render = job.format === 'docx' ? renderDocx : renderPdf;
      const started = performance.now();
      const bytes = await render(doc, { fonts: options.fonts });
      timings.push({
        kind: job.built.kind,
        format: job.format,
        ms: performance.now() - started,
        bytes: bytes.length,
      });
      await tx.stage(job.built.file, bytes);
    }
    const failed = (await Promise.allSettled(renders)).find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await tx.commit();
  } catch (error) {
    await Promise.allSettled(renders);
    await tx.rollback();
    throw error;
  } finally {
    await ownPool?.close();
  }
  for (const job of jobs) await recordOutput(outDir, job.rel, job.inputs, manifest);
  if (jobs.length > 0) await writeManifest(outDir, manifest);
  return { checked, findings, written: jobs.map((j) => j.built), unchanged, timings, stopped: false };
}
