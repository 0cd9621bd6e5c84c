import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Findings } from '../diagnostics/finding.js';
import { BUILTIN_TEMPLATES, renderTemplateToDocument, TemplateError } from '../render/index.js';
import type { PlannedDocument } from './plan-documents.js';

/** The project's own templates/ folder beside its content, looked in before jixiao's, when it has one. */
export function projectTemplateDirs(cwd: string): string[] {
  const own = path.join(cwd, 'templates');
  return existsSync(own) && path.resolve(own) !== BUILTIN_TEMPLATES ? [own] : [];
}

/**
 * `check` takes every planned document through its template to the intermediate document (nothing is laid
 * out or written), so a fault that `build` would meet there — in a project's own template, or markup the
 * data produces — is reported by `check` first, at its line. One fault is reported once, however many
 * documents use the template.
 */
export function checkTemplates(
  planned: Iterable<PlannedDocument>,
  templateDirs: string[],
  findings: Findings,
): void {
  const seen = new Set<string>();
  for (const p of planned) {
    try {
      renderTemplateToDocument(p.kind.template, p.context, { templateDirs });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const f = error.finding as Finding;
      const key = `${f.at?.file}:${f.at?.line}:${f.at?.col}:${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.add(f);
    }
  }
}
