import type { Finding, Findings } from '../diagnostics/finding.js';
import type { RenderCrash } from '../render/worker-pool.js';
import type { CheckedContent } from './check-content.js';

/** The finding code of a crashed render: an internal failure (exit 2), not a problem in the content. */
export const RENDER_CRASHED = 'render-crashed';

/**
 * A render worker that stopped on a document fails that document only, as an error at its unit's
 * unit.yaml: the build writes nothing (as for any error), and the pool has already started a new worker.
 */
export function reportRenderCrash(
  findings: Findings,
  checked: CheckedContent,
  crash: RenderCrash,
  doc: { unit: string; documentName: string; format: string },
): void {
  const unitFile = checked.content.units.find((u) => u.id === doc.unit)?.files[0]?.path;
  findings.error(
    RENDER_CRASHED,
    `生成《${doc.documentName}》的 ${doc.format.toUpperCase()} 文件时${crash.message}，本次未写出任何文件，原有文件保持不变；渲染线程已重新启动，再次生成即可重试（如反复出现，请检查内存是否充足）`,
    unitFile ? { file: unitFile, line: 1, col: 1 } : undefined,
  );
}

/** How many of a build's errors are crashed renders rather than problems in the content or templates. */
export function renderCrashCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.code === RENDER_CRASHED).length;
}
