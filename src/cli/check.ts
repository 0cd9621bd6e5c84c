import { formatFinding } from '../diagnostics/format.js';
import { checkContent } from '../pipeline/check-content.js';
import { planDocuments } from '../pipeline/plan-documents.js';
import type { CliIo } from './io.js';
import { formatSummary, summarise } from './summary.js';

export async function checkCommand(dir: string, json: boolean, io: CliIo): Promise<number> {
  const checked = await checkContent(dir, io.cwd);
  // Run the views too (nothing is rendered): a narrative naming a missing figure is a content problem.
  if (checked.findings.errorCount === 0) planDocuments(checked);
  const findings = checked.findings.sorted();
  const errors = checked.findings.errorCount;
  const warnings = checked.findings.warningCount;
  const summaries = checked.units.map((u) =>
    summarise(
      u,
      checked.consolidations.find((c) => c.unit.id === u.id),
      checked.scores.find((s) => s.unitId === u.id),
      checked.projectScores.get(u.id),
    ),
  );
  if (json) {
    io.out(JSON.stringify({ units: summaries, findings, errors, warnings }, null, 2));
    return errors > 0 ? 1 : 0;
  }
  for (const s of summaries) io.out(formatSummary(s).join('\n'));
  if (findings.length) io.out('');
  const source = (file: string) => checked.content.sources.get(file);
  for (const f of findings) io.out(`${formatFinding(f, source)}\n`);
  io.out(
    `检查完成：${checked.units.length} 个单位，${errors} 个错误，${warnings} 个警告${errors > 0 ? '。请先修正错误。' : '。'}`,
  );
  return errors > 0 ? 1 : 0;
}
