import { Findings } from '../diagnostics/finding.js';
import { BUILTIN_TEMPLATES } from '../render/index.js';
import type { DocumentKind } from '../views/kind.js';
import { loadForm } from './catalog.js';
import { declaredFormKind } from './form-kind.js';

/**
 * One of jixiao's own declared forms as a default document (a unit that names no `forms`), under the id
 * `--only` and `forms` have always used for it. Its template and partials are still looked up in the
 * project's templates/ first; a mistake in jixiao's own form.yaml is a bug, not the user's finding.
 */
export function packageFormKind(formId: string, kindId: string): DocumentKind {
  const findings = new Findings();
  const form = loadForm(BUILTIN_TEMPLATES, formId, 'package', findings);
  if (!form)
    throw new Error(
      `jixiao's own form ${formId} does not load: ${findings
        .sorted()
        .map((f) => f.message)
        .join('; ')}`,
    );
  return { ...declaredFormKind(form), id: kindId };
}
