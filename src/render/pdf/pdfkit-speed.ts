/**
 * Two pdfkit/fontkit costs that grow with every PDF and do no work a document needs (the bytes written
 * are the same):
 *
 * - pdfkit turns every drawing operator into its own Buffer (`Buffer.from(op + '\n')`) and concatenates
 *   the thousands of them when the stream ends. Text is kept as one string here and converted once.
 * - fontkit's TrueType subsetter fully decodes each glyph's outline (every point) just to learn whether
 *   it is a composite glyph, once per glyph per document. A glyph's bytes and metrics depend on the font
 *   alone, so they are read once per process and reused by every document's subset.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Reference {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  /** Operators written since the last binary chunk, not yet a Buffer. */
  jixiaoText?: string;
}

let streamsPatched = false;

export function patchContentStreams(): void {
  if (streamsPatched) return;
  streamsPatched = true;
  // pdfkit does not export PDFReference; a throwaway document's first reference shows its class.
  const PDFKit = require('pdfkit') as new (o?: object) => { ref(data?: object): Reference };
  const proto = Object.getPrototypeOf(new PDFKit({ compress: false }).ref()) as Reference;
  const write = proto.write;
  const finalize = proto.finalize;
  const flush = (ref: Reference) => {
    if (ref.jixiaoText === undefined) return;
    const text = ref.jixiaoText;
    ref.jixiaoText = undefined;
    write.call(ref, Buffer.from(text, 'latin1'));
  };
  proto.write = function (this: Reference, chunk) {
    if (chunk instanceof Uint8Array) {
      flush(this);
      write.call(this, chunk);
    } else if (this.jixiaoText === undefined) {
      this.jixiaoText = `${chunk}\n`;
    } else {
      this.jixiaoText += `${chunk}\n`;
    }
  };
  proto.finalize = function (this: Reference) {
    flush(this);
    finalize.call(this);
  };
}

interface Glyph {
  advanceWidth: number;
  _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  _getMetrics(): { leftBearing: number };
}
interface TrueTypeFont {
  getGlyph(gid: number): Glyph;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  _variationProcessor?: unknown;
}
interface TrueTypeSubset {
  font: TrueTypeFont;
  glyf: Uint8Array[];
  offset: number;
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}

/** What the subsetter needs of one glyph; never modified once read. */
interface GlyphRecord {
  bytes: Uint8Array;
  /** A composite glyph's parts and where their ids sit in `bytes`. */
  components?: { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}

const records = new WeakMap<TrueTypeFont, Map<number, GlyphRecord>>();

function recordOf(font: TrueTypeFont, gid: number): GlyphRecord {
  let byGid = records.get(font);
  if (!byGid) {
    byGid = new Map();
    records.set(font, byGid);
  }
  let record = byGid.get(gid);
  if (record) return record;
  const start = font.loca.offsets[gid]!;
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  const bytes = stream.readBuffer(font.loca.offsets[gid + 1]! - start);
  const glyph = font.getGlyph(gid);
  // numberOfContours is the glyph's first int16; below zero the glyph is built of other glyphs.
  const composite = bytes.length >= 2 && (bytes[0]! & 0x80) !== 0;
  record = {
    bytes,
    components: composite ? glyph._decode()?.components : undefined,
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
  byGid.set(gid, record);
  return record;
}

const patchedSubsets = new WeakSet<object>();

/** fontkit's own `_addGlyph`, kept on the patched prototype so a test can compare the two subsets. */
export const FONTKIT_ADD_GLYPH = Symbol('jixiao.fontkitAddGlyph');

/** Patches the TrueType subsetter a font creates (CFF fonts subset differently and are left alone). */
export function patchGlyphSubsets(font: { createSubset(): unknown }): void {
  const proto = Object.getPrototypeOf(font.createSubset()) as TrueTypeSubset;
  if (patchedSubsets.has(proto) || typeof proto._addGlyph !== 'function') return;
  patchedSubsets.add(proto);
  const addGlyph = proto._addGlyph;
  (proto as unknown as Record<symbol, unknown>)[FONTKIT_ADD_GLYPH] = addGlyph;
  proto._addGlyph = function (this: TrueTypeSubset, gid: number): number {
    // A variable font re-encodes outlines per instance: fontkit's own path.
    if (this.font._variationProcessor) return addGlyph.call(this, gid);
    const record = recordOf(this.font, gid);
    let bytes = record.bytes;
    if (record.components) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const part of record.components) view.setUint16(part.pos, this.includeGlyph(part.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: record.advance, bearing: record.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
}
