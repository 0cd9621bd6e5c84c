import type { ComputedUnit } from '../compute/unit.js';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import type { LoadedUnit } from '../load/content-tree.js';
import { closest } from '../validate/suggest.js';
import type { DocumentKind, ViewInput } from '../views/kind.js';
import type { DeclaredForm, FormCatalog } from './catalog.js';
import { declaredFormKind, missingFields, missingParts } from './form-kind.js';

/**
 * The documents each unit gets. A unit that names no `forms` (nor does any unit above it) gets jixiao's
 * default documents, as far as its content goes: the built-in kinds, then every form of the default pack
 * (`defaultPack`, templates/shenzhen/). One that names them gets exactly those: each entry is a form
 * (`national/project-self-evaluation`), a region pack (`national`: every form in templates/national/ its
 * content allows) or a form's former name (`goal-table`: the forms that carry it, as far as the content
 * goes). A form named on its own whose content is missing is an error at that entry, saying which part; an
 * unknown name is an error with a did-you-mean.
 */
export function chooseForms(
  units: readonly ComputedUnit[],
  loaded: readonly LoadedUnit[],
  catalog: FormCatalog,
  defaultPack: string,
  input: ViewInput,
  withDate: (kind: DocumentKind) => DocumentKind,
  findings: Findings,
): Map<string, DocumentKind[]> {
  const declared = new Map([...catalog.forms].map(([id, form]) => [id, withDate(declaredFormKind(form))]));
  const forms = [...catalog.forms.values()];
  const packs = new Set(forms.map((f) => f.pack).filter(Boolean));
  const formerNames = new Set(forms.map((f) => f.formerName).filter((n): n is string => n !== undefined));
  const reported = new Set<string>();
  const once = (key: string) => !reported.has(key) && reported.add(key) !== undefined;
  const out = new Map<string, DocumentKind[]>();
  for (const unit of units) {
    const loadedUnit = loaded.find((l) => l.id === unit.id);
    const fact = loadedUnit?.inherited.forms;
    const kinds: DocumentKind[] = [];
    // A declared form the unit gets: its * fields checked and its scoring conventions compared, once.
    const take = (form: DeclaredForm, at: SourcePosition | undefined) => {
      const kind = declared.get(form.id)!;
      if (kinds.includes(kind)) return;
      kinds.push(kind);
      checkFields(form, unit, loadedUnit, findings);
      checkScoring(form, unit, input, at, findings);
    };
    // Each form of `selection` the unit's content allows (a pack, a former name: no error for the others).
    const takeAllowed = (selection: readonly DeclaredForm[], at: SourcePosition | undefined) => {
      for (const f of selection) if (missingParts(f, unit, input).length === 0) take(f, at);
    };
    if (!fact?.items) {
      takeAllowed(
        forms.filter((f) => f.pack === defaultPack),
        undefined,
      );
      out.set(unit.id, kinds);
      continue;
    }
    const inherited = fact.from !== unit.id;
    for (const { value, at } of fact.items) {
      const form = catalog.forms.get(value);
      if (form) {
        const missing = missingParts(form, unit, input);
        if (missing.length === 0) take(form, at);
        // Named by a department for its units, a form a sub-unit has no content for is not made for it;
        // named by the unit itself, the missing part is the author's to fill.
        else if (!inherited)
          findings.error(
            'form-content-missing',
            `${unit.content.unit.name}选用了文书“${form.name}”（${value}），但没有填写它所需的内容：${missing.join('、')}`,
            at,
            { field: '文书', found: value },
          );
      } else if (packs.has(value)) {
        takeAllowed(
          forms.filter((f) => f.pack === value),
          at,
        );
      } else if (formerNames.has(value)) {
        takeAllowed(
          forms.filter((f) => f.formerName === value),
          at,
        );
      } else if (catalog.broken.has(value)) {
        if (once(`${fact.from}:${value}`))
          findings.error(
            'form-unusable',
            `文书“${value}”的声明（${value}/form.yaml）有错误（见该文件的错误），无法生成`,
            at,
            { field: '文书', found: value },
          );
      } else if (once(`${fact.from}:${value}`)) {
        unknownForm(value, at, [...catalog.forms.keys(), ...packs, ...formerNames], findings);
      }
    }
    out.set(unit.id, kinds);
  }
  return out;
}

/**
 * A form drawn for one province's conventions (form.yaml `rules`, `framework`) printed under others:
 * the figures would be right for the other convention and wrong for the form, so the author is told at
 * the line that chose the form.
 */
function checkScoring(
  form: DeclaredForm,
  unit: ComputedUnit,
  input: ViewInput,
  at: SourcePosition | undefined,
  findings: Findings,
): void {
  const ruleSet = input.ruleSets?.get(unit.id)?.id;
  if (form.rules && ruleSet && form.rules !== ruleSet)
    findings.warning(
      'form-rule-set',
      `文书“${form.name}”（${form.id}）按评分规则 ${form.rules} 打分，而${unit.content.unit.name}的评分规则是 ${ruleSet}：表中的分值和得分按 ${ruleSet} 计算。请在 unit.yaml 中写 rules: ${form.rules}，或确认使用 ${ruleSet}`,
      at,
      { field: '评分规则', expected: form.rules, found: ruleSet },
    );
  const framework = input.frameworkChoices?.get(unit.id)?.id;
  if (form.framework && framework && form.framework !== framework)
    findings.error(
      'form-framework',
      `文书“${form.name}”（${form.id}）是按评价框架 ${form.framework} 排版的，而${unit.content.unit.name}的整体绩效自评用 ${framework}：表中的行对不上。请在 unit.yaml 中写 framework: ${form.framework}，或选用别的文书`,
      at,
      { field: '评价框架', expected: form.framework, found: framework },
    );
}

/**
 * The form's required (*) fields the unit left out, each a warning at its line: the document is still made
 * (a draft with the cell blank), but the filed form needs them.
 */
function checkFields(
  form: DeclaredForm,
  unit: ComputedUnit,
  loaded: LoadedUnit | undefined,
  findings: Findings,
): void {
  for (const m of missingFields(form, unit))
    findings.warning(
      'form-field-missing',
      `${unit.content.unit.name}选用了文书“${form.name}”（${form.id}），${m.owner ? `${m.owner}` : ''}没有填写表上的必填项“${m.name}”（${m.path.at(-1)?.toString()}）`,
      loaded?.locate(m.path).at,
      { field: m.name, expected: m.path.at(-1)?.toString() },
    );
}

function unknownForm(
  value: string,
  at: SourcePosition | undefined,
  names: string[],
  findings: Findings,
): void {
  const guess = closest(
    value,
    names.map((key) => ({ key })),
  );
  findings.error(
    'form-unknown',
    `找不到文书或区域包“${value}”${guess ? `。是否应为“${guess.key}”？` : ''}（jixiao forms 列出所有可用的文书）`,
    at,
    { field: '文书', found: value, ...(guess ? { expected: guess.key } : {}) },
  );
}
