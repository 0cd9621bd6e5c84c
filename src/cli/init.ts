import path from 'node:path';
import { initYear, type ReviewItem, type TodoItem } from '../authoring/init-year.js';
import { displayPath } from '../load/content-tree.js';
import { type CliIo, UsageError } from './io.js';

const YEAR = /^(19|20)\d{2}$/;

export interface InitOptions {
  year: string | undefined;
  from: string | undefined;
  dir: string;
  json: boolean;
}

/** `jixiao init YEAR --from PREVIOUS [目录]`: exit 0 created, 1 refused (nothing written), 2 usage. */
export async function initCommand(opts: InitOptions, io: CliIo): Promise<number> {
  if (opts.year === undefined) throw new UsageError('init 需要新年度，如 jixiao init 2025 --from 2024');
  if (!YEAR.test(opts.year)) throw new UsageError(`新年度应为四位年份，如 2025；这里是“${opts.year}”`);
  if (opts.from === undefined)
    throw new UsageError('init 需要用 --from 指定上年，如 jixiao init 2025 --from 2024');
  if (!YEAR.test(opts.from)) throw new UsageError(`--from 应为四位年份，如 2024；这里是“${opts.from}”`);
  const year = Number(opts.year);
  const fromYear = Number(opts.from);
  if (year <= fromYear) throw new UsageError(`新年度 ${year} 应晚于 --from 的年度 ${fromYear}`);

  const result = await initYear(opts.dir, fromYear, year, io.cwd);
  if (!result.ok) {
    if (opts.json)
      io.out(JSON.stringify({ created: false, message: result.message, problems: result.problems ?? [] }));
    else io.err([result.message, ...(result.problems ?? []).map((p) => `  ${p}`)].join('\n'));
    return 1;
  }
  const { plan, written, todo, review } = result;
  const target = displayPath(plan.targetDir, io.cwd);
  if (opts.json) {
    io.out(
      JSON.stringify(
        {
          created: `${target}/`,
          from: `${displayPath(plan.fromDir, io.cwd)}/`,
          units: plan.units,
          files: written,
          todo,
          review,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const lines = [
    `已根据 ${fromYear} 年度创建 ${year} 年度：${target}/（${plan.units.length} 个单位，${written.length} 个文件）`,
    ...written.map((f) => `  ${f}`),
  ];
  const required = todo.filter((t) => t.required);
  const optional = todo.filter((t) => !t.required && !t.file.endsWith('.md'));
  const narrative = todo.filter((t) => t.file.endsWith('.md'));
  if (required.length) {
    lines.push(
      '',
      `必须填写（${required.length} 项；这些字段的值是空的，jixiao check 会逐项报告，填好才能生成文书）：`,
    );
    lines.push(...grouped(required));
  }
  if (narrative.length) {
    lines.push('', `报告正文（${narrative.length} 节；标题保留，正文按本年度撰写）：`);
    lines.push(...grouped(narrative));
  }
  if (optional.length) {
    lines.push('', `年终自评或需要时填写（${optional.length} 项；文件中以“# 可填写：”标出，可不填）：`);
    lines.push(...summarised(optional));
  }
  lines.push(
    '',
    `沿用 ${fromYear} 年度的内容（单位信息、项目和任务名称、目标、指标和绩效标准），请按本年度核对：`,
  );
  lines.push(...reviewLines(review, fromYear));
  lines.push(
    '',
    `填好后运行 jixiao check ${path.posix.normalize(opts.dir.split(path.sep).join('/'))} 检查，再运行 jixiao build 生成文书。`,
  );
  io.out(lines.join('\n'));
  return 0;
}

function grouped(items: TodoItem[]): string[] {
  const out: string[] = [];
  let file: string | undefined;
  for (const t of items) {
    if (t.file !== file) {
      file = t.file;
      out.push(`  ${file}`);
    }
    out.push(`    第 ${t.line} 行：${t.text}`);
  }
  return out;
}

/** Optional items are many (a 完成值 per indicator): per file, each kind once with its count and first line. */
function summarised(items: TodoItem[]): string[] {
  const byFile = new Map<string, Map<string, number[]>>();
  for (const t of items) {
    const kind = t.text.replace(/^“[^”]*”的/, '').replace(/；\d{4} 年为.*$/, '');
    const kinds = byFile.get(t.file) ?? new Map<string, number[]>();
    kinds.set(kind, [...(kinds.get(kind) ?? []), t.line]);
    byFile.set(t.file, kinds);
  }
  const out: string[] = [];
  for (const [file, kinds] of byFile) {
    out.push(`  ${file}`);
    for (const [kind, lines] of kinds) {
      out.push(
        lines.length === 1
          ? `    第 ${lines[0]} 行：${kind}`
          : `    ${kind}：${lines.length} 处（第 ${lines[0]} 行起）`,
      );
    }
  }
  return out;
}

function reviewLines(review: ReviewItem[], fromYear: number): string[] {
  return review.flatMap((r) => [
    r.lines.length ? `  ${r.file}（第 ${r.lines.join('、')} 行提到 ${fromYear} 年）` : `  ${r.file}`,
    ...r.notes.map((n) => `    第 ${n.line} 行：${n.text}`),
  ]);
}
