import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import type { DocumentKind, DocumentRequest, ViewInput } from '../views/kind.js';
import type { DeclaredForm } from './catalog.js';
import { REQUIRED_PARTS, type RequiredPart } from './declaration.js';
import { type ModelContext, projectModel, unitModel } from './model.js';

/** The parts of `requires` a unit lacks, in Chinese. */
export function missingParts(form: DeclaredForm, unit: ComputedUnit, input: ViewInput): string[] {
  const has: Record<RequiredPart, () => boolean> = {
    projects: () => unit.projects.length > 0,
    tasks: () => unit.tasks !== undefined,
    indicators: () => unit.indicators.length > 0,
    goals: () => unit.goals.length > 0 || (unit.content.goals?.long_term?.length ?? 0) > 0,
    funding: () => unit.funding !== undefined,
    evaluation: () => input.scores.has(unit.id),
    sub_units: () => input.consolidations.some((c) => c.unit.id === unit.id),
  };
  return form.requires.filter((p) => !has[p]()).map((p) => `${REQUIRED_PARTS[p]}（${p}）`);
}

function modelContext(unit: ComputedUnit, input: ViewInput): ModelContext {
  return {
    unit,
    units: input.units,
    consolidation: input.consolidations.find((c) => c.unit.id === unit.id),
    projectScores: input.projectScores.get(unit.id) ?? [],
    scores: input.scores.get(unit.id),
    ruleSet: input.ruleSets?.get(unit.id),
    framework: input.frameworkChoices?.get(unit.id),
  };
}

/**
 * A form declared by files (templates/<pack>/<form>/form.yaml + main.hbs) as a document kind: its data
 * is the one view model (model.ts) — plus `project` on a per-project form and `page` from the
 * declaration — so the form needs no TypeScript of its own.
 */
export function declaredFormKind(form: DeclaredForm): DocumentKind {
  return {
    id: form.id,
    title: form.name,
    template: form.template,
    documentsFor(unit, input, findings?: Findings): DocumentRequest[] {
      if (missingParts(form, unit, input).length > 0) return [];
      if (form.scope === 'department' && !input.consolidations.some((c) => c.unit.id === unit.id)) return [];
      const ctx = modelContext(unit, input);
      const base = {
        ...unitModel(ctx),
        page: { paper: form.paper, orientation: form.orientation },
        form: { name: form.name, id: form.id },
      };
      const contexts =
        form.scope === 'project'
          ? unit.projects.map((_, i) => ({ ...base, project: projectModel(ctx, i) }))
          : [base];
      return contexts.flatMap((data) => {
        let fileName: string;
        try {
          fileName = form.fileName(data).trim();
        } catch (error) {
          findings?.error(
            'form-file-name',
            `文书“${form.name}”的文件名“${form.fileNameText}”用了文书数据中没有的名称：${
              error instanceof Error ? error.message.split('\n')[0] : String(error)
            }（可用的名称见 docs/data-dictionary.md）`,
            form.at(['form', 'file_name']),
            { field: '文件名', found: form.fileNameText },
          );
          return [];
        }
        return [{ fileName: fileName || form.name, view: () => data }];
      });
    },
  };
}
