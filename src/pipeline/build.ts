import path from 'node:path';
import type { Finding, Findings } from '../diagnostics/finding.js';
import type { IntermediateDocument } from '../document/types.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { displayPath } from '../load/content-tree.js';
import { fsErrorCode, outputFailure } from '../output/failure.js';
import {
  engineHash,
  fontsHash,
  isUpToDate,
  readManifest,
  sha256,
  templateFilesHash,
} from '../output/manifest.js';
import { createOutputFolder, outputFolderRefusal } from '../output/output-folder.js';
import { OutputTransaction, pauseWhenStagedForTest, recoverOutputFolder } from '../output/transaction.js';
import {
  BUILTIN_TEMPLATES,
  hasSheets,
  renderDocx,
  renderPdf,
  renderTemplateToDocument,
  renderXlsx,
  TemplateError,
} from '../render/index.js';
import { pdfPatchNotice } from '../render/pdf/patches.js';
import { defaultPoolSize, RenderCrash, RenderPool } from '../render/worker-pool.js';
import { templateSources } from '../template/compile.js';
import { type CheckedContent, checkContent } from './check-content.js';
import { FontCoverage } from './font-coverage.js';
import { askedFor, type LeftUnit, leftUnits, runErrors } from './left-units.js';
import { eachPlannedDocument, type PlannedDocument } from './plan-documents.js';
import { reportRenderCrash } from './render-crash.js';

export type OutputFormat = 'docx' | 'pdf' | 'xlsx';

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
  /** Write into an existing folder that holds files jixiao did not write. */
  forceOut?: boolean;
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
  /** True when errors that concern the whole run (a framework, a template, a failed render or write), or
   * content errors in every unit asked for, stopped the build: nothing was replaced. */
  stopped: boolean;
  /** Units asked for (all, or those `--only` matches) that were not built for content errors; their
   * earlier outputs stay as they were. */
  left: LeftUnit[];
  /** Units with content errors that `--only` did not ask for (not built either way). */
  notAsked: LeftUnit[];
  /** True when the output folder could not be used or written (a full disk, no permission): exit 2. */
  outputFailed: boolean;
  /** Files a killed build had left half put in place, which this build put in place first. */
  recovered: string[];
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
 * check → view → template → intermediate document → DOCX/PDF/XLSX → output/. Only documents whose inputs
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
  let recovered: string[] = [];
  // Units with content errors are left (see left-units.ts); the rest is built. Views may find more.
  const asked = (id: string) => askedFor(checked, id, options.only);
  const split = () => {
    const all = [...leftUnits(checked).values()];
    return { left: all.filter((u) => asked(u.id)), notAsked: all.filter((u) => !asked(u.id)) };
  };
  const stop = (outputFailed = false): BuildResult => ({
    checked,
    findings,
    written: [],
    unchanged: [],
    timings: [],
    stopped: true,
    ...split(),
    outputFailed,
    recovered,
  });
  const leftAtStart = leftUnits(checked);
  if (runErrors(checked) > 0) return stop();
  // Every unit asked for has errors: as before, nothing is written (no output folder is even made).
  const buildable = [...checked.folders.values()].filter((id) => asked(id) && !leftAtStart.has(id));
  if (buildable.length === 0 && split().left.length > 0) return stop();

  const outDir = path.resolve(options.cwd, options.outDir);
  const shown = (file: string) => displayPath(file, options.cwd);
  const refusal = outputFolderRefusal(
    outDir,
    path.resolve(options.cwd, options.contentDir),
    options.forceOut ?? false,
    shown,
  );
  if (refusal) {
    findings.error('output-folder-refused', refusal);
    return stop(true);
  }
  let step = `无法使用输出目录“${shown(outDir)}”`;
  try {
    createOutputFolder(outDir);
    step = '无法完成上次被中断的替换';
    recovered = recoverOutputFolder(outDir);
  } catch (error) {
    if (!fsErrorCode(error)) throw error;
    findings.add(outputFailure(step, error, '未生成任何文件。'));
    return stop(true);
  }
  const manifest = readManifest(outDir);
  const fonts = fontsHash(Object.values(options.fonts).flatMap((f) => [f.regular.path, f.bold.path]));
  const jobs: Job[] = [];
  const unchanged: BuiltFile[] = [];
  const tx = new OutputTransaction(outDir);
  const timings: RenderTiming[] = [];
  // Characters no font can show: checked by the worker that renders the PDF (its fonts are parsed).
  const coverage = new FontCoverage(checked, options.fonts, findings);
  // Rendering starts while later documents are still being planned, on the worker pool (on a single-core
  // machine, here, one by one). Jobs keep no document: once a worker has it, this thread lets it go.
  // A render or write that fails is kept, not left to reject unhandled; planning stops at it.
  const renders: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  const local: Array<{ job: Job; doc: IntermediateDocument }> = [];
  const dispatch = (job: Job, doc: IntermediateDocument) => {
    const file = tx.reserve(job.rel, job.inputs);
    renders.push(
      pool!.render({ doc, format: job.format, file }).then(
        (done) => {
          timings.push({ kind: job.built.kind, format: job.format, ms: done.ms, bytes: done.bytes });
          coverage.report(done.missing, job.built.unit, job.documentName);
        },
        (error: unknown) => {
          // A crashed worker fails only its job, as a finding; anything else stops the build.
          if (error instanceof RenderCrash)
            reportRenderCrash(findings, checked, error, { ...job, unit: job.built.unit });
          else failure ??= { error };
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
    const plan = async (planned: PlannedDocument) => {
      let templateFiles: string[];
      try {
        templateFiles = templateSources(planned.kind.template, [...options.templateDirs, BUILTIN_TEMPLATES]);
      } catch (error) {
        if (error instanceof TemplateError) {
          findings.add(error.finding as Finding);
          return;
        }
        throw error;
      }
      const templateFile = templateFiles[0]!;
      if (!templateHashes.has(templateFile))
        templateHashes.set(templateFile, templateFilesHash(templateFiles));
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
        // Names are made portable when planned; this only guards that nothing ever lands outside.
        if (rel.startsWith('../') || path.isAbsolute(rel)) throw new Error(`output outside --out: ${file}`);
        const inputs = sha256(viewHash, format, format === 'pdf' ? fonts : '');
        const built = { unit: planned.unit.id, kind: planned.kind.id, file };
        if (!options.force && (await isUpToDate(outDir, rel, inputs, manifest))) unchanged.push(built);
        else stale.push({ built, rel, inputs, format, documentName: planned.fileName });
      }
      if (stale.length === 0) return;
      let doc: IntermediateDocument;
      try {
        doc = renderTemplateToDocument(planned.kind.template, planned.context, {
          templateDirs: options.templateDirs,
        });
      } catch (error) {
        if (error instanceof TemplateError) {
          findings.add(error.finding as Finding);
          return;
        }
        throw error;
      }
      // A document without a table (a report without its appendix) has no workbook: no XLSX is written.
      for (const job of stale) if (job.format !== 'xlsx' || hasSheets(doc)) await enqueue(job, doc);
    };
    // A department's documents (a unit and its sub-units, which come together) are planned before any is
    // rendered: a view error in one of them (a narrative naming no figure) leaves that unit, its parents
    // and its sub-units, so none of their documents may be staged before the whole department is viewed.
    // Errors the views and names find are content errors; any other error (a template) stops the build.
    let contentErrors = findings.errorCount;
    let department: PlannedDocument[] = [];
    const flush = async () => {
      const left = leftUnits(checked);
      for (const planned of department) {
        if (failure) break;
        if (!left.has(planned.unit.id)) await plan(planned);
      }
      department = [];
    };
    const documents = eachPlannedDocument(checked, options.only, (u) => !leftAtStart.has(u.id));
    while (!failure) {
      const before = findings.errorCount;
      const next = documents.next();
      contentErrors += findings.errorCount - before;
      if (next.done) break;
      const last = department[department.length - 1];
      if (last && !sameDepartment(last.unit.id, next.value.unit.id)) await flush();
      department.push(next.value);
    }
    await flush();
    const runFailed = () => findings.errorCount > contentErrors || runErrors(checked) > 0;
    if (runFailed() && !failure) {
      await Promise.all(renders);
      tx.rollback();
      return stop();
    }
    for (const { job, doc } of local) {
      if (job.format === 'pdf') coverage.check(doc, job.built.unit, job.documentName);
      const render = { docx: renderDocx, pdf: renderPdf, xlsx: renderXlsx }[job.format];
      const started = performance.now();
      const bytes = await render(doc, { fonts: options.fonts });
      timings.push({
        kind: job.built.kind,
        format: job.format,
        ms: performance.now() - started,
        bytes: bytes.length,
      });
      await tx.stage(job.rel, job.inputs, bytes);
    }
    await Promise.all(renders);
    if (failure) throw failure.error;
    // Also when the views left every unit asked for: as above, nothing is replaced.
    if (runFailed() || (jobs.length + unchanged.length === 0 && split().left.length > 0)) {
      tx.rollback();
      return stop();
    }
    await pauseWhenStagedForTest();
  } catch (error) {
    await Promise.all(renders);
    tx.rollback();
    if (!fsErrorCode(error)) throw error;
    findings.add(
      outputFailure(
        `无法写出${stagedFileOf(error, tx, outDir, shown)}`,
        error,
        '已删除本次的临时文件，没有替换任何文件，原有的输出文件保持不变。',
      ),
    );
    return stop(true);
  }
  try {
    tx.commit(manifest);
  } catch (error) {
    if (!fsErrorCode(error)) throw error;
    findings.add(
      tx.replacing
        ? outputFailure(
            '替换输出文件时出错',
            error,
            '部分文件已替换；关闭占用文件的程序后再运行一次 jixiao build，它会先完成这次替换，使全部文件一致。',
          )
        : outputFailure('无法开始替换输出文件', error, '没有替换任何文件，原有的输出文件保持不变。'),
    );
    return stop(true);
  }
  // Said once a build: patches off (another engine version, JIXIAO_PDF_PATCHES=0) make PDFs slower.
  const patchNotice = jobs.some((j) => j.format === 'pdf') ? pdfPatchNotice() : undefined;
  if (patchNotice) findings.warning('pdf-patches-off', patchNotice);
  return {
    checked,
    findings,
    written: jobs.map((j) => j.built),
    unchanged,
    timings,
    stopped: false,
    ...split(),
    outputFailed: false,
    recovered,
  };
}

/** Units in one top-level folder of a year (a department and its sub-units): planned together. */
function sameDepartment(a: string, b: string): boolean {
  const top = (id: string) => id.split('/').slice(0, 2).join('/');
  return top(a) === top(b);
}

/** The output file a failed write was for (a worker's error names its staged path), for the finding. */
function stagedFileOf(
  error: unknown,
  tx: OutputTransaction,
  outDir: string,
  shown: (file: string) => string,
): string {
  const file = (error as { path?: unknown }).path;
  if (typeof file !== 'string') return '输出文件';
  const rel = path.relative(tx.staging, file);
  const target = !rel.startsWith('..') && !path.isAbsolute(rel) ? path.join(outDir, rel) : file;
  return `“${shown(target)}”`;
}
