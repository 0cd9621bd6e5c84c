/**
 * The 公文 grid (GB/T 9704-2012) as numbers both back-ends share: 22 lines of 28 characters in a
 * 156 × 225 mm type area, 3号 (16 pt) text.
 */
export const PT_PER_MM = 72 / 25.4;

export const GRID_LINES = 22;
export const GRID_CHARS = 28;
export const GRID_FONT_SIZE = 16;
/** Line pitch in points: 579 twips, the value Word's grid uses for 22 lines in 225 mm. */
export const GRID_LINE_PITCH = 28.95;
/** Type area width in points (156 mm). */
export const GRID_TYPE_WIDTH = 156 * PT_PER_MM;
/** Character pitch in points (156 mm ÷ 28 ≈ 15.79 pt). */
export const GRID_CHAR_PITCH = GRID_TYPE_WIDTH / GRID_CHARS;

/**
 * Character spacing, in twentieths of a point, that fits exactly 28 full-width 16 pt glyphs in the type
 * area: the pitch is 15.79 pt, so each glyph gives up 0.21 pt; rounded down to −0.25 pt (28 × 15.75 =
 * 441 pt ≤ 442.2 pt, while 29 would need 456.75 pt). Word and LibreOffice both honour run spacing, whereas
 * LibreOffice gives a glyph wider than a `linesAndChars` grid cell two cells (14 characters a line).
 */
export const GRID_CHARACTER_SPACING_TWENTIETHS = Math.floor((GRID_CHAR_PITCH - GRID_FONT_SIZE) * 20);

/** Twips (1/20 pt), rounded to the nearest. */
export function mmToTwip(mm: number): number {
  return Math.round(mm * PT_PER_MM * 20);
}

export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

/** Default sizes in points per paragraph style (3号 16, 2号 22, 五号 10.5, 4号 14). */
export const STYLE_SIZE = {
  body: 16,
  title: 22,
  subtitle: 16,
  caption: 12,
  table: 10.5,
  note: 12,
  signature: 16,
  pageNumber: 14,
} as const;
