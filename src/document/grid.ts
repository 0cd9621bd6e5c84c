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
