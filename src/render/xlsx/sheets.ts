/**
 * Which sheets a document becomes: one per table, in document order. A sheet carries its table and the
 * short lines printed with it on the form — the title, 部门名称（盖章）, 单位：万元 above it, notes below —
 * but never the prose of a 公文 (grid) section. A document without a table has no sheets (no XLSX).
 */
import {
  type Block,
  type IntermediateDocument,
  type Paragraph,
  runsText,
  type Section,
  type Table,
} from '../../document/types.js';

export interface SheetPlan {
  name: string;
  section: Section;
  /** Lines above the table (attachment mark, title, captions), in order. */
  lead: Paragraph[];
  table: Table;
  /** Lines after the section's last table (notes, signatures). */
  tail: Paragraph[];
}

/** Excel's rules for a sheet name: at most 31 characters, none of : \ / ? * [ ], not blank. */
const MAX_NAME = 31;

function cleanName(text: string): string {
  return text
    .replace(/[:\\/?*[\]：]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
}

function lineOf(block: Block): Paragraph | undefined {
  if (block.kind === 'paragraph') return block;
  if (block.kind === 'attachment')
    return { kind: 'paragraph', style: 'body', indent: 0, runs: [{ text: block.label, role: 'heading1' }] };
  return undefined;
}

/** Prose stays out of a sheet: in a 公文 section only titles and captions go with a table. */
function keeps(section: Section, line: Paragraph): boolean {
  if (runsText(line.runs).trim() === '') return false;
  return !section.grid || line.style === 'title' || line.style === 'subtitle' || line.style === 'caption';
}

/**
 * The sheets of a document. A sheet is named by the last title printed before its table in the
 * document (else the document's title), cut to 31 characters; a name used before gets （2）, （3）….
 */
export function planSheets(doc: IntermediateDocument): SheetPlan[] {
  const plans: SheetPlan[] = [];
  let title = doc.meta.title;
  for (const section of doc.sections) {
    let pending: Paragraph[] = [];
    let last: SheetPlan | undefined;
    for (const block of section.blocks) {
      if (block.kind === 'table') {
        last = { name: title, section, lead: pending, table: block, tail: [] };
        plans.push(last);
        pending = [];
        continue;
      }
      const line = lineOf(block);
      if (!line) {
        pending = [];
        continue;
      }
      if (line.style === 'title' && runsText(line.runs).trim()) title = runsText(line.runs).trim();
      if (keeps(section, line)) pending.push(line);
    }
    if (last) last.tail = pending;
  }
  const used = new Set<string>();
  for (const plan of plans) {
    const base = cleanName(plan.name) || '表';
    let name = base.slice(0, MAX_NAME);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `（${n}）`;
      name = base.slice(0, MAX_NAME - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    plan.name = name;
  }
  return plans;
}
