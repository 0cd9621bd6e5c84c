import path from 'node:path';
import { formatFinding } from '../diagnostics/format.js';
import { resolveFonts } from '../fonts/resolve.js';
import { watchAndBuild } from '../pipeline/watch.js';
import { type BuildArgs, buildSettings } from './build.js';
import type { CliIo } from './io.js';

const clock = () => new Date().toTimeString().slice(0, 8);

/** `jixiao watch`: an incremental build on every save, until Ctrl+C. */
export async function watchCommand(args: BuildArgs, io: CliIo, until?: Promise<void>): Promise<number> {
  const options = buildSettings(args, io, resolveFonts(io.cwd));
  const shown = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/');
  const stop = await watchAndBuild(options, {
    rebuilt(result, ms) {
      const source = (file: string) => result.checked.content.sources.get(file);
      for (const f of result.findings.sorted()) io.out(`${formatFinding(f, source)}\n`);
      if (result.stopped) {
        io.out(
          `[${clock()}] 有 ${result.findings.errorCount} 个错误，未生成文件；改正并保存后自动重新生成。`,
        );
        return;
      }
      for (const w of result.written) io.out(`已写出 ${shown(w.file)}`);
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
      io.err(`[${clock()}] 生成失败：${error instanceof Error ? error.message : String(error)}；继续监视……`);
    },
  });
  io.out(`正在监视 ${args.dir} 的修改（按 Ctrl+C 结束）。`);
  await (until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    }));
  stop();
  io.out('已停止监视。');
  return 0;
}
