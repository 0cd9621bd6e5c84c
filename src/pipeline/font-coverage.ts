/**
 * A warning for every character a document's fonts cannot show (an emoji, a rare CJK Extension B
 * character, a private-use code point): the PDF would print an empty box. The finding points at the
 * content value the character was typed in, found in the unit's source files; when it cannot be found
 * there (written as an escape, or produced by a template) it names the document and the text instead.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import type { IntermediateDocument } from '../document/types.js';
import { ROLE_SPECS } from '../fonts/faces.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import type { LoadedUnit } from '../load/content-tree.js';
import { codePointLabel } from '../load/control-chars.js';
import { positionOf, type YamlFile } from '../load/yaml-file.js';
import { type MissingGlyph, missingGlyphs } from '../render/pdf/coverage.js';
import type { CheckedContent } from './check-content.js';

/** At most this many places are reported for one character. */
const MAX_PLACES = 20;

interface Place {
  at: SourcePosition;
  field: string;
}

/** Every string value in a file that holds `char`: at the character when typed as is, else at the value. */
function valuesHolding(file: YamlFile, char: string, places: Place[]): void {
  const walk = (node: unknown, key: string): void => {
    if (places.length >= MAX_PLACES) return;
    if (isScalar(node)) {
      const r = (node as Node).range;
      if (!r || typeof node.value !== 'string' || !node.value.includes(char)) return;
      const raw = file.text.indexOf(char, r[0]);
      places.push({ at: positionOf(file, raw >= 0 && raw < r[1] ? raw : r[0]), field: key });
    } else if (isMap(node)) {
      for (const pair of node.items)
        if (isPair(pair)) walk(pair.value, isScalar(pair.key) ? String(pair.key.value) : key);
    } else if (isSeq(node)) for (const item of node.items) walk(item, key);
  };
  walk(file.doc.contents, '');
}

function placesOf(char: string, units: LoadedUnit[]): Place[] {
  const places: Place[] = [];
  for (const unit of units) {
    for (const file of unit.files) valuesHolding(file, char, places);
    for (const n of unit.narratives) {
      for (let i = n.text.indexOf(char); i >= 0 && places.length < MAX_PLACES; ) {
        const before = n.text.slice(0, i);
        places.push({
          at: { file: n.path, line: before.split('\n').length, col: i - before.lastIndexOf('\n') },
          field: '报告正文',
        });
        i = n.text.indexOf(char, i + char.length);
      }
    }
  }
  return places;
}

function excerpt(text: string, char: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  const at = chars.indexOf(char);
  const from = Math.max(0, at - 12);
  return `${from > 0 ? '…' : ''}${chars.slice(from, from + 30).join('')}${from + 30 < chars.length ? '…' : ''}`;
}

/** Checks each document made in one build; a character at one place is reported once per build. */
export class FontCoverage {
  private readonly reported = new Set<string>();

  constructor(
    private readonly checked: CheckedContent,
    private readonly fonts: ResolvedFonts,
    private readonly findings: Findings,
  ) {}

  check(doc: IntermediateDocument, unitId: string, documentName: string): void {
    this.report(missingGlyphs(doc, this.fonts), unitId, documentName);
  }

  /** Reports glyphs found missing elsewhere (a render worker checks the document it renders). */
  report(missing: MissingGlyph[], unitId: string, documentName: string): void {
    if (missing.length === 0) return;
    // The unit's own files, then its sub-units' (a 汇总 document prints their projects too).
    const units = this.checked.content.units.filter((u) => u.id === unitId || u.id.startsWith(`${unitId}/`));
    const own = units.find((u) => u.id === unitId);
    for (const m of missing) {
      const what = `字符“${m.char}”（${codePointLabel(m.codePoint)}）在字体 ${m.fontFile.split(/[\\/]/).pop()}（${ROLE_SPECS[m.role].label}）中没有字形，随包的其他字体也没有，PDF 中会显示为空框`;
      const advice = '请改用常用字或文字说明，或在 fonts/ 目录放入包含该字的正式字体';
      const places = placesOf(m.char, units);
      if (places.length === 0) {
        const key = `${m.codePoint}|${documentName}`;
        if (this.reported.has(key)) continue;
        this.reported.add(key);
        const at = own?.files[0] ? { file: own.files[0].path, line: 1, col: 1 } : undefined;
        this.findings.warning(
          'glyph-missing',
          `${what}；出现在《${documentName}》的“${excerpt(m.text, m.char)}”中。${advice}`,
          at,
        );
        continue;
      }
      for (const p of places) {
        const key = `${m.codePoint}|${p.at.file}:${p.at.line}:${p.at.col}`;
        if (this.reported.has(key)) continue;
        this.reported.add(key);
        this.findings.warning(
          'glyph-missing',
          `${p.field ? `字段“${p.field}”中的` : ''}${what}（《${documentName}》）。${advice}`,
          p.at,
          { field: p.field },
        );
      }
    }
  }
}
