import path from 'node:path';
import { formatFinding } from '../diagnostics/format.js';
import { resolveFonts } from '../fonts/resolve.js';
import { projectFolder } from '../load/project-folder.js';
import { discardOpenOutputs } from '../output/transaction.js';
import { renderCrashCount } from '../pipeline/render-crash.js';
import { watchAndBuild } from '../pipeline/watch.js';
import { type BuildArgs, buildSettings } from './build.js';
import type { CliIo } from './io.js';

const clock = () => new Date().toTimeString().slice(0, 8);

/** `jixiao watch`: an incremental build on every save, until Ctrl+C. */
export async function watchCommand(args: BuildArgs, io: CliIo, until?: Promise<void>): Promise<number> {
  const options = buildSettings(
    args,
    io,
    resolveFonts(projectFolder(args.dir, io.cwd), { system: args.systemFonts }),
  );
  const shown = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/');
  // After Ctrl+C a build still finishing is not reported (its staged files are already removed).
  let ended = false;
  const stop = await watchAndBuild(options, {
    rebuilt(result, ms) {
      if (ended) return;
      const source = (file: string) => result.checked.content.sources.get(file);
      const findings = result.findings.sorted();
      for (const f of findings) io.out(`${formatFinding(f, source)}\n`);
      if (result.outputFailed) {
        io.out(`[${clock()}] 未能写出文件，原有的输出文件保持不变；问题解决后保存任一文件即重新生成。`);
        return;
      }
      if (result.stopped) {
        // A crashed render worker is jixiao's failure, not the content's: it gets its own line.
        const crashes = renderCrashCount(findings);
        const errors = result.findings.errorCount - crashes;
        if (errors > 0) io.out(`[${clock()}] 有 ${errors} 个错误，未生成文件；改正并保存后自动重新生成。`);
        if (crashes > 0)
          io.out(
            `[${clock()}] 渲染线程意外退出（jixiao 内部错误，不是内容有误），未生成文件，原有的输出文件保持不变；渲染线程已重新启动，保存任一文件即重新生成。`,
          );
        return;
      }
      for (const w of result.written) io.out(`已写出 ${shown(w.file)}`);
      if (result.left.length > 0) {
        // The other units were built as usual (see build): only the units with errors wait for a fix.
        io.out(
          `[${clock()}] 有 ${result.findings.errorCount} 个错误，${result.left.map((u) => u.id).join('、')} 未生成文件；其余单位写出 ${result.written.length} 个文件，${result.unchanged.length} 个未变。改正并保存后自动重新生成。`,
        );
        return;
      }
      io.out(
        `[${clock()}] 生成完成（${Math.round(ms)} 毫秒）：写出 ${result.written.length} 个文件，${result.unchanged.length} 个未变，${result.findings.warningCount} 个警告。继续监视……`,
      );
    },
    unitsGone(ids) {
      io.out(
        `[${clock()}] 内容中已没有 ${ids.join('、')}（文件夹已删除或改名），不再生成它的文书；out/ 中已有的文件保留未动。`,
      );
    },
    watchError(error) {
      io.err(
        `[${clock()}] 有文件夹无法监视：${error instanceof Error ? error.message : String(error)}；其余继续监视……`,
      );
    },
    failed(error) {
      if (ended) return;
      io.err(`[${clock()}] 生成失败：${error instanceof Error ? error.message : String(error)}；继续监视……`);
    },
  });
  io.out(`正在监视 ${args.dir} 的修改（按 Ctrl+C 结束）。`);
  await (until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }));
  ended = true;
  stop();
  discardOpenOutputs();
  io.out('已停止监视。');
  return 0;
}
