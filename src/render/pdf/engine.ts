/**
 * The pdfmake engine, set up once per process: font files are read once and kept in pdfmake's virtual
 * file system, and each font is parsed once (pdfmake would re-parse a 15 MB TTF for every PDF).
 * pdfmake measures a text piece as glyph widths + characterSpacing × (length − 1); CJK text is measured
 * one character at a time, so spacing would never count. We measure it as PDF renders it (after every
 * glyph), which is what lets a full 公文 line hold exactly 28 characters.
 */
import { createRequire } from 'node:module';
import type { FontRole } from '../../document/types.js';
import { FONT_ROLES } from '../../document/types.js';
import { readFontFile } from '../../fonts/font-file.js';
import type { FontFile, ResolvedFonts } from '../../fonts/resolve.js';
import { patchCffSubsets } from './cff-subsets.js';
import { ACTUAL_TEXT } from './cjk-lines.js';
import { patchLineBuilder } from './line-builder.js';
import { patchApplies } from './patches.js';
import { patchContentStreams, patchGlyphSubsets } from './pdfkit-speed.js';
import { patchRelayout } from './relayout.js';
import { patchSpanAlignment } from './span-alignment.js';
import { patchTallRows } from './tall-rows.js';

const require = createRequire(import.meta.url);

interface VirtualFs {
  existsSync(name: string): boolean;
  readFileSync(name: string): Buffer;
  writeFileSync(name: string, content: Buffer): void;
}

export interface Pdfmake {
  virtualfs: VirtualFs;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setFonts(fonts: Record<string, Record<string, string | [string, string]>>): void;
  createPdf(def: object, options?: object): { getBuffer(): Promise<Buffer> };
}

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}

let engine: Pdfmake | undefined;

/** The pdfmake singleton with our one-time patches applied. */
export function pdfmake(): Pdfmake {
  if (engine) return engine;
  const pm = require('pdfmake') as Pdfmake;
  // Nothing is fetched: fonts come from the virtual file system, no images or URLs are used.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  readFontsWhenAsked(pm.virtualfs);

  const TextInlines = (
    require('pdfmake/js/TextInlines.js') as { default: { prototype: Record<string, unknown> } }
  ).default;
  // The correctness fix of https://github.com/bpampuch/pdfmake/issues/2116 (see the top of this file).
  if (patchApplies('cjk-character-spacing'))
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

  // Each patch is applied only on the version it was written against (see patches.ts).
  if (patchApplies('style-lookup')) patchStyleLookup();
  if (patchApplies('content-streams')) patchContentStreams();
  if (patchApplies('measure')) patchMeasure(TextInlines.prototype);
  if (patchApplies('provide-font')) patchProvideFont();
  patchRelayout();
  patchTallRows();
  patchSpanAlignment();
  patchLineBuilder();
  if (patchApplies('render-line')) patchRenderLine(true);
  // Lines with compressed punctuation are written by our line writer either way: it gives them ActualText.
  else if (patchApplies('cjk-line-layout')) patchRenderLine(false);
  engine = pm;
  return pm;
}

type Inline = Record<string, unknown> & {
  text: string;
  font: { lineHeight(size: number): number };
  fontSize: number;
  width: number;
  height: number;
  leadingCut?: number;
  trailingCut?: number;
  leadingIndent?: number;
};
interface StyleStack {
  getStyleProperty(item: object, stack: unknown, property: string, fallback: unknown): unknown;
}
type StyleOverride = string | Record<string, unknown>;
interface StyleStackClass extends StyleStack {
  prototype: {
    styleOverrides: StyleOverride[];
    defaultStyle?: Record<string, unknown>;
    getProperty(this: StyleStackClass['prototype'], property: string): unknown;
  };
}

const isValue = (v: unknown) => v !== undefined && v !== null;

/**
 * pdfmake looks a style property up by pushing the item onto the style stack, building a closure and
 * walking the overrides, for every property of every inline: about a third of what a table-heavy PDF
 * allocates. Our definitions use no named styles, so the walk is a plain loop over the override objects;
 * a named style anywhere on the way still takes pdfmake's own path, so the answer is the same.
 */
function patchStyleLookup(): void {
  const Stack = (require('pdfmake/js/StyleContextStack.js') as { default: StyleStackClass }).default;
  const getProperty = Stack.prototype.getProperty;
  Stack.prototype.getProperty = function (property) {
    const overrides = this.styleOverrides;
    for (let i = overrides.length - 1; i >= 0; i--) {
      const override = overrides[i]!;
      if (typeof override !== 'object') return getProperty.call(this, property);
      const value = override[property];
      if (isValue(value)) return value;
    }
    return this.defaultStyle?.[property];
  };
  const getStyleProperty = Stack.getStyleProperty;
  Stack.getStyleProperty = (item, stack, property, fallback) => {
    const own = (item as Record<string, unknown>)[property];
    if (isValue(own)) return own;
    if (!stack) return fallback;
    if ((item as { style?: unknown }).style !== undefined)
      return getStyleProperty(item, stack, property, fallback);
    // The item itself would be pushed first; it has no value for the property (checked above).
    const value = (stack as StyleStackClass['prototype']).getProperty(property);
    return isValue(value) ? value : fallback;
  };
}

/** An inline's own style: every property measure reads that the inline itself can set. */
type OwnStyle = unknown[];
function ownStyle(i: Inline): OwnStyle {
  return [
    i['style'],
    i['font'],
    i['bold'],
    i['italics'],
    i['lineHeight'],
    i['preserveLeadingSpaces'],
    i['preserveTrailingSpaces'],
    i['alignment'],
    i['fontSize'],
    i['fontFeatures'],
    i['characterSpacing'],
    i['color'],
    i['decoration'],
    i['decorationColor'],
    i['decorationStyle'],
    i['decorationThickness'],
    i['background'],
    i['link'],
    i['linkToPage'],
    i['linkToDestination'],
    i['noWrap'],
    i['opacity'],
    i['sup'],
    i['sub'],
  ];
}
function sameOwnStyle(i: Inline, o: OwnStyle): boolean {
  return (
    i['style'] === o[0] &&
    i['font'] === o[1] &&
    i['bold'] === o[2] &&
    i['italics'] === o[3] &&
    i['lineHeight'] === o[4] &&
    i['preserveLeadingSpaces'] === o[5] &&
    i['preserveTrailingSpaces'] === o[6] &&
    i['alignment'] === o[7] &&
    i['fontSize'] === o[8] &&
    i['fontFeatures'] === o[9] &&
    i['characterSpacing'] === o[10] &&
    i['color'] === o[11] &&
    i['decoration'] === o[12] &&
    i['decorationColor'] === o[13] &&
    i['decorationStyle'] === o[14] &&
    i['decorationThickness'] === o[15] &&
    i['background'] === o[16] &&
    i['link'] === o[17] &&
    i['linkToPage'] === o[18] &&
    i['linkToDestination'] === o[19] &&
    i['noWrap'] === o[20] &&
    i['opacity'] === o[21] &&
    i['sup'] === o[22] &&
    i['sub'] === o[23]
  );
}

interface Resolved {
  font: Inline['font'];
  lineHeight: number;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
  alignment: unknown;
  fontSize: number;
  fontFeatures: unknown;
  characterSpacing: unknown;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
}

/**
 * pdfmake's TextInlines.measure resolves 22 style properties through the style stack for every inline,
 * and CJK text is one inline per character. Inlines broken from one text piece carry the same own style,
 * so the style resolved for the previous inline is reused while the own style is the same. Otherwise
 * this is pdfmake 0.3's measure, step for step.
 */
function patchMeasure(proto: Record<string, unknown>): void {
  const Stack = (require('pdfmake/js/StyleContextStack.js') as { default: StyleStack }).default;
  const LEADING = /^(\s)+/g;
  const TRAILING = /(\s)+$/g;
  proto['measure'] = function measure(
    this: {
      pdfDocument: { provideFont(f: unknown, b: unknown, i: unknown): Inline['font'] };
      widthOfText(text: string, inline: Inline): number;
    },
    array: Inline[],
    stack: unknown,
  ): Inline[] {
    const get = (item: object, property: string, fallback: unknown) =>
      Stack.getStyleProperty(item, stack, property, fallback);
    if (array.length) {
      const leadingIndent = get(array[0]!, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        array[0]!.leadingCut = -leadingIndent;
        array[0]!.leadingIndent = leadingIndent;
      }
    }
    // The previous inline's own style, taken before measuring wrote the resolved values into it.
    let previous: OwnStyle | undefined;
    let r: Resolved | undefined;
    for (let index = 0; index < array.length; index++) {
      const item = array[index]!;
      if (!previous || !r || !sameOwnStyle(item, previous)) {
        previous = ownStyle(item);
        r = {
          font: this.pdfDocument.provideFont(
            get(item, 'font', 'Roboto'),
            get(item, 'bold', false),
            get(item, 'italics', false),
          ),
          alignment: get(item, 'alignment', 'left'),
          fontSize: get(item, 'fontSize', 12) as number,
          fontFeatures: get(item, 'fontFeatures', null),
          characterSpacing: get(item, 'characterSpacing', 0),
          color: get(item, 'color', 'black'),
          decoration: get(item, 'decoration', null),
          decorationColor: get(item, 'decorationColor', null),
          decorationStyle: get(item, 'decorationStyle', null),
          decorationThickness: get(item, 'decorationThickness', null),
          background: get(item, 'background', null),
          link: get(item, 'link', null),
          linkToPage: get(item, 'linkToPage', null),
          linkToDestination: get(item, 'linkToDestination', null),
          noWrap: get(item, 'noWrap', null),
          opacity: get(item, 'opacity', 1),
          sup: get(item, 'sup', false),
          sub: get(item, 'sub', false),
          lineHeight: get(item, 'lineHeight', 1) as number,
          preserveLeadingSpaces: get(item, 'preserveLeadingSpaces', false),
          preserveTrailingSpaces: get(item, 'preserveTrailingSpaces', false),
        };
        if (r.sup || r.sub) r.fontSize *= 0.58;
      }
      // One object with every measured field at once: pdfmake would add some twenty properties to each
      // piece one by one, growing its property store several times, for every character of the text.
      const m: Inline = {
        text: item.text,
        font: r.font,
        fontSize: r.fontSize,
        bold: item['bold'],
        characterSpacing: r.characterSpacing,
        lineHeight: item['lineHeight'],
        alignment: r.alignment,
        fontFeatures: r.fontFeatures,
        color: r.color,
        decoration: r.decoration,
        decorationColor: r.decorationColor,
        decorationStyle: r.decorationStyle,
        decorationThickness: r.decorationThickness,
        background: r.background,
        link: r.link,
        linkToPage: r.linkToPage,
        linkToDestination: r.linkToDestination,
        noWrap: r.noWrap,
        opacity: r.opacity,
        sup: r.sup,
        sub: r.sub,
        width: 0,
        height: 0,
        leadingCut: item.leadingCut || 0,
        trailingCut: 0,
      };
      for (const key in item) if (!(key in m)) m[key] = item[key];
      m.width = this.widthOfText(m.text, m);
      m.height = m.font.lineHeight(m.fontSize) * r.lineHeight;
      if (!r.preserveLeadingSpaces) {
        const leadingSpaces = m.text.match(LEADING);
        if (leadingSpaces) m.leadingCut = (m.leadingCut ?? 0) + this.widthOfText(leadingSpaces[0], m);
      }
      if (!r.preserveTrailingSpaces) {
        const trailingSpaces = m.text.match(TRAILING);
        if (trailingSpaces) m.trailingCut = this.widthOfText(trailingSpaces[0], m);
      }
      array[index] = m;
    }
    return array;
  };
}

interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}
interface LineFont {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string, features?: unknown): [string[], GlyphPosition[]];
}
interface LineInline {
  text: string;
  x: number;
  font: LineFont;
  fontSize: number;
  characterSpacing?: number;
  color?: unknown;
  opacity?: unknown;
  [key: string]: unknown;
}
interface RenderedLine {
  inlines: LineInline[];
  [ACTUAL_TEXT]?: string;
  getHeight(): number;
  getAscenderHeight(): number;
  [key: string]: unknown;
}
interface LineDoc {
  page: { height: number; fonts: Record<string, unknown> };
  _font: unknown;
  _fontSize: number;
  opacity(o: number): void;
  fillColor(c: unknown): void;
  resolveColor(c: unknown, fallback: string): unknown;
  save(): void;
  restore(): void;
  transform(...m: number[]): void;
  addContent(data: string): void;
  fontSize(size: number): void;
}

/** pdfkit's number format in content streams. */
const num = (n: number) => Math.round(n * 1e6) / 1e6;

/** A line pdfmake renders as plain text: no links, outlines, decorations, backgrounds or raised text. */
function plainLine(line: RenderedLine): boolean {
  if (line['_outline'] || line['_pageNodeRef'] || line['id']) return false;
  const color = line.inlines[0]?.color;
  for (const inline of line.inlines) {
    if (
      inline['_pageNodeRef'] ||
      inline['link'] ||
      inline['linkToPage'] ||
      inline['linkToDestination'] ||
      inline['fontFeatures'] ||
      inline['sup'] ||
      inline['sub'] ||
      inline['decoration'] ||
      inline['background'] ||
      (typeof inline.opacity === 'number' && inline.opacity !== 1) ||
      inline.color !== color ||
      inline.text.includes('\n')
    )
      return false;
  }
  return true;
}

/**
 * pdfmake renders every inline (for CJK text, every character) as its own text object: colour,
 * opacity, a save, a transform, BT, position, font, spacing, the glyph, ET and a restore, about 110
 * bytes and a dozen pdfkit calls a character. A plain line is written as one text object instead:
 * inlines that continue on the same baseline in the same font join one TJ array, where the gap
 * pdfmake left before them (justification) becomes a position adjustment. Glyphs land where pdfkit
 * would put them (to a millionth of a point).
 */
function renderPlainLine(doc: LineDoc, line: RenderedLine, x: number, y: number): void {
  const inlines = line.inlines;
  if (!inlines.length) return;
  const lineHeight = line.getHeight();
  const descent = lineHeight - line.getAscenderHeight();
  doc.opacity(1);
  doc.fillColor(doc.resolveColor(inlines[0]!.color, 'black'));
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  // A line whose glyphs give part of their advance (cjk-lines.ts) carries its text for text extraction,
  // inside the line's graphics state (a reader places the text where the glyphs were drawn).
  const actual = line[ACTUAL_TEXT];
  const out: string[] = actual ? [`/Span <</ActualText <${utf16Hex(actual)}>>> BDC`, 'BT'] : ['BT'];
  let parts: string[] = [];
  let tf = '';
  let tc = 0;
  let baseline = '';
  /** Where the reader's text position is after the glyphs written so far; NaN: a new Tm is needed. */
  let at = Number.NaN;
  const flush = () => {
    if (parts.length) out.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  for (const inline of inlines) {
    const text = inline.text;
    if (text.length === 0) continue;
    const font = inline.font;
    const size = inline.fontSize;
    const spacing = inline.characterSpacing || 0;
    const ascent = (font.ascender / 1000) * size;
    const shiftToBaseline = lineHeight - ascent - descent;
    const px = x + inline.x;
    const py = doc.page.height - (y + shiftToBaseline) - ascent;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    const [encoded, positions] = font.encode(text);
    const font_ = `/${font.id} ${num(size)} Tf`;
    const pyS = String(num(py));
    const offsets = positions.some((p) => p.xOffset || p.yOffset);
    const scale = size / 1000;
    if (!offsets && font_ === tf && spacing === tc && pyS === baseline && !Number.isNaN(at)) {
      const adjust = num((-(px - at) * 1000) / size);
      if (adjust !== 0) parts.push(String(adjust));
    } else {
      flush();
      out.push(`1 0 0 1 ${num(px)} ${pyS} Tm`);
      if (font_ !== tf) out.push(font_);
      if (spacing !== tc) out.push(`${num(spacing)} Tc`);
      tf = font_;
      tc = spacing;
      baseline = pyS;
    }
    if (offsets) {
      // Marks placed by the font: pdfkit's own positioning, glyph by glyph.
      let gx = px;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        out.push(`1 0 0 1 ${num(gx + p.xOffset * scale)} ${num(py + p.yOffset * scale)} Tm`);
        out.push(`[<${encoded[i]}> ${num(-(p.xAdvance - p.advanceWidth))}] TJ`);
        gx += p.xAdvance * scale;
      }
      at = Number.NaN;
      continue;
    }
    let hex = '';
    let advance = 0;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i]!;
      hex += encoded[i];
      advance += p.xAdvance;
      const kern = p.xAdvance - p.advanceWidth;
      if (kern !== 0) {
        parts.push(`<${hex}>`, String(num(-kern)));
        hex = '';
      }
    }
    if (hex) parts.push(`<${hex}>`);
    at = px + advance * scale + spacing * positions.length;
  }
  flush();
  out.push('ET');
  if (actual) out.push('EMC');
  doc.addContent(out.join('\n'));
  doc.restore();
  const last = inlines[inlines.length - 1]!;
  doc._font = last.font;
  doc.fontSize(last.fontSize);
}

/** UTF-16BE with a byte-order mark, as the digits of a PDF hex string. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/** `all`: every plain line (the speed patch); otherwise only the lines that carry ActualText. */
function patchRenderLine(all: boolean): void {
  const Renderer = (
    require('pdfmake/js/Renderer.js') as {
      default: { prototype: Record<string, (this: { pdfDocument: LineDoc }, ...a: never[]) => void> };
    }
  ).default;
  const renderLine = Renderer.prototype['renderLine']!;
  Renderer.prototype['renderLine'] = function (
    this: { pdfDocument: LineDoc },
    line: RenderedLine,
    x: number,
    y: number,
  ): void {
    if ((all || line[ACTUAL_TEXT]) && plainLine(line))
      renderPlainLine(this.pdfDocument, line, x || 0, y || 0);
    else renderLine.call(this, line as never, x as never, y as never);
  };
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
  const buf = pdfmake().virtualfs.readFileSync(name);
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
  if (patchApplies('glyph-subsets')) patchGlyphSubsets(font as { createSubset(): unknown });
  if (patchApplies('cff-subsets')) patchCffSubsets(font as { createSubset(): unknown });
  parsed.set(key, font);
  return font;
}

/** Glyph runs per parsed font, shared by every document (a run is never modified once laid out). */
const layoutCaches = new WeakMap<object, { documents: number; cache: Record<string, unknown> }>();
/** Bound on one font's shared runs (distinct words and characters); past it the cache starts over. */
const LAYOUT_CACHE_ENTRIES = 50000;

function layoutCacheOf(font: unknown): Record<string, unknown> {
  let slot = layoutCaches.get(font as object);
  // The size is checked every 20 documents, so a long build's numbers cannot grow it without bound.
  if (slot && ++slot.documents % 20 === 0 && Object.keys(slot.cache).length > LAYOUT_CACHE_ENTRIES)
    slot = undefined;
  if (!slot) {
    slot = { documents: 0, cache: Object.create(null) as Record<string, unknown> };
    layoutCaches.set(font as object, slot);
  }
  return slot.cache;
}

/**
 * pdfmake's provideFont re-reads and re-parses the font file for every document; ours embeds a new
 * subset per document from a font parsed once per process (one subset per file, shared by roles).
 */
function patchProvideFont(): void {
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
      // pdfkit lays out every distinct string once per document; the runs depend on the font alone.
      (font as { layoutCache?: object }).layoutCache = layoutCacheOf(fk);
      this._fontFamilies[id] = font;
      this.jixiaoFonts.set(key, font);
    }
    this.fontCache[familyName]![type] = font;
    return font;
  };
}

/** Font files by their name in the virtual file system, read into it when first asked for. */
const named = new Map<string, string>();
const unread = new Map<string, string>();

/**
 * A font file's name in the virtual file system. Naming reads nothing: a worker reads (and, for a
 * WOFF file, decodes) only the faces its documents set, not all ten of the package's 105 MB.
 */
function vfsName(file: string): string {
  let name = named.get(file);
  if (name) return name;
  name = `jixiao-font-${named.size}.ttf`;
  named.set(file, name);
  unread.set(name, file);
  return name;
}

/**
 * The virtual file system (pdfmake's public one) answers for a named font as if it held it, and reads
 * the file at the first read, whoever asks: our font parsing or, with the speed patches off, pdfmake's.
 */
function readFontsWhenAsked(vfs: VirtualFs): void {
  const exists = vfs.existsSync.bind(vfs);
  const read = vfs.readFileSync.bind(vfs);
  vfs.existsSync = (name) => unread.has(name) || exists(name);
  vfs.readFileSync = (name) => {
    const file = unread.get(name);
    if (file !== undefined) {
      vfs.writeFileSync(name, readFontFile(file));
      unread.delete(name);
    }
    return read(name);
  };
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

/** Whether the face a role sets (bold or regular) has a glyph for a code point. */
export type GlyphTest = (role: FontRole, bold: boolean, codePoint: number) => boolean;

/**
 * The glyph test of a document's faces. The definition asks for every character it sets, so each
 * face's answers are remembered per code point (a cmap lookup costs ten times a Map lookup).
 */
export function fontGlyphTest(fonts: ResolvedFonts): GlyphTest {
  // Kept per set of fonts: a worker renders every document with the same set, and each PDF's coverage
  // check asks again for the characters its definition asked for.
  let test = glyphTests.get(fonts);
  if (!test) {
    test = newGlyphTest(fonts);
    glyphTests.set(fonts, test);
  }
  return test;
}

const glyphTests = new WeakMap<ResolvedFonts, GlyphTest>();

function newGlyphTest(fonts: ResolvedFonts): GlyphTest {
  const files = new Map<string, (codePoint: number) => boolean>();
  const faces = new Map<FontRole, [((cp: number) => boolean)?, ((cp: number) => boolean)?]>();
  const fileTest = (file: FontFile) => {
    const key = `${file.path}|${file.postscriptName ?? ''}`;
    let test = files.get(key);
    if (!test) {
      const has = glyphTest(file);
      const known = new Map<number, boolean>();
      test = (cp) => {
        let answer = known.get(cp);
        if (answer === undefined) {
          answer = has(cp);
          known.set(cp, answer);
        }
        return answer;
      };
      files.set(key, test);
    }
    return test;
  };
  return (role, bold, codePoint) => {
    let pair = faces.get(role);
    if (!pair) {
      pair = [];
      faces.set(role, pair);
    }
    const i = bold ? 1 : 0;
    let test = pair[i];
    if (!test) {
      test = fileTest(bold ? fonts[role].bold : fonts[role].regular);
      pair[i] = test;
    }
    return test(codePoint);
  };
}

/** The pdfmake family name of a role. */
export function family(role: FontRole): string {
  return `jixiao-${role}`;
}

export interface PdfFonts {
  /** A fresh pdfmake font dictionary (pdfmake mutates what it is given). */
  dictionary(): Record<string, Record<string, string | [string, string]>>;
  /**
   * Line height of the role's face in em, as pdfkit computes it (ascent − descent, no gap); of its bold
   * file with `bold` (another typeface when the face has no bold, e.g. FandolFang's Song bold).
   */
  lineHeightEm(role: FontRole, bold?: boolean): number;
  /** Ascent and descent (positive, below the baseline) in em of the role's regular and bold faces, the larger. */
  faceEm(role: FontRole): { ascent: number; descent: number };
  /** Advance width in em of a character in the role's regular or bold face. */
  advanceEm(role: FontRole, bold: boolean, codePoint: number): number;
  /** Whether a role's face has a character (the definition sets one it lacks in a fallback face). */
  hasGlyph: GlyphTest;
}

export function pdfFonts(fonts: ResolvedFonts): PdfFonts {
  pdfmake();
  // Measured when first asked: a face no document of the worker sets is never read.
  const em = new Map<string, number>();
  const face = new Map<FontRole, { ascent: number; descent: number }>();
  const advance = new Map<string, Map<number, number>>();
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
    lineHeightEm: (role, bold = false) => {
      const key = `${role}|${bold}`;
      let value = em.get(key);
      if (value === undefined) {
        const f = fontkitOf(bold ? fonts[role].bold : fonts[role].regular);
        value = (f.ascent - f.descent) / f.unitsPerEm;
        em.set(key, value);
      }
      return value;
    },
    faceEm: (role) => {
      let value = face.get(role);
      if (!value) {
        const f = fontkitOf(fonts[role].regular);
        const b = fontkitOf(fonts[role].bold);
        value = {
          ascent: Math.max(f.ascent / f.unitsPerEm, b.ascent / b.unitsPerEm),
          descent: Math.max(-f.descent / f.unitsPerEm, -b.descent / b.unitsPerEm),
        };
        face.set(role, value);
      }
      return value;
    },
    advanceEm: (role, bold, codePoint) => {
      const key = `${role}|${bold}`;
      let widths = advance.get(key);
      if (!widths) {
        widths = new Map();
        advance.set(key, widths);
      }
      let value = widths.get(codePoint);
      if (value === undefined) {
        const f = fontkitOf(bold ? fonts[role].bold : fonts[role].regular);
        value = f.glyphForCodePoint(codePoint).advanceWidth / f.unitsPerEm;
        widths.set(codePoint, value);
      }
      return value;
    },
    hasGlyph: fontGlyphTest(fonts),
  };
}
