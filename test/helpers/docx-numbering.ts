/**
 * The list numbers Word shows in front of numbered paragraphs, read from a DOCX's numbering.xml and
 * styles.xml the way Word counts them: per list (w:num), a level restarting after any level above it,
 * from the level's start or the list's startOverride. Independent of jixiao's own numbering code.
 */

interface Level {
  start: number;
  format: string;
  text: string;
}

export interface DocxNumbering {
  /** The abstract list's levels by w:abstractNumId. */
  abstract: Map<string, Map<number, Level>>;
  /** w:numId → its abstract list and start overrides by level. */
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
  /** Paragraph style id → the numPr it carries (directly or through w:basedOn). */
  styleNum: Map<string, { numId: string; ilvl: number }>;
}

const attr = (xml: string, name: string) => xml.match(new RegExp(`${name}="([^"]*)"`))?.[1];

export function readNumbering(numberingXml: string, stylesXml: string): DocxNumbering {
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of numberingXml.matchAll(
    /<w:abstractNum [^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    const levels = new Map<number, Level>();
    for (const l of a[2]!.matchAll(/<w:lvl [^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const body = l[2]!;
      levels.set(Number(l[1]), {
        start: Number(attr(body.match(/<w:start [^>]*>/)?.[0] ?? '', 'w:val') ?? 1),
        format: attr(body.match(/<w:numFmt [^>]*>/)?.[0] ?? '', 'w:val') ?? 'decimal',
        text: attr(body.match(/<w:lvlText [^>]*>/)?.[0] ?? '', 'w:val') ?? '',
      });
    }
    abstract.set(a[1]!, levels);
  }
  const nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  for (const n of numberingXml.matchAll(/<w:num [^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const starts = new Map<number, number>();
    for (const o of n[2]!.matchAll(/<w:lvlOverride w:ilvl="(\d+)">([\s\S]*?)<\/w:lvlOverride>/g)) {
      const s = o[2]!.match(/<w:startOverride w:val="(\d+)"/);
      if (s) starts.set(Number(o[1]), Number(s[1]));
    }
    nums.set(n[1]!, { abstractId: attr(n[2]!.match(/<w:abstractNumId [^>]*>/)![0], 'w:val')!, starts });
  }
  const own = new Map<string, { numId?: string; ilvl: number; basedOn?: string }>();
  for (const s of stylesXml.matchAll(
    /<w:style w:type="paragraph" w:styleId="([^"]+)">([\s\S]*?)<\/w:style>/g,
  )) {
    const numPr = s[2]!.match(/<w:numPr>([\s\S]*?)<\/w:numPr>/)?.[1];
    own.set(s[1]!, {
      ...(numPr ? { numId: attr(numPr.match(/<w:numId [^>]*>/)![0], 'w:val')! } : {}),
      ilvl: Number(attr(numPr?.match(/<w:ilvl [^>]*>/)?.[0] ?? '', 'w:val') ?? 0),
      ...(s[2]!.match(/<w:basedOn w:val="([^"]+)"/)
        ? { basedOn: s[2]!.match(/<w:basedOn w:val="([^"]+)"/)![1]! }
        : {}),
    });
  }
  const styleNum = new Map<string, { numId: string; ilvl: number }>();
  for (const id of own.keys()) {
    let s = own.get(id);
    while (s && s.numId === undefined && s.basedOn) s = own.get(s.basedOn);
    if (s?.numId !== undefined) styleNum.set(id, { numId: s.numId, ilvl: s.ilvl });
  }
  return { abstract, nums, styleNum };
}

const DIGITS = '〇一二三四五六七八九';

/** 1–99 in Chinese counting (ECMA-376 chineseCounting): 一 … 十 十一 … 二十 … 九十九. */
function chineseCounting(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

function formatNumber(format: string, n: number): string {
  if (format === 'decimal') return String(n);
  if (format === 'chineseCounting' || format === 'chineseCountingThousand') return chineseCounting(n);
  throw new Error(`docx-numbering: number format ${format} not read by this helper`);
}

/** Counts the lists through the paragraphs of a document; `label` gives each paragraph's number text. */
export class ListCounter {
  private readonly counts = new Map<string, number[]>();

  constructor(private readonly numbering: DocxNumbering) {}

  /** The number Word shows before a paragraph (its `<w:pPr>` XML), or '' for none. */
  label(pPr: string): string {
    const numPr = pPr.match(/<w:numPr>([\s\S]*?)<\/w:numPr>/)?.[1];
    const style = pPr.match(/<w:pStyle w:val="([^"]+)"/)?.[1];
    const fromStyle = style ? this.numbering.styleNum.get(style) : undefined;
    const numId = numPr ? attr(numPr.match(/<w:numId [^>]*>/)?.[0] ?? '', 'w:val') : fromStyle?.numId;
    if (numId === undefined || numId === '0') return '';
    const ilvlAttr = numPr?.match(/<w:ilvl [^>]*>/)?.[0];
    const ilvl = ilvlAttr ? Number(attr(ilvlAttr, 'w:val')) : (fromStyle?.ilvl ?? 0);
    const num = this.numbering.nums.get(numId);
    if (!num) throw new Error(`docx-numbering: w:numId ${numId} is not defined`);
    const levels = this.numbering.abstract.get(num.abstractId)!;
    const startOf = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    const counts = this.counts.get(numId) ?? [];
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    counts.length = ilvl + 1;
    this.counts.set(numId, counts);
    const level = levels.get(ilvl)!;
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatNumber(levels.get(l)!.format, counts[l] ?? startOf(l));
    });
  }
}
