import path from 'node:path';
import { formatFinding } from '../diagnostics/format.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { formatFontReport, resolveFonts } from '../fonts/resolve.js';
import { projectFolder } from '../load/project-folder.js';
import { discardOpenOutputs } from '../output/transaction.js';
import { type BuildOptions, type BuildResult, build, type OutputFormat } from '../pipeline/build.js';
import { projectTemplateDirs } from '../pipeline/check-templates.js';
import { leftReason, unitOfFinding } from '../pipeline/left-units.js';
import { renderCrashCount } from '../pipeline/render-crash.js';
import { type CliIo, UsageError } from './io.js';

export interface BuildArgs {
  dir: string;
  out: string;
  format: string | undefined;
  only: string | undefined;
  force: boolean;
  /** Write into a folder that holds files jixiao did not write. */
  forceOut: boolean;
  json: boolean;
}

function parseFormats(text: string | undefined): OutputFormat[] {
  if (text === undefined) return ['docx', 'pdf'];
  const formats = text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  for (const f of formats)
    if (f !== 'docx' && f !== 'pdf' && f !== 'xlsx')
      throw new UsageError(`--format 只能是 docx、pdf、xlsx 或用逗号连写（如 docx,pdf,xlsx），却是“${f}”`);
  if (formats.length === 0) throw new UsageError('--format 不能为空');
  return [...new Set(formats)] as OutputFormat[];
}

const shown = (io: CliIo, file: string) => path.relative(io.cwd, file).split(path.sep).join('/');

/** The build options a command line gives: formats, --only words, the project's own templates. */
export function buildSettings(args: BuildArgs, io: CliIo, fonts: ResolvedFonts): BuildOptions {
  return {
    contentDir: args.dir,
    outDir: path.resolve(io.cwd, args.out),
    formats: parseFormats(args.format),
    only: (args.only ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    fonts,
    templateDirs: projectTemplateDirs(projectFolder(args.dir, io.cwd)),
    cwd: io.cwd,
    force: args.force,
    forceOut: args.forceOut,
  };
}

/**
 * Ctrl+C and SIGTERM during a build: staged files are removed and the earlier outputs stay as they were
 * (the commit step is synchronous, so a signal comes before it or after it, never in the middle).
 */
export function onInterrupt(io: CliIo): () => void {
  const handler = (signal: NodeJS.Signals) => {
    const dropped = discardOpenOutputs();
    io.err(dropped > 0 ? '已中断：已删除本次的临时文件，原有的输出文件保持不变。' : '已中断。');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function buildCommand(args: BuildArgs, io: CliIo): Promise<number> {
  const fonts = resolveFonts(projectFolder(args.dir, io.cwd));
  const options = buildSettings(args, io, fonts);
  const only = options.only;
  const restore = onInterrupt(io);
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build(options);
  } finally {
    restore();
  }
  const findings = result.findings.sorted();
  // A crashed render worker is jixiao's failure, not the content's: exit 2 like any internal error.
  const crashes = renderCrashCount(findings);
  const exit = result.outputFailed || crashes > 0 ? 2 : result.stopped || result.left.length > 0 ? 1 : 0;
  const files = result.written.map((w) => ({ ...w, file: shown(io, w.file) }));
  const unchanged = result.unchanged.map((w) => ({ ...w, file: shown(io, w.file) }));
  const left = (units: BuildResult['left']) =>
    units.map((u) => ({ unit: u.id, name: u.name, errors: u.errors, related: u.related }));
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          written: files,
          unchanged,
          recovered: result.recovered,
          left: left(result.left),
          notAsked: left(result.notAsked),
          findings,
          stats: {
            // Peak resident memory of the whole process (worker threads included), in MB.
            maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
            renders: result.timings.map((t) => ({ ...t, ms: Math.round(t.ms) })),
          },
          errors: result.findings.errorCount,
          warnings: result.findings.warningCount,
        },
        null,
        2,
      ),
    );
    return exit;
  }
  const source = (file: string) => result.checked.content.sources.get(file);
  if (result.recovered.length > 0)
    io.out(`上次生成在替换文件时被中断，已先完成那次替换（${result.recovered.length} 个文件）。`);
  // Problems of units --only did not ask for are not listed: `check` shows them.
  const notAsked = new Set(result.notAsked.map((u) => u.id));
  const listed = findings.filter((f) => !notAsked.has(unitOfFinding(result.checked, f) ?? ''));
  for (const f of listed) io.out(`${formatFinding(f, source)}\n`);
  if (result.outputFailed) {
    io.out('未能写出文件。');
    return 2;
  }
  const errors = listed.filter((f) => f.severity === 'error').length;
  const warnings = listed.length - errors;
  const leftLines = () => {
    const all = new Map([...result.left, ...result.notAsked].map((u) => [u.id, u]));
    for (const u of result.left) io.out(`  ${u.id}（${u.name}）：${leftReason(u, all)}`);
  };
  const notAskedLine = () => {
    if (result.notAsked.length === 0) return;
    io.out(
      `另有 ${result.notAsked.length} 个单位有错误（${result.notAsked.map((u) => u.id).join('、')}），不在 --only ${only.join(',')} 之内，未生成；运行 jixiao check 可查看这些问题。`,
    );
  };
  if (result.stopped) {
    if (errors - crashes > 0)
      io.out(`内容有 ${errors - crashes} 个错误，未生成任何文件；原有的输出文件保持不变。`);
    if (crashes > 0)
      io.out(
        `渲染线程意外退出（jixiao 内部错误，不是内容有误），未生成任何文件；原有的输出文件保持不变。请再运行一次 jixiao build；如反复出现，请检查内存是否充足。`,
      );
    if (result.left.length > 0) {
      io.out('有错误的单位：');
      leftLines();
    }
    notAskedLine();
    return exit;
  }
  for (const f of files) io.out(`已写出 ${f.file}`);
  if (files.length === 0 && unchanged.length === 0) {
    io.out(only.length ? `没有与 --only ${only.join(',')} 匹配的文书。` : '没有可生成的文书。');
  } else if (files.length > 0) {
    io.out('字体：');
    for (const line of formatFontReport(fonts, io.cwd)) io.out(`  ${line}`);
  }
  if (result.left.length > 0) {
    io.out(
      `以下 ${result.left.length} 个单位因内容有错误未生成（它们原有的输出文件保持不变），其余单位照常生成：`,
    );
    leftLines();
  }
  notAskedLine();
  const kept = unchanged.length
    ? `，${unchanged.length} 个文件内容未变、保持原样（--force 可全部重新生成）`
    : '';
  const leftText = result.left.length
    ? `；${result.left.length} 个单位未生成，共 ${errors} 个错误，请先修正`
    : '';
  io.out(`生成完成：写出 ${files.length} 个文件${kept}，${warnings} 个警告${leftText}。`);
  return exit;
}
