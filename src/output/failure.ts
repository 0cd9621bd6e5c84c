/** File-system failures while writing outputs, in words a finance clerk can act on. */
import type { Finding } from '../diagnostics/finding.js';

const REASONS: Record<string, string> = {
  ENOSPC: '磁盘空间不足',
  EDQUOT: '超出了磁盘配额',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限，或文件正被其他程序（如 Word、WPS、PDF 阅读器）打开',
  EBUSY: '文件正被其他程序（如 Word、WPS、PDF 阅读器）打开',
  EROFS: '磁盘或文件夹是只读的',
  ENOTDIR: '路径中有一段是文件而不是文件夹',
  EISDIR: '已有同名的文件夹',
  EEXIST: '已有同名的文件',
  ENOENT: '所在位置不存在或不能新建文件夹',
  ENAMETOOLONG: '路径太长',
  EMFILE: '同时打开的文件太多',
  ENFILE: '同时打开的文件太多',
  EIO: '磁盘读写出错',
  EXDEV: '输出目录中的文件夹位于不同的磁盘上',
};

/** The errno code of a file-system error (also carried by errors a render worker reports). */
export function fsErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

export function reasonOf(error: unknown): string {
  const code = fsErrorCode(error);
  if (code) return `${REASONS[code] ?? '写入失败'}（${code}）`;
  return error instanceof Error ? error.message : String(error);
}

/** The finding for a write that failed; `what` says which file or step, `after` what it means. */
export function outputFailure(what: string, error: unknown, after: string): Finding {
  return { severity: 'error', code: 'output-failed', message: `${what}：${reasonOf(error)}。${after}` };
}
