import type { ComputedUnit } from '../compute/unit.js';
import type { Findings } from '../diagnostics/finding.js';
import type { DataPath } from '../load/locate.js';
import type { DocumentKind, DocumentRequest, ViewInput } from '../views/kind.js';
import { REPORT_FILE } from '../views/narrative/figures.js';
import type { DeclaredForm } from './catalog.js';
import { REQUIRED_FIELDS, REQUIRED_PARTS, type RequiredField, type RequiredPart } from './declaration.js';
import { type ModelContext, projectModel, unitModel, withReport } from './model.js';

/** The parts of `requires` a unit lacks, in Chinese. */
export function missingParts(form: DeclaredForm, unit: ComputedUnit, input: ViewInput): string[] {
  const consolidation = input.consolidations.find((c) => c.unit.id === unit.id);
  const has: Record<RequiredPart, () => boolean> = {
    // A department's consolidation is made from its own and its sub-units' projects.
    projects: () =>
      form.scope === 'department'
        ? (consolidation?.members.some((m) => m.projects.length > 0) ?? false)
        : unit.projects.length > 0,
    tasks: () => unit.tasks !== undefined,
    indicators: () => unit.indicators.length > 0,
    goals: () => unit.goals.length > 0 || (unit.content.goals?.long_term?.length ?? 0) > 0,
    funding: () => unit.funding !== undefined,
    evaluation: () => unit.content.evaluation !== undefined,
    sub_units: () => consolidation !== undefined,
    report: () => unit.narratives.some((n) => n.name === REPORT_FILE),
  };
  const named = (p: RequiredPart) => `${REQUIRED_PARTS[p]}（${p}）`;
  const missing = form.requires.filter((p) => !has[p]()).map(named);
  if (form.requiresAny.length > 0 && !form.requiresAny.some((p) => has[p]()))
    missing.push(form.requiresAny.map(named).join('或'));
  return missing;
}

/** A required field (form.yaml `required_fields`) left out: its Chinese name, what lacks it, and where. */
export interface MissingField {
  field: RequiredField;
  name: string;
  /** The indicator or project that lacks it, in Chinese; "" for a field of the unit itself. */
  owner: string;
  path: DataPath;
}

const blank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** Every required field of the form the unit's content leaves out, in the form's order. */
export function missingFields(form: DeclaredForm, unit: ComputedUnit): MissingField[] {
  const out: MissingField[] = [];
  const content = unit.content as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const field of form.requiredFields) {
    const [part, key] = field.split('.') as [string, string];
    const name = REQUIRED_FIELDS[field];
    if (part === 'unit' || part === 'goals') {
      if (blank(content[part]?.[key])) out.push({ field, name, owner: '', path: [part, key] });
    } else if (part === 'indicators') {
      unit.indicators.forEach((group, g) => {
        group.items.forEach((item, i) => {
          const src = item.source as unknown as Record<string, unknown>;
          if (blank(src[key]))
            out.push({
              field,
              name,
              owner: `${group.level2}中的指标“${item.source.name ?? item.source.target}”`,
              path: ['indicators', g, 'items', i, key],
            });
        });
      });
    } else {
      unit.projects.forEach((project, i) => {
        const src = project.source as unknown as Record<string, unknown>;
        if (blank(src[key]))
          out.push({ field, name, owner: `项目“${project.source.name}”`, path: ['projects', i, key] });
      });
    }
  }
  return out;
}

/** 附件N: the number the unit files this form under (unit.yaml attachments, keyed by the form's name). */
function attachmentOf(unit: ComputedUnit, name: string): string {
  const numbers: Record<string, string | undefined> = unit.content.unit.attachments ?? {};
  return numbers[name] ?? '';
}

/**
 * A unit's model context and model, built once per view run (its ViewInput) for the unit whose forms
 * are being viewed: every form of the unit starts from the same model, which nothing changes afterwards
 * (forms spread it and add to the copy). Units are viewed one after another, so only the last unit's is
 * kept: a build of many units does not hold every unit's model until its last document is planned.
 */
const unitViews = new WeakMap<
  ViewInput,
  { unit: ComputedUnit; view: { ctx: ModelContext; model: Record<string, unknown> } }
>();
function unitView(
  unit: ComputedUnit,
  input: ViewInput,
): { ctx: ModelContext; model: Record<string, unknown> } {
  const last = unitViews.get(input);
  if (last?.unit === unit) return last.view;
  const ctx = modelContext(unit, input);
  const view = { ctx, model: unitModel(ctx) };
  unitViews.set(input, { unit, view });
  return view;
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
    projectScoresOf: (id) => input.projectScores.get(id) ?? [],
  };
}

/**
 * A form declared by files (templates/<pack>/<form>/form.yaml + main.hbs) as a document kind: its data
 * is the one view model (model.ts) — plus `project` on a per-project form and `page` from the
 * declaration — so the form needs no TypeScript of its own.
 */
export function declaredFormKind(form: DeclaredForm): DocumentKind {
  const reportedFileNames = new Set<string>();
  return {
    id: form.id,
    title: form.name,
    template: form.template,
    documentsFor(unit, input, findings?: Findings): DocumentRequest[] {
      if (missingParts(form, unit, input).length > 0) return [];
      if (form.scope === 'department' && !input.consolidations.some((c) => c.unit.id === unit.id)) return [];
      const { ctx, model } = unitView(unit, input);
      const base = {
        ...model,
        page: { paper: form.paper, orientation: form.orientation },
        form: { name: form.name, id: form.id, attachment: attachmentOf(unit, form.name) },
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
          // One mistake in file_name, however many units and projects it is rendered for.
          if (reportedFileNames.has(form.file)) return [];
          reportedFileNames.add(form.file);
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
        // report.md is rendered only for the document being made: its findings are that document's.
        const view = form.requires.includes('report')
          ? (findings: Findings) => withReport(ctx, data, findings)
          : () => data;
        return [{ fileName: fileName || form.name, view }];
      });
    },
  };
}
