import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Findings } from '../diagnostics/finding.js';
import { displayPath } from '../load/content-tree.js';
import type { DeclaredForm } from './catalog.js';

/**
 * A project that overrode one of jixiao's documents before they became forms kept its files in
 * templates/<old name>/ (templates/goal-table/main.hbs). Those files are no longer read — the document
 * is now a form of a region pack (templates/shenzhen/goal-table/), whose template reads other data — so
 * each one gets a warning at the file, saying where the form lives now and how to carry the change over,
 * rather than the project's layout being dropped without a word.
 */
export function warnFormerLayouts(
  ownTemplates: string,
  forms: ReadonlyMap<string, DeclaredForm>,
  findings: Findings,
  cwd: string,
): void {
  const byFormerName = new Map<string, DeclaredForm[]>();
  for (const form of forms.values()) {
    if (form.formerName === undefined) continue;
    byFormerName.set(form.formerName, [...(byFormerName.get(form.formerName) ?? []), form]);
  }
  for (const [former, successors] of byFormerName) {
    // A folder of that name that is itself a form (it has form.yaml) is the project's own form, not a leftover.
    if (forms.has(former)) continue;
    const folder = path.join(ownTemplates, former);
    if (
      !existsSync(folder) ||
      existsSync(path.join(folder, 'form.yaml')) ||
      existsSync(path.join(folder, 'form.yml'))
    )
      continue;
    let files: string[];
    try {
      files = readdirSync(folder)
        .filter((f) => f.endsWith('.hbs'))
        .sort();
    } catch {
      continue;
    }
    const where = successors.map((f) => `templates/${f.id}/`).join('、');
    const first = successors[0]!;
    for (const file of files)
      findings.warning(
        'template-former-layout',
        `这是旧版式的模板文件，已不再使用：“${first.name}”现在是区域包 ${first.pack} 的文书，版式在 ${where}。要保留本项目的改动，请运行 jixiao forms eject ${former}，把改动移到复制出的文件中（模板可用的数据见 docs/data-dictionary.md），然后删除 templates/${former}/`,
        { file: displayPath(path.join(folder, file), cwd), line: 1, col: 1 },
        { found: `templates/${former}/${file}`, expected: where },
      );
  }
}
