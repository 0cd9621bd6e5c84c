import { formatFinding } from '../diagnostics/format.js';
import { checkContent } from '../pipeline/check-content.js';
import { checkTemplates, projectTemplateDirs } from '../pipeline/check-templates.js';
import { leftUnits } from '../pipeline/left-units.js';
import { planDocuments } from '../pipeline/plan-documents.js';
import type { CliIo } from './io.js';
import { formatSummary, summarise } from './summary.js';

/**
 * `jixiao check [DIR]`: DIR is the content folder, one year's folder or one unit's folder. Every stage
 * runs for every unit as far as its own inputs allow, so one run reports everything that can be checked.
 */
export async function checkCommand(dir: string, json: boolean, io: CliIo): Promise<number> {
  const checked = await checkContent(dir, io.cwd);
  // Run the views too (nothing is rendered): a narrative naming a missing figure is a content problem.
  // Each unit that validated is viewed, whatever the other units (or its own cross-checks) hold.
  // …and each document through its template, as build would, so a template fault is found here first.
  checkTemplates(planDocuments(checked), projectTemplateDirs(checked.content.projectDir), checked.findings);
  const findings = checked.findings.sorted();
  const errors = checked.findings.errorCount;
  const warnings = checked.findings.warningCount;
  const summaries = checked.units.map((u) =>
    summarise(
      u,
      checked.consolidations.find((c) => c.unit.id === u.id),
      checked.scores.find((s) => s.unitId === u.id),
      checked.projectScores.get(u.id),
      checked.frameworkChoices.get(u.id),
      checked.ruleSets.get(u.id),
    ),
  );
  const folders = checked.content.unitFolders;
  const withErrors = leftUnits(checked);
  const broken = [...withErrors.values()].filter((u) => u.errors > 0);
  if (json) {
    io.out(
      JSON.stringify(
        {
          units: summaries,
          unitCount: folders.length,
          unitsWithErrors: broken.map((u) => ({ unit: u.id, name: u.name, errors: u.errors })),
          findings,
          errors,
          warnings,
        },
        null,
        2,
      ),
    );
    return errors > 0 ? 1 : 0;
  }
  for (const s of summaries) io.out(formatSummary(s).join('\n'));
  // A unit whose content did not validate has no figures to sum up; it is still one of the units.
  const summarised = new Set(checked.units.map((u) => u.id));
  for (const id of folders.filter((f) => !summarised.has(f))) {
    const u = withErrors.get(id);
    const year = /^\d{4}\//.test(id) ? `${id.slice(0, 4)} 年 ` : '';
    io.out(`${year}${u?.name ?? id}  [${id}]\n  内容有错误，未能计算汇总（见下方的问题）`);
  }
  if (findings.length) io.out('');
  const source = (file: string) => checked.content.sources.get(file);
  for (const f of findings) io.out(`${formatFinding(f, source)}\n`);
  const unitsText =
    broken.length > 0
      ? `${folders.length} 个单位（其中 ${broken.length} 个有错误）`
      : `${folders.length} 个单位`;
  io.out(
    `检查完成：${unitsText}，${errors} 个错误，${warnings} 个警告${errors > 0 ? '。请先修正错误。' : '。'}`,
  );
  return errors > 0 ? 1 : 0;
}
