/**
 * Reads a font file for the PDF engine. A WOFF 1.0 file (how npm font packages ship full fonts) is turned
 * back into the TrueType/OpenType file it wraps: fontkit reads WOFF, but inflates the whole table again
 * on every table access, so each glyph outline read would inflate the ≈15 MB glyf table of a CJK face.
 * Decoded once per process, the font is an ordinary sfnt (same tables, same bytes as the original).
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF2_SIGNATURE = 0x774f4632; // 'wOF2'
const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_ENTRY = 16;

const pad4 = (n: number) => (n + 3) & ~3;

/** The sfnt inside a WOFF 1.0 file (https://www.w3.org/TR/WOFF/): its tables inflated, in tag order. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('不是 WOFF 字体文件');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = WOFF_HEADER + i * WOFF_ENTRY;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error('WOFF 字体文件已损坏：表的长度不符');
    tables.push({ tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const directory = SFNT_HEADER + numTables * SFNT_ENTRY;
  const size = tables.reduce((sum, t) => sum + pad4(t.data.length), directory);
  const out = Buffer.alloc(size);
  const power = 2 ** Math.floor(Math.log2(numTables));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = directory;
  tables.forEach((t, i) => {
    const at = SFNT_HEADER + i * SFNT_ENTRY;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad4(t.data.length);
  });
  return out;
}

/** A font file's bytes as the PDF engine embeds them: TTF, OTF and TTC as they are, WOFF decoded. */
export function readFontFile(file: string): Buffer {
  const bytes = readFileSync(file);
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === WOFF_SIGNATURE) return woffToSfnt(bytes);
  // WOFF2 needs a Brotli and glyf-transform decoder; the fonts jixiao ships are never WOFF2.
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === WOFF2_SIGNATURE)
    throw new Error(`不支持 WOFF2 字体文件：${file}（请改用 .ttf、.otf 或 .ttc）`);
  return bytes;
}
