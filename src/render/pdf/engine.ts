/**
 * The pdfmake engine, set up once per process: font files are read once and kept in pdfmake's virtual
 * file system, and each font is parsed once (pdfmake would re-parse a 15 MB TTF for every PDF).
 * pdfmake measures a text piece as glyph widths + characterSpacing × (length − 1); CJK text is measured
 * one character at a time, so spacing would never count. We measure it as PDF renders it (after every
 * glyph), which is what lets a full 公文 line hold exactly 28 characters.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontRole } from '../../document/types.js';
import { FONT_ROLES } from '../../document/types.js';
import type { FontFile, ResolvedFonts } from '../../fonts/resolve.js';

const require = createRequire(import.meta.url);

export interface Pdfmake {
  virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void };
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  createPdf(def: object, options?: object): { getBuffer(): Promise<Buffer> };
}

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

let engine: Pdfmake | undefined;

/** The pdfmake singleton with our one-time patches applied. */
export function pdfmake(): Pdfmake {
  if (engine) return engine;
  const pm = require('pdfmake') as Pdfmake;
  // Nothing is fetched: fonts come from the virtual file system, no images or URLs are used.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);

  const TextInlines = (
    require('pdfmake/js/TextInlines.js') as { default: { prototype: Record<string, unknown> } }
  ).default;
  TextInlines.prototype['widthOfText'] = function widthOfText(
    text: string,
    inline: {
      font: { widthOfString(t: string, s: number, f: unknown): number };
      fontSize: number;
      fontFeatures: unknown;
      characterSpacing?: number;
    },
  ): number {
    return (
      inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) +
      (inline.characterSpacing || 0) * text.length
    );
  };

  patchProvideFont(pm);
  engine = pm;
  return pm;
}

type FontDef = string | [string, string];
interface PdfkitDoc {
  fonts: Record<string, Record<string, FontDef>>;
  fontCache: Record<string, Record<string, unknown>>;
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  getFontType(bold: boolean, italics: boolean): string;
}
type EmbeddedFontClass = new (doc: unknown, font: unknown, id: string) => unknown;

const parsed = new Map<string, unknown>();
let EmbeddedFont: EmbeddedFontClass | undefined;

/** The fontkit font for a virtual file and PostScript name, parsed once per process. */
function parsedFont(name: string, postscriptName: string | undefined): unknown {
  const key = `${name}|${postscriptName ?? ''}`;
  let font = parsed.get(key);
  if (font) return font;
  const buf = (pdfmake().virtualfs as unknown as { readFileSync(n: string): Buffer }).readFileSync(name);
  if (!EmbeddedFont) {
    // pdfkit does not export its EmbeddedFont class; take it from a throwaway document.
    const PDFKit = require('pdfkit') as new () => {
      font(src: Buffer, family?: string): { _font: { constructor: EmbeddedFontClass; font: unknown } };
    };
    const probe = new PDFKit().font(buf, postscriptName);
    EmbeddedFont = probe._font.constructor;
    font = probe._font.font;
  } else {
    const fontkit = require('fontkit') as { create(buf: Uint8Array, ps?: string): unknown };
    font = fontkit.create(buf, postscriptName);
  }
  parsed.set(key, font);
  return font;
}

/**
 * pdfmake's provideFont re-reads and re-parses the font file for every document; ours embeds a new
 * subset per document from a font parsed once per process (one subset per file, shared by roles).
 */
function patchProvideFont(pm: Pdfmake): void {
  void pm;
  const PDFDocument = (
    require('pdfmake/js/PDFDocument.js') as { default: { prototype: Record<string, unknown> } }
  ).default;
  const original = PDFDocument.prototype['provideFont'] as (
    this: PdfkitDoc,
    f: string,
    b: boolean,
    i: boolean,
  ) => unknown;
  PDFDocument.prototype['provideFont'] = function provideFont(
    this: PdfkitDoc & { jixiaoFonts?: Map<string, unknown> },
    familyName: string,
    bold: boolean,
    italics: boolean,
  ): unknown {
    const type = this.getFontType(bold, italics);
    const def = this.fonts[familyName]?.[type];
    if (def === undefined) return original.call(this, familyName, bold, italics);
    this.fontCache[familyName] ??= {};
    const cached = this.fontCache[familyName]![type];
    if (cached) return cached;
    const [name, ps] = Array.isArray(def) ? def : [def, undefined];
    const key = `${name}|${ps ?? ''}`;
    this.jixiaoFonts ??= new Map();
    let font = this.jixiaoFonts.get(key);
    if (!font) {
      const fk = parsedFont(name, ps);
      const id = `F${++this._fontCount}`;
      font = new EmbeddedFont!(this, fk, id);
      this._fontFamilies[id] = font;
      this.jixiaoFonts.set(key, font);
    }
    this.fontCache[familyName]![type] = font;
    return font;
  };
}

const loaded = new Map<string, string>();

/** Puts a font file into the virtual file system once; returns its name there. */
function vfsName(file: string): string {
  let name = loaded.get(file);
  if (name) return name;
  name = `jixiao-font-${loaded.size}.ttf`;
  pdfmake().virtualfs.writeFileSync(name, readFileSync(file));
  loaded.set(file, name);
  return name;
}

function fontkitOf(file: FontFile): FontkitFont {
  return parsedFont(vfsName(file.path), file.postscriptName) as FontkitFont;
}

/** Whether a font file has a glyph for a code point (the file parsed once per process, shared with the PDF). */
export function glyphTest(file: FontFile): (codePoint: number) => boolean {
  const font = parsedFont(vfsName(file.path), file.postscriptName) as {
    hasGlyphForCodePoint(codePoint: number): boolean;
  };
  return (codePoint) => font.hasGlyphForCodePoint(codePoint);
}

/** The pdfmake family name of a role. */
export function family(role: FontRole): string {
  return `jixiao-${role}`;
}

export interface PdfFonts {
  /** A fresh pdfmake font dictionary (pdfmake mutates what it is given). */
  dictionary(): Record<string, Record<string, string | [string, string]>>;
  /** Line height of the role's face in em, as pdfkit computes it (ascent − descent, no gap). */
  lineHeightEm(role: FontRole): number;
}

export function pdfFonts(fonts: ResolvedFonts): PdfFonts {
  pdfmake();
  const em = new Map<FontRole, number>();
  for (const role of FONT_ROLES) {
    const f = fontkitOf(fonts[role].regular);
    em.set(role, (f.ascent - f.descent) / f.unitsPerEm);
  }
  const entry = (file: FontFile): string | [string, string] =>
    file.postscriptName ? [vfsName(file.path), file.postscriptName] : vfsName(file.path);
  return {
    dictionary() {
      const out: Record<string, Record<string, string | [string, string]>> = {};
      for (const role of FONT_ROLES) {
        const f = fonts[role];
        out[family(role)] = {
          normal: entry(f.regular),
          bold: entry(f.bold),
          italics: entry(f.regular),
          bolditalics: entry(f.bold),
        };
      }
      return out;
    },
    lineHeightEm: (role) => em.get(role)!,
  };
}
