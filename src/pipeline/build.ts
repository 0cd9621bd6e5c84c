import path from 'node:path';
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
import { defaultPoolSize, RenderCrash, RenderPool } from '../render/worker-pool.js';
import { findTemplate } from '../template/compile.js';
import { type CheckedContent, checkContent } from './check-content.js';
import { FontCoverage } from './font-coverage.js';
import { eachPlannedDocument } from './plan-documents.js';
import { reportRenderCrash } from './render-crash.js';

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

export interface RenderTiming {
  kind: string;
  format: OutputFormat;
  ms: number;
  bytes: number;
}

interface Job {
  built: BuiltFile;
  rel: string;
  inputs: string;
  format: OutputFormat;
  /** The document's name, for findings about it. */
  documentName: string;
}

/**
 * check → view → template → intermediate document → DOCX/PDF → output/. Only documents whose inputs
 * changed since the manifest recorded them are rendered (`force` renders all). Everything is staged
 * first and put in place together: content or template errors, or a failed render, write nothing and
 * leave earlier outputs as they were.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  // Workers start first: they load the renderers and parse the fonts while this thread checks the content.
  const ownPool = options.pool || defaultPoolSize() < 2 ? undefined : new RenderPool(options.fonts);
  try {
    return await buildWith(options, options.pool ?? ownPool);
  } finally {
    await ownPool?.close();
  }
}

async function buildWith(options: BuildOptions, pool: RenderPool | undefined): Promise<BuildResult> {
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
  // Characters no font can show: checked by the worker that renders the PDF (its fonts are parsed).
  const coverage = new FontCoverage(checked, options.fonts, findings);
  // Rendering starts while later documents are still being planned, on the worker pool (on a single-core
  // machine, here, one by one). Jobs keep no document: once a worker has it, this thread lets it go.
  const renders: Promise<void>[] = [];
  const local: Array<{ job: Job; doc: IntermediateDocument }> = [];
  const dispatch = (job: Job, doc: IntermediateDocument) => {
    const file = tx.reserve(job.built.file);
    renders.push(
      pool!.render({ doc, format: job.format, file }).then(
        (done) => {
          timings.push({ kind: job.built.kind, format: job.format, ms: done.ms, bytes: done.bytes });
          coverage.report(done.missing, job.built.unit, job.documentName);
        },
        (error) => {
          if (!(error instanceof RenderCrash)) throw error;
          reportRenderCrash(findings, checked, error, { ...job, unit: job.built.unit });
        },
      ),
    );
  };
  const enqueue = async (job: Job, doc: IntermediateDocument) => {
    jobs.push(job);
    if (!pool) {
      local.push({ job, doc });
      return;
    }
    dispatch(job, doc);
    // Planning is faster than rendering: pause it while enough work waits for the workers.
    await pool.room(pool.size * 2);
  };
  try {
    // A template folder is hashed once a build; a document whose inputs are all unchanged is not even
    // laid out (watch mode re-renders a saved figure's documents and nothing else).
    const templateHashes = new Map<string, string>();
    for (const planned of eachPlannedDocument(checked, options.only)) {
      let templateFile: string;
      try {
        templateFile = findTemplate(planned.kind.template, [...options.templateDirs, BUILTIN_TEMPLATES]);
      } catch (error) {
        if (error instanceof TemplateError) {
          findings.add(error.finding as Finding);
          continue;
        }
        throw error;
      }
      if (!templateHashes.has(templateFile))
        templateHashes.set(templateFile, templateFolderHash(templateFile));
      const base = path.join(outDir, ...planned.folder, planned.fileName);
      const viewHash = sha256(
        JSON.stringify(planned.context),
        templateHashes.get(templateFile)!,
        engineHash(),
      );
      const stale: Job[] = [];
      for (const format of options.formats) {
        const file = `${base}.${format}`;
        const rel = path.relative(outDir, file).split(path.sep).join('/');
        const inputs = sha256(viewHash, format, format === 'pdf' ? fonts : '');
        const built = { unit: planned.unit.id, kind: planned.kind.id, file };
        if (!options.force && (await isUpToDate(outDir, rel, inputs, manifest))) unchanged.push(built);
        else stale.push({ built, rel, inputs, format, documentName: planned.fileName });
      }
      if (stale.length === 0) continue;
      let doc: IntermediateDocument;
      try {
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
      for (const job of stale) await enqueue(job, doc);
    }
    if (findings.errorCount > 0) {
      await Promise.allSettled(renders);
      await tx.rollback();
      return stop();
    }
    for (const { job, doc } of local) {
      if (job.format === 'pdf') coverage.check(doc, job.built.unit, job.documentName);
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
    if (findings.errorCount > 0) {
      await tx.rollback();
      return stop();
    }
    await tx.commit();
  } catch (error) {
    await Promise.allSettled(renders);
    await tx.rollback();
    throw error;
  }
  for (const job of jobs) await recordOutput(outDir, job.rel, job.inputs, manifest);
  if (jobs.length > 0) await writeManifest(outDir, manifest);
  return { checked, findings, written: jobs.map((j) => j.built), unchanged, timings, stopped: false };
}
