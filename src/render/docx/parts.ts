/**
 * Edits of the package docx writes, for settings docx 9 cannot express. Each edit expects its pattern in
 * docx's output (src/output/xml-edit.ts fails the render loudly when a docx release writes otherwise).
 */
import { editXml, XmlEditError } from '../../output/xml-edit.js';
import type { DocxParts } from './render.js';
import { NO_SPACING } from './styles.js';

function text(parts: DocxParts, name: string): string {
  const part = parts.get(name);
  if (part === undefined) throw new XmlEditError(name);
  return typeof part === 'string' ? part : new TextDecoder().decode(part);
}

/** The first `<w:pPr>` of a paragraph style, for properties that come first in it. */
function stylePPr(id: string): RegExp {
  return new RegExp(`(<w:style w:type="paragraph" w:styleId="${id}">(?:(?!</w:style>).)*?<w:pPr>)`);
}

const SNAP_OFF = '<w:snapToGrid w:val="0"/>';

export function editParts(parts: DocxParts): void {
  // Punctuation is not compressed (full-width punctuation keeps its grid cell, as in the PDF); East
  // Asian line breaking (kinsoku) stays on.
  const SETTINGS = 'word/settings.xml';
  parts.set(
    SETTINGS,
    editXml(
      text(parts, SETTINGS),
      SETTINGS,
      '<w:compat>',
      '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>',
    ),
  );
  const STYLES = 'word/styles.xml';
  let styles = text(parts, STYLES);
  // No extra space between Chinese and Latin or digits: the PDF sets none, and a line holds what it holds.
  styles = editXml(
    styles,
    STYLES,
    '<w:pPrDefault><w:pPr>',
    '<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>',
  );
  // The 22 pt title and the table text keep their exact pitch on a line grid: LibreOffice otherwise gives
  // a line taller than a grid line two of them.
  for (const id of ['Title', 'TableText']) {
    styles = editXml(styles, STYLES, stylePPr(id), `$1${SNAP_OFF}`);
  }
  parts.set(STYLES, styles);
  for (const [name] of parts) {
    if (/^word\/(styles|document|footer\d+)\.xml$/.test(name)) parts.set(name, withNoSpacing(parts, name));
  }
}

const NO_SPACING_MARK = `<w:spacing w:val="${NO_SPACING}"/>`;

/** The part with its NO_SPACING placeholders written as a spacing of 0. */
function withNoSpacing(parts: DocxParts, name: string): string {
  return text(parts, name).replaceAll(NO_SPACING_MARK, '<w:spacing w:val="0"/>');
}
