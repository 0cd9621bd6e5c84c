import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Sourced } from './cell-values.js';
import { cellRef } from './workbook.js';

/**
 * Imported content written with the `yaml` Document API so each value carries the cell it came from as a
 * comment (`budget: 12.50 # 来自 Sheet1!D7`). Amounts are written as the sheet showed them: a number
 * scalar printing exactly that text (12.50 keeps its 0), quoted only when no number prints so.
 */
export class YamlOut {
  constructor(readonly sheet: string) {}

  from(s: Sourced): string {
    return ` 来自 ${cellRef(this.sheet, s.row, s.col)}`;
  }

  text(s: Sourced): Scalar {
    const node = new Scalar(s.value);
    node.comment = this.from(s);
    return node;
  }

  amount(s: Sourced): Scalar {
    const node = amountScalar(s.value);
    node.comment = this.from(s);
    return node;
  }
}

/** A scalar that prints as `text` and loads back as the same source text. */
export function amountScalar(text: string): Scalar {
  const frac = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
  const n = Number(text);
  const node = new Scalar<number | string>(n);
  node.minFractionDigits = frac;
  if (printed(node) !== text) return new Scalar(text);
  return node;
}

function printed(node: Scalar): string {
  const doc = new Document(node);
  return doc.toString().trimEnd();
}

/** A map from [key, value] pairs, skipping undefined values. */
export function map(entries: Array<[string, unknown]>, commentBefore?: string): YAMLMap {
  const m = new YAMLMap();
  for (const [k, v] of entries) if (v !== undefined) m.items.push(new Pair(new Scalar(k), v));
  if (commentBefore) m.commentBefore = commentBefore;
  return m;
}

export function seq(items: unknown[], flow = false): YAMLSeq {
  const s = new YAMLSeq();
  s.items.push(...items);
  if (flow) s.flow = true;
  return s;
}

/** The file text: a header comment, then the content; long texts stay on one line as typed. */
export function yamlText(header: string[], contents: YAMLMap): string {
  const doc = new Document(contents);
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
