import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatFinding } from '../diagnostics/format.js';
import { importWorkbooks, type WorkbookInput } from '../import/import-workbook.js';
import { writeUnitFolder } from '../import/write-folder.js';
import { displayPath } from '../load/content-tree.js';
import { type CliIo, UsageError } from './io.js';

export interface ImportOptions {
  files: string[];
  out: string | undefined;
  force: boolean;
  json: boolean;
}

/**
 * `jixiao import FILE.xlsx… [--out 目录] [--force]`: one unit's content from one or more workbooks (the
 * national form comes one workbook per project). Exit 0 written
 * (warnings allowed), 1 errors in the workbook or the folder exists (nothing written), 2 usage.
 */
export async function importCommand(opts: ImportOptions, io: CliIo): Promise<number> {
  if (opts.files.length === 0)
    throw new UsageError('import 需要一个 Excel 文件，如 jixiao import 2020年自评表.xlsx');
  if (opts.out !== undefined && opts.out.trim() === '')
    throw new UsageError('--out 不能为空：请写出单位文件夹，如 --out content/2020/longgang');
  const inputs: WorkbookInput[] = [];
  for (const file of opts.files) {
    const absolute = path.resolve(io.cwd, file);
    const shown = displayPath(absolute, io.cwd);
    try {
      inputs.push({ data: await readFile(absolute), shown });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : '无法读取';
      return refuse(io, opts.json, `无法导入 ${shown}：${why}，没有写入任何文件`);
    }
  }
  const first = path.resolve(io.cwd, opts.files[0]!);
  const result = await importWorkbooks(inputs);
  const findings = result.findings.sorted();
  const printFindings = () => {
    for (const f of findings) io.out(`${formatFinding(f, () => undefined)}\n`);
  };
  const counts = `${result.findings.errorCount} 个错误，${result.findings.warningCount} 个警告`;
  let outDir = opts.out;
  if (outDir === undefined && result.year !== undefined)
    outDir = path.join('content', String(result.year), path.basename(first).replace(/\.xlsx$/i, ''));
  const report = (written: string[] | undefined, message: string) => {
    if (opts.json)
      io.out(
        JSON.stringify(
          {
            files: inputs.map((i) => i.shown),
            tables: result.tables,
            ...(outDir !== undefined ? { out: displayPath(path.resolve(io.cwd, outDir), io.cwd) } : {}),
            written: written ?? [],
            findings,
            errors: result.findings.errorCount,
            warnings: result.findings.warningCount,
            message,
          },
          null,
          2,
        ),
      );
    else {
      for (const t of result.tables) io.out(`识别到 ${t}`);
      if (findings.length) io.out('');
      printFindings();
      io.out(message);
      for (const w of written ?? []) io.out(`  ${w}`);
    }
  };
  if (result.findings.errorCount > 0) {
    report(undefined, `导入未完成：${counts}；没有写入任何文件。请在 Excel 中改正后再导入。`);
    return 1;
  }
  if (outDir === undefined) {
    report(
      undefined,
      '表中没有年度（标题中的“2020年”或“（2024年度）”），不知道写到哪个年度：请用 --out 指定单位文件夹，如 --out content/2020/单位名',
    );
    return 1;
  }
  const target = path.resolve(io.cwd, outDir);
  const targetShown = displayPath(target, io.cwd);
  const state = await writeUnitFolder(target, result.files, opts.force);
  if (state === 'exists') {
    report(
      undefined,
      `${targetShown}/ 已存在，没有写入任何文件；要覆盖其中同名的文件，请加 --force，或用 --out 指定另一个文件夹`,
    );
    return 1;
  }
  const files = result.files.map((f) => `${targetShown}/${f.name}`);
  report(files, `已导入到 ${targetShown}/（${counts}）：`);
  if (!opts.json) io.out(`请运行 jixiao check ${targetShown} 核对导入的内容。`);
  return 0;
}

function refuse(io: CliIo, json: boolean, message: string): number {
  if (json) io.out(JSON.stringify({ error: message, findings: [] }, null, 2));
  else io.err(message);
  return 1;
}
