import { type DiffResult, type DocumentDiff, diffContent, RevisionError } from '../authoring/diff.js';
import { formatFinding } from '../diagnostics/format.js';
import { projectFolder } from '../load/project-folder.js';
import { projectTemplateDirs } from '../pipeline/check-templates.js';
import type { CliIo } from './io.js';

export interface DiffArgs {
  rev: string;
  dir: string;
  json: boolean;
}

const shown = (value: string | null) => value ?? '（无）';

/**
 * A long text with a figure changed (主要内容, an indicator's 完成情况) shown by the parts that differ:
 * "局办公场所日常修缮 5 万元 → 局办公场所日常修缮 6 万元" rather than the whole cell twice.
 */
export function narrow(before: string | null, after: string | null): [string | null, string | null] {
  if (before === null || after === null || before.length + after.length <= 60) return [before, after];
  const parts = (t: string) =>
    t.split(/(?<=[；;。，,]| \/ )/).map((p) => p.replace(/[；;。，,]$|^ \/ | \/ $/g, '').trim());
  const b = parts(before);
  const a = parts(after);
  if (a.length !== b.length) return [before, after];
  const differ = b.flatMap((p, i) => (p !== a[i] ? [i] : []));
  const pick = (list: string[]) =>
    differ.map((i) => `${i > 0 ? '…' : ''}${list[i]}${i < list.length - 1 ? '…' : ''}`).join('');
  return differ.length === 0 ? [before, after] : [pick(b), pick(a)];
}

/** One document's changes: figures of the same row on one line, then the prose sentences. */
export function formatDocumentDiff(doc: DocumentDiff): string[] {
  if (doc.status === 'added') return [`新增文书：${doc.fileName}`];
  if (doc.status === 'removed') return [`不再生成：${doc.fileName}`];
  const lines = [doc.fileName];
  let current: { label: string; parts: string[] } | undefined;
  const flush = () => {
    if (current) lines.push(`  ${current.label ? `${current.label} ` : ''}${current.parts.join('；')}`);
  };
  for (const f of doc.figures) {
    const [before, after] = narrow(f.before, f.after);
    const part = `${f.column ? `${f.column} ` : ''}${shown(before)} → ${shown(after)}`;
    if (current && current.label === f.label) current.parts.push(part);
    else {
      flush();
      current = { label: f.label, parts: [part] };
    }
  }
  flush();
  for (const s of doc.sentences) {
    lines.push(`  正文 原：${shown(s.before)}`);
    lines.push(`       现：${shown(s.after)}`);
  }
  return lines;
}

function sideName(side: string): string {
  return side === 'working-tree' ? '工作区' : `版本 ${side} `;
}

function printText(result: DiffResult, io: CliIo): void {
  const short = result.commit.slice(0, 7);
  for (const p of result.problems) {
    io.out(`${sideName(p.side)}的内容有 ${p.findings.length} 个错误，无法比较：`);
    for (const f of p.findings) io.out(`${formatFinding(f, (file) => p.sources.get(file))}\n`);
  }
  if (result.problems.length > 0) {
    io.out('请先修正错误（可用 jixiao check 查看），再比较。');
    return;
  }
  if (result.documents.length === 0) {
    io.out(`与版本 ${result.rev}（${short}）相比，${result.unchanged} 份文书中的数字都没有变化。`);
    return;
  }
  io.out(`与版本 ${result.rev}（${short}）相比，以下文书中的数字有变化（原 → 现）：`);
  for (const doc of result.documents.filter((d) => d.status === 'changed')) {
    io.out('');
    io.out(formatDocumentDiff(doc).join('\n'));
  }
  const others = result.documents.filter((d) => d.status !== 'changed');
  if (others.length > 0) io.out('');
  for (const doc of others) io.out(formatDocumentDiff(doc).join('\n'));
  io.out('');
  io.out(`共 ${result.documents.length} 份文书有变化，${result.unchanged} 份没有变化。`);
}

export async function diffCommand(args: DiffArgs, io: CliIo): Promise<number> {
  const templateDirs = projectTemplateDirs(projectFolder(args.dir, io.cwd));
  let result: DiffResult;
  try {
    result = await diffContent({ rev: args.rev, dir: args.dir, cwd: io.cwd, templateDirs });
  } catch (error) {
    if (!(error instanceof RevisionError)) throw error;
    if (args.json) io.out(JSON.stringify({ error: error.message, findings: [] }, null, 2));
    io.err(`jixiao diff：${error.message}`);
    return 2;
  }
  if (args.json) {
    const { problems, ...rest } = result;
    // `findings`, `errors` and `warnings` as every other command prints them; each finding names its side.
    const findings = problems.flatMap((p) => p.findings.map((f) => ({ ...f, side: p.side })));
    io.out(
      JSON.stringify(
        {
          ...rest,
          problems: problems.map((p) => ({ side: p.side, findings: p.findings })),
          findings,
          errors: findings.filter((f) => f.severity === 'error').length,
          warnings: findings.filter((f) => f.severity === 'warning').length,
        },
        null,
        2,
      ),
    );
  } else printText(result, io);
  return result.problems.length > 0 ? 1 : 0;
}
