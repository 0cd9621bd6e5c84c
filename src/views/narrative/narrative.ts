import type { Findings } from '../../diagnostics/finding.js';
import { evaluateFigures, type Figures } from './expressions.js';
import { type NarrativeBlock, parseNarrative, stripComments } from './markdown.js';

/**
 * A narrative file as blocks with every figure filled in. Expressions are evaluated line by line on the
 * source (an expression does not span lines), so every mistake is reported at its exact line and column
 * and all of them are reported in one run.
 */
export function renderNarrative(
  source: { path: string; text: string },
  figures: Figures,
  findings: Findings,
): NarrativeBlock[] {
  const lines = stripComments(source.text.replace(/\r\n?/g, '\n')).split('\n');
  const filled = lines.map((line, i) =>
    evaluateFigures(line, figures, { file: source.path, line: i + 1 }, findings),
  );
  return parseNarrative(filled.join('\n'));
}
