/**
 * Time per document per format from a `jixiao build --json` report: the median render time of each
 * format and how many documents the build made (a document without tables has no XLSX, so the count
 * is taken from the format every document has).
 */
export interface RenderRecord {
  kind: string;
  format: string;
  ms: number;
  bytes: number;
}

export const BENCH_FORMATS = ['docx', 'pdf', 'xlsx'] as const;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
}

export function renderStats(renders: readonly RenderRecord[]): {
  documents: number;
  medianMs: Record<(typeof BENCH_FORMATS)[number], number>;
  bytes: number;
} {
  const per = (format: string) => renders.filter((r) => r.format === format).map((r) => r.ms);
  return {
    documents: per('docx').length,
    medianMs: { docx: median(per('docx')), pdf: median(per('pdf')), xlsx: median(per('xlsx')) },
    bytes: renders.reduce((s, r) => s + r.bytes, 0),
  };
}
