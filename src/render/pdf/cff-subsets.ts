/**
 * fontkit's CFF subsetter parses every glyph's outline, once per glyph per process, only to learn which
 * subroutines the glyph calls. A CFF font without subroutines (FandolFang, the FangSong face jixiao
 * ships, has none) gains nothing from it: ≈0.5 s per process for a report's 800 characters. For such a
 * font the subset's charstrings and font dictionaries are taken as fontkit would build them, without
 * the parse; the bytes are the same (test/render/cff-subsets.test.ts). Fonts with subroutines keep
 * fontkit's own path.
 */

interface CffDict {
  Private?: { Subrs?: unknown[] } | null;
  FontName?: unknown;
}
interface Cff {
  globalSubrIndex?: unknown[];
  topDict: CffDict & { FDArray?: CffDict[] };
  getCharString(gid: number): Uint8Array;
  fdForGlyph(gid: number): number | null;
}
interface CffSubset {
  cff: Cff;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetFontdict(topDict: Record<string, unknown>): void;
}

/** fontkit's own methods, kept on the patched prototype so a test can compare the two subsets. */
export const FONTKIT_CFF_METHODS = Symbol('jixiao.fontkitCffMethods');

function withoutSubroutines(cff: Cff): boolean {
  if ((cff.globalSubrIndex?.length ?? 0) > 0) return false;
  const dicts = cff.topDict.FDArray ?? [cff.topDict];
  return dicts.every((d) => (d.Private?.Subrs?.length ?? 0) === 0);
}

const patched = new WeakSet<object>();

/** Patches the CFF subsetter a font creates (a TrueType font's subsetter is left alone). */
export function patchCffSubsets(font: { createSubset(): unknown; 'CFF '?: unknown }): void {
  if (!font['CFF ']) return;
  const proto = Object.getPrototypeOf(font.createSubset()) as CffSubset;
  if (patched.has(proto) || typeof proto.subsetCharstrings !== 'function') return;
  patched.add(proto);
  const { subsetCharstrings, subsetFontdict } = proto;
  (proto as unknown as Record<symbol, unknown>)[FONTKIT_CFF_METHODS] = { subsetCharstrings, subsetFontdict };
  proto.subsetCharstrings = function (this: CffSubset) {
    if (!withoutSubroutines(this.cff)) return subsetCharstrings.call(this);
    this.charstrings = this.glyphs.map((gid) => this.cff.getCharString(gid));
    this.gsubrs = [];
  };
  proto.subsetFontdict = function (this: CffSubset, topDict: Record<string, unknown>) {
    if (!withoutSubroutines(this.cff)) return subsetFontdict.call(this, topDict);
    // fontkit's subsetFontdict less the subroutine bookkeeping: the font dictionaries the glyphs use,
    // in first-use order, and each glyph's index among them.
    const fdArray: CffDict[] = [];
    const fds: number[] = [];
    const index = new Map<number, number>();
    for (const gid of this.glyphs) {
      const fd = this.cff.fdForGlyph(gid);
      if (fd == null) continue;
      let at = index.get(fd);
      if (at === undefined) {
        at = fdArray.push({ ...this.cff.topDict.FDArray![fd]! }) - 1;
        index.set(fd, at);
      }
      fds.push(at);
    }
    for (const dict of fdArray) delete dict.FontName;
    topDict['FDArray'] = fdArray;
    topDict['FDSelect'] = { version: 0, fds };
  };
}
