import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/**
 * Where every glyph of a PDF is drawn, read from the file itself: pdftotext joins a line of CJK text into
 * one word, so it cannot say where each character stands. This reads what a viewer reads — the page
 * content streams, each font's glyph widths (/W) and its ToUnicode map — for the plain PDFs pdfkit writes
 * (indirect objects, Flate streams, Type0 fonts with Identity-H encoding, no object streams).
 */

export interface Glyph {
  page: number;
  /** Left edge and baseline, in points from the page's top-left corner. */
  x: number;
  y: number;
  /** The glyph's own advance (font width × size) and the character spacing (Tc) drawn after it. */
  advance: number;
  spacing: number;
  size: number;
  /** The font's PostScript name without the subset tag, e.g. NotoSerifSC-Regular. */
  font: string;
  text: string;
}

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      let dataStart = streamAt + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      let data = pdf.subarray(dataStart, dataStart + length);
      if (dict.includes('/FlateDecode')) data = inflateSync(data);
      objects.set(Number(m[1]), { dict, stream: data });
      header.lastIndex = dataStart + length;
    } else objects.set(Number(m[1]), { dict: text.slice(start, endAt) });
  }
  return objects;
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

interface Font {
  name: string;
  widths: Map<number, number>;
  unicode: Map<number, string>;
}

function hexText(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
}

function readFont(objects: Map<number, PdfObject>, id: number): Font {
  const dict = objects.get(id)!.dict;
  const name = (/\/BaseFont \/(?:[A-Z]{6}\+)?([^\s/>]+)/.exec(dict)?.[1] ?? '').trim();
  const widths = new Map<number, number>();
  const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(dict);
  if (descendant) {
    const w = /\/W \[([\s\S]*?)\]\s*\]/.exec(objects.get(Number(descendant[1]))!.dict);
    if (w) {
      // Only the `first [w1 w2 …]` form, which pdfkit writes.
      for (const run of `${w[1]!}]`.matchAll(/(\d+)\s*\[([^\]]*)\]/g)) {
        const first = Number(run[1]);
        run[2]!
          .trim()
          .split(/\s+/)
          .forEach((v, i) => {
            widths.set(first + i, Number(v));
          });
      }
    }
  }
  const unicode = new Map<number, string>();
  const toUnicode = ref(dict, 'ToUnicode');
  const cmap = toUnicode === undefined ? '' : (objects.get(toUnicode)!.stream?.toString('latin1') ?? '');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      unicode.set(Number.parseInt(m[1]!, 16), hexText(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = Number.parseInt(m[1]!, 16);
      const to = Number.parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((v, i) => {
          unicode.set(from + i, hexText(v[1]!));
        });
      } else {
        const base = Number.parseInt(m[3]!.slice(1, -1), 16);
        for (let c = from; c <= to; c++) unicode.set(c, String.fromCodePoint(base + c - from));
      }
    }
  return { name, widths, unicode };
}

/** The pages' object numbers in reading order (the page tree's /Kids, depth first). */
function pageOrder(objects: Map<number, PdfObject>, root: number): number[] {
  const dict = objects.get(root)!.dict;
  if (/\/Type \/Page\b(?!s)/.test(dict)) return [root];
  const kids = /\/Kids \[([^\]]*)\]/.exec(dict)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((k) => pageOrder(objects, Number(k[1])));
}

const TOKEN = /<([0-9a-fA-F]*)>|\[|\]|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*'"]+/g;

export function pdfGlyphs(file: string): Glyph[] {
  const objects = readObjects(readFileSync(file));
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const glyphs: Glyph[] = [];
  const fonts = new Map<number, Font>();
  pageOrder(objects, ref(catalog.dict, 'Pages')!).forEach((pageId, pageIndex) => {
    const page = objects.get(pageId)!.dict;
    const height = Number(/\/MediaBox \[[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\]/.exec(page)![1]);
    const resources = objects.get(ref(page, 'Resources')!)!.dict;
    const fontRefs = new Map<string, number>();
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\S+) (\d+) 0 R/g)) fontRefs.set(m[1]!, Number(m[2]));
    const content = objects.get(ref(page, 'Contents')!)!.stream!.toString('latin1');
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const saved: Matrix[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let lineStart: Matrix = tm;
    let font: Font | undefined;
    let size = 0;
    let tc = 0;
    let tz = 1;
    const operands: (string | number | string[])[] = [];
    let array: (string | number)[] | undefined;
    const show = (hex: string) => {
      for (let i = 0; i + 4 <= hex.length; i += 4) {
        const cid = Number.parseInt(hex.slice(i, i + 4), 16);
        const w = ((font!.widths.get(cid) ?? 0) / 1000) * size;
        const at = multiply(tm, ctm);
        glyphs.push({
          page: pageIndex + 1,
          x: at[4],
          y: height - at[5],
          advance: w * tz,
          spacing: tc * tz,
          size,
          font: font!.name,
          text: font!.unicode.get(cid) ?? '',
        });
        tm = multiply([1, 0, 0, 1, (w + tc) * tz, 0], tm);
      }
    };
    for (const m of content.matchAll(TOKEN)) {
      const t = m[0];
      if (m[1] !== undefined) (array ?? operands).push(`<${m[1]}`);
      else if (t === '[') array = [];
      else if (t === ']') {
        operands.push(array as string[]);
        array = undefined;
      } else if (t.startsWith('/')) (array ?? operands).push(t);
      else if (/^[-+.\d]/.test(t)) (array ?? operands).push(Number(t));
      else {
        const n = operands.splice(0) as number[];
        switch (t) {
          case 'q':
            saved.push(ctm);
            break;
          case 'Q':
            ctm = saved.pop()!;
            break;
          case 'cm':
            ctm = multiply(n as unknown as Matrix, ctm);
            break;
          case 'BT':
            tm = lineStart = [1, 0, 0, 1, 0, 0];
            break;
          case 'Tm':
            tm = lineStart = n as unknown as Matrix;
            break;
          case 'Td':
          case 'TD':
            tm = lineStart = multiply([1, 0, 0, 1, n[0]!, n[1]!], lineStart);
            break;
          case 'Tf':
            font = fonts.get(fontRefs.get(String(n[0]).slice(1))!);
            if (!font) {
              const id = fontRefs.get(String(n[0]).slice(1))!;
              font = readFont(objects, id);
              fonts.set(id, font);
            }
            size = n[1]!;
            break;
          case 'Tc':
            tc = n[0]!;
            break;
          case 'Tz':
            tz = n[0]! / 100;
            break;
          case 'Tj':
            show(String(n[0]).slice(1));
            break;
          case 'TJ':
            for (const part of n[0] as unknown as (string | number)[]) {
              if (typeof part === 'number') tm = multiply([1, 0, 0, 1, (-part / 1000) * size * tz, 0], tm);
              else show(part.slice(1));
            }
            break;
        }
      }
    }
  });
  return glyphs;
}
