import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Seeded randomness for the fuzz tests: every run of a seed mutates the same way, so a failure replays. */
export type Rand = () => number;

/** mulberry32: a tiny seeded PRNG. */
export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Rand, n: number) => Math.floor(r() * n);
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** Every file under a folder, relative to it with forward slashes, in sorted order. */
export function contentFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel))
    .sort()
    .flatMap((name) => {
      const r = rel ? `${rel}/${name}` : name;
      return statSync(path.join(dir, r)).isDirectory() ? contentFiles(dir, r) : [r];
    });
}
