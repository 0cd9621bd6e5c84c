import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closest } from '../validate/suggest.js';
import type { BuildArgs } from './build.js';
import { checkCommand } from './check.js';
import { type CliIo, processIo, UsageError } from './io.js';
import { schemaCommand } from './schema.js';

const USAGE = `用法：jixiao <命令> [选项]

命令：
  check [目录]            检查内容（默认 content/），显示汇总和问题
  build [目录]            检查并生成全部文书（DOCX 和 PDF）到 output/
      --out 目录          输出目录（默认 output/）
      --format docx,pdf   只生成某几种格式（docx、pdf、xlsx；默认 docx,pdf）
      --only 词[,词]      只生成单位或文书名称中包含这些词的文书
      --force             忽略上次生成记录，全部重新生成
      --force-out         输出目录中已有不是 jixiao 生成的文件时，仍然写入
      --system-fonts      项目 fonts/ 中没有的字体，也到本机系统字体目录中找（PDF 会随电脑而不同）
  watch [目录]            先生成一次，之后每次保存内容文件、模板或评价框架时自动重新生成有变化的文书
  schema [--out 目录]     生成内容文件和评分规则文件的 JSON Schema（默认写到 schema/）
  fonts [--system-fonts]  显示每种字体角色使用的字体、文件和来源
  forms [目录]            列出可用的文书（含各区域包）及其文件所在位置
  forms eject 名称 [目录] 把一份文书的模板复制到项目的 templates/ 中修改（已有时加 --force 覆盖）
  init 年度 --from 上年 [目录]
                          根据上年的内容创建新年度（如 init 2025 --from 2024），列出要填写的内容
  diff 版本 [目录]        列出与 git 版本（如 HEAD）相比，各文书中有变化的数字
  import 文件.xlsx [文件…] 把 Excel 表（部门预算项目绩效自评表、项目支出绩效自评表、绩效目标表）导入为一个单位的内容
      --out 目录          写到的单位文件夹（默认 content/<表中的年度>/<文件名>）
      --force             单位文件夹已存在时，覆盖其中同名的文件

通用选项：
  --json                  以 JSON 输出结果
  --debug                 出现内部错误时显示调用栈
  -v, --version           显示 jixiao 的版本
  -h, --help              显示本帮助`;

const COMMANDS = ['check', 'build', 'watch', 'schema', 'fonts', 'forms', 'init', 'diff', 'import', 'help'];

const OPTIONS = {
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  out: { type: 'string' },
  format: { type: 'string' },
  only: { type: 'string' },
  force: { type: 'boolean' },
  'force-out': { type: 'boolean' },
  'system-fonts': { type: 'boolean' },
  from: { type: 'string' },
} as const;

/** What a string option's value looks like, for the message when it is missing. */
const OPTION_EXAMPLES: Record<string, string> = {
  out: '--out output',
  format: '--format pdf',
  only: '--only 福田',
  from: '--from 2024',
};

type Values = {
  -readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

/** The version in jixiao's package.json (beside src/ and dist/ alike). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Runs one command; returns the exit code (0 ok, 1 problems in content, 2 usage or internal failure). */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const debug = options.includes('--debug');
  // A program reading --json gets JSON for a failure too; the person at the terminal gets the line on stderr.
  const json = options.includes('--json');
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      if (json) {
        io.out(JSON.stringify({ error: message, findings: [] }, null, 2));
        io.err(`${message}（jixiao --help 显示用法）`);
      } else io.err(`${message}\n\n${USAGE}`);
      return 2;
    }
    if (json) io.out(JSON.stringify({ error: `jixiao 内部错误：${message}`, findings: [] }, null, 2));
    io.err(`jixiao 内部错误：${message}`);
    if (debug && error instanceof Error && error.stack) io.err(error.stack);
    else io.err('（加 --debug 可显示调用栈，便于报告问题）');
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.version) {
    io.out(values.json ? JSON.stringify({ version: version() }) : `jixiao ${version()}`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const json = values.json ?? false;
  switch (command) {
    case 'check':
      if (rest.length > 1) throw new UsageError('check 只接受一个目录');
      return checkCommand(rest[0] ?? 'content', json, io);
    case 'build': {
      if (rest.length > 1) throw new UsageError('build 只接受一个目录');
      const { buildCommand } = await import('./build.js');
      return buildCommand(buildArgs(rest, values, json), io);
    }
    case 'watch': {
      if (rest.length > 1) throw new UsageError('watch 只接受一个目录');
      const { watchCommand } = await import('./watch.js');
      return watchCommand(buildArgs(rest, values, json), io);
    }
    case 'schema':
      return schemaCommand(values.out ?? 'schema', json, io);
    case 'fonts': {
      const { fontsCommand } = await import('./fonts.js');
      return fontsCommand({ json, systemFonts: values['system-fonts'] ?? false }, io);
    }
    case 'forms': {
      const { formsCommand, ejectCommand } = await import('./forms.js');
      if (rest[0] === 'eject') {
        const [, name, dir, ...extra] = rest;
        if (name === undefined)
          throw new UsageError('forms eject 需要文书名称，例如 jixiao forms eject goal-table');
        if (extra.length > 0) throw new UsageError('forms eject 只接受一个文书名称和一个目录');
        return ejectCommand({ name, dir: dir ?? 'content', force: values.force ?? false, json }, io);
      }
      if (rest.length > 1) throw new UsageError('forms 只接受一个目录');
      return formsCommand({ dir: rest[0] ?? 'content', json }, io);
    }
    case 'diff': {
      const [rev, dir, ...extra] = rest;
      if (rev === undefined) throw new UsageError('diff 需要一个 git 版本，例如 jixiao diff HEAD');
      if (extra.length > 0) throw new UsageError('diff 只接受一个版本和一个目录');
      const { diffCommand } = await import('./diff.js');
      return diffCommand({ rev, dir: dir ?? 'content', json }, io);
    }
    case 'import': {
      const { importCommand } = await import('./import.js');
      return importCommand({ files: rest, out: values.out, force: values.force ?? false, json }, io);
    }
    case 'init': {
      if (rest.length > 2)
        throw new UsageError('init 只接受新年度和一个目录，如 jixiao init 2025 --from 2024');
      const { initCommand } = await import('./init.js');
      return initCommand({ year: rest[0], from: values.from, dir: rest[1] ?? 'content', json }, io);
    }
    default: {
      const guess = closest(
        command,
        COMMANDS.map((key) => ({ key })),
      );
      throw new UsageError(`未知命令“${command}”${guess ? `。是否应为“${guess.key}”？` : ''}`);
    }
  }
}

/** The options `build` and `watch` share. */
function buildArgs(rest: string[], values: Values, json: boolean): BuildArgs {
  if (values.out !== undefined && values.out.trim() === '')
    throw new UsageError('--out 不能为空：请写出输出目录，如 --out output');
  return {
    dir: rest[0] ?? 'content',
    out: values.out ?? 'output',
    format: values.format,
    only: values.only,
    force: values.force ?? false,
    forceOut: values['force-out'] ?? false,
    systemFonts: values['system-fonts'] ?? false,
    json,
  };
}

/**
 * The command line, with every mistake said in Chinese: parseArgs runs lenient and its tokens are checked
 * here (its own strict mode throws English messages).
 */
function parse(argv: string[]): { values: Values; positionals: string[] } {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[token.name];
    if (!option) {
      const long = token.rawName.startsWith('--');
      const guess = long
        ? closest(
            token.name,
            Object.keys(OPTIONS).map((key) => ({ key })),
          )
        : undefined;
      throw new UsageError(
        `参数有误：未知选项“${token.rawName}”${guess ? `。是否应为“--${guess.key}”？` : ''}`,
      );
    }
    if (
      option.type === 'string' &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
    )
      throw new UsageError(
        `参数有误：${token.rawName} 后面要写一个值，如 ${OPTION_EXAMPLES[token.name] ?? `${token.rawName} 值`}`,
      );
    if (option.type === 'boolean' && token.value !== undefined)
      throw new UsageError(`参数有误：${token.rawName} 后面不用写值（写 ${token.rawName} 即可）`);
  }
  return { values: values as Values, positionals };
}
