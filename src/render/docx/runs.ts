/** Text runs and alignments shared by the DOCX back-end's paragraphs and table cells. */
import { AlignmentType, TextRun } from 'docx';
import { isBreak, type Run } from '../../document/types.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { NO_SPACING, roleFont } from './styles.js';

export const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** What a paragraph's runs carry beyond their style: a size, bold, a character spacing (twentieths). */
export interface RunBase {
  size?: number;
  bold?: boolean;
  characterSpacing?: number;
}

export function textRuns(fonts: ResolvedFonts, runs: Run[], base: RunBase = {}): TextRun[] {
  return runs.map((run) => {
    if (isBreak(run)) return new TextRun({ break: 1 });
    const size = run.size ?? base.size;
    const bold = run.bold ?? base.bold;
    return new TextRun({
      text: run.text,
      ...(run.role ? { font: roleFont(fonts, run.role) } : {}),
      ...(size !== undefined ? { size: Math.round(size * 2) } : {}),
      ...(bold !== undefined ? { bold } : {}),
      ...(base.characterSpacing !== undefined
        ? { characterSpacing: base.characterSpacing === 0 ? NO_SPACING : base.characterSpacing }
        : {}),
    });
  });
}
