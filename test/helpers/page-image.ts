import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { requireTool } from './read-output.js';

/**
 * Page images compared with stored references (issue 16 item 5). A page is drawn by poppler's pdftoppm in
 * grey at a low resolution, so what is compared is what a reviewer sees — the blocks of text, the rules of
 * the tables, the margins — and not the antialiasing of one poppler version against another.
 */

/** Dots per inch of the compared images: an A4 page is 331 × 468 pixels, a title still readable. */
export const VISUAL_DPI = 40;
/** pixelmatch's per-pixel colour threshold (0..1): small antialiasing shifts are not a difference. */
const PIXEL_THRESHOLD = 0.2;
/** The share of pixels that may differ before a page counts as changed. */
export const MAX_CHANGED_SHARE = 0.005;

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../fixtures/visual');

/** `UPDATE_VISUAL=1 npx vitest run test/render/visual-pages.test.ts` rewrites the references; never in CI. */
export const updatingReferences = process.env.UPDATE_VISUAL === '1' && process.env.CI !== 'true';

/** One page of a PDF as a grey PNG image. */
export function pageImage(pdf: string, page: number): PNG {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-page-'));
  const prefix = path.join(dir, 'page');
  execFileSync(requireTool('pdftoppm'), [
    '-r',
    String(VISUAL_DPI),
    '-gray',
    '-png',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    prefix,
  ]);
  return PNG.sync.read(readFileSync(`${prefix}.png`));
}

export interface PageComparison {
  /** Pixels that differ, as a share of the page; 1 when the sizes differ. */
  changedShare: number;
  /** Why the page differs, in words, with where to look; undefined when it matches. */
  problem?: string;
}

/** Compares a page image with its stored reference; writes the difference image beside the temp files. */
export function compareWithReference(name: string, actual: PNG): PageComparison {
  const file = path.join(REFERENCE_DIR, `${name}.png`);
  if (updatingReferences) {
    mkdirSync(REFERENCE_DIR, { recursive: true });
    // Grey, one byte a pixel: a reference is a quarter of an RGBA file.
    writeFileSync(file, PNG.sync.write(actual, { colorType: 0, inputColorType: 6 }));
    return { changedShare: 0 };
  }
  if (!existsSync(file)) {
    return {
      changedShare: 1,
      problem: `no reference image ${file}: run UPDATE_VISUAL=1 npx vitest run test/render/visual-pages.test.ts and review it`,
    };
  }
  const expected = PNG.sync.read(readFileSync(file));
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return {
      changedShare: 1,
      problem: `page size ${actual.width}×${actual.height} px, reference ${expected.width}×${expected.height} px`,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: PIXEL_THRESHOLD,
  });
  const changedShare = changed / (actual.width * actual.height);
  if (changedShare <= MAX_CHANGED_SHARE) return { changedShare };
  const diffDir = path.join(os.tmpdir(), 'jixiao-visual-diff');
  mkdirSync(diffDir, { recursive: true });
  const diffFile = path.join(diffDir, `${name}.png`);
  writeFileSync(diffFile, PNG.sync.write(diff));
  writeFileSync(path.join(diffDir, `${name}.actual.png`), PNG.sync.write(actual));
  return {
    changedShare,
    problem: `${(changedShare * 100).toFixed(2)}% of the pixels differ from ${file}; differences drawn in ${diffFile}`,
  };
}
