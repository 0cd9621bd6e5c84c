/**
 * Fuzz test: the example content mutated thousands of times — deleted lines, values swapped between lines,
 * random bytes, huge and negative numbers, empty files, deep nesting, 10 MB strings, duplicated keys, tabs,
 * random unicode. For every mutation: `checkContent` (and `planDocuments` when it found no errors) does
 * not throw, every finding has a file and a line, and `jixiao check` exits 0 or 1 without a stack trace.
 *
 * CI runs a fixed seed and a bounded count. A longer run:
 *
 *   FUZZ_RUNS=20000 FUZZ_SEED=123 npx vitest run test/robustness/fuzz.test.ts
 *
 * FUZZ_PROFILE=1 also prints every run slower than 300 ms. Measured on 2 cores: about 37 runs/s alone,
 * 22 runs/s beside the rest of the suite; 4,000 runs of seed 123 pass.
 *
 * A failure prints the seed, the run number, the file and the mutation, so it can be replayed with
 * FUZZ_SEED and FUZZ_RUNS (runs are deterministic for a seed).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { planDocuments } from '../../src/pipeline/plan-documents.js';
import { runCli } from '../helpers/cli.js';
import { contentFiles, int, mulberry32, pick, type Rand } from '../helpers/fuzz.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20240611);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);
const EXAMPLE = path.resolve(import.meta.dirname, '../../content');

const HUGE = ['1e308', '99999999999999999999.99999', '-1e308', '1e-400', '0x1F', '.inf', '-.nan', '1_000'];
const NEGATIVE = ['-1', '-0.01', '-99999999.99', '-0'];
const ODD_TEXT = [
  '~',
  'null',
  '[]',
  '{}',
  '"',
  "'",
  '&a',
  '*a',
  '!!binary AAAA',
  '!foo x',
  '? x',
  '- - -',
  '|',
  '>-',
  '%YAML 1.1',
  '---',
  '...',
  '<b>{{x}}</td>',
  '\u202E😀𠀀\u{10FFFF}',
  '\u0000\u0007',
  '\t',
  '#',
];

/** A random string of code points from every plane, lone surrogates included. */
function randomUnicode(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const kind = int(r, 5);
    const cp =
      kind === 0
        ? int(r, 0x80)
        : kind === 1
          ? 0x4e00 + int(r, 0x5000)
          : kind === 2
            ? 0xd800 + int(r, 0x800)
            : kind === 3
              ? 0x10000 + int(r, 0x100000)
              : int(r, 0x10000);
    s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  return s;
}

/** One mutation of a file's text; returns the new text and a description to replay it. */
function mutate(r: Rand, text: string): { text: string; what: string } {
  const lines = text.split('\n');
  const li = int(r, lines.length);
  const line = lines[li] ?? '';
  const valueAt = line.indexOf(': ');
  const setValue = (v: string) => {
    lines[li] = valueAt >= 0 ? `${line.slice(0, valueAt + 2)}${v}` : `${line}${v}`;
  };
  const kind = int(r, 14);
  switch (kind) {
    case 0: {
      const n = 1 + int(r, 5);
      lines.splice(li, n);
      return { text: lines.join('\n'), what: `delete ${n} lines at ${li + 1}` };
    }
    case 1: {
      const lj = int(r, lines.length);
      const a = lines[li] ?? '';
      const b = lines[lj] ?? '';
      const va = a.indexOf(': ');
      const vb = b.indexOf(': ');
      if (va >= 0 && vb >= 0) {
        lines[li] = a.slice(0, va + 2) + b.slice(vb + 2);
        lines[lj] = b.slice(0, vb + 2) + a.slice(va + 2);
      } else [lines[li], lines[lj]] = [b, a];
      return { text: lines.join('\n'), what: `swap values of lines ${li + 1} and ${lj + 1}` };
    }
    case 2: {
      const buf = Buffer.from(text, 'utf8');
      const n = 1 + int(r, 8);
      for (let i = 0; i < n && buf.length > 0; i++) buf[int(r, buf.length)] = int(r, 256);
      return { text: buf.toString('latin1'), what: `${n} random bytes` };
    }
    case 3:
      setValue(pick(r, HUGE));
      return { text: lines.join('\n'), what: `huge number at ${li + 1}` };
    case 4:
      setValue(pick(r, NEGATIVE));
      return { text: lines.join('\n'), what: `negative number at ${li + 1}` };
    case 5:
      return { text: pick(r, ['', '\n', '# only a comment\n', '---\n', '~\n']), what: 'empty file' };
    case 6: {
      const depth = pick(r, [50, 199, 201, 1000, 5000]);
      const nested =
        int(r, 2) === 0
          ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
          : `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
      setValue(nested);
      return { text: lines.join('\n'), what: `nesting ${depth} deep at ${li + 1}` };
    }
    case 7: {
      // A 10 MB value takes about a second to check twice; most long values are 100 KB to keep CI quick.
      const mb = r() < 0.15 ? 10 : 0.1;
      setValue('字'.repeat(Math.floor((mb * 1024 * 1024) / 3)));
      return { text: lines.join('\n'), what: `${mb} MB string at ${li + 1}` };
    }
    case 8:
      lines.splice(li, 0, line);
      return { text: lines.join('\n'), what: `duplicate line ${li + 1}` };
    case 9:
      lines[li] = line.replace(/^( +)/, (s) => '\t'.repeat(1 + int(r, s.length || 1)));
      if (int(r, 2) === 0) lines[li] = `${lines[li]}\t`;
      return { text: lines.join('\n'), what: `tabs at ${li + 1}` };
    case 10:
      setValue(randomUnicode(r, 1 + int(r, 40)));
      return { text: lines.join('\n'), what: `random unicode at ${li + 1}` };
    case 11:
      setValue(pick(r, ODD_TEXT));
      return { text: lines.join('\n'), what: `odd YAML at ${li + 1}` };
    case 12: {
      const cut = int(r, text.length);
      return { text: text.slice(0, cut), what: `truncated at ${cut}` };
    }
    default: {
      const m1 = mutate(r, text);
      const m2 = mutate(r, m1.text);
      return { text: m2.text, what: `${m1.what}; ${m2.what}` };
    }
  }
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-fuzz-'));
  // One content root per year, so a run checks only the year of the file it mutated.
  for (const year of readdirSync(EXAMPLE).filter((y) => /^\d{4}$/.test(y)))
    cpSync(path.join(EXAMPLE, year), path.join(work, `y${year}`, year), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuzzed example content', () => {
  it(`${RUNS} mutations with seed ${SEED}: no exception, every finding placed, no stack trace`, async () => {
    const files = contentFiles(EXAMPLE);
    const r = mulberry32(SEED);
    const started = performance.now();
    const codes = new Map<string, number>();
    for (let run = 0; run < RUNS; run++) {
      const rel = pick(r, files);
      const year = rel.split('/')[0]!;
      const root = `y${year}`;
      const file = path.join(work, root, rel);
      const original = readFileSync(file, 'utf8');
      const m = mutate(r, original);
      const where = `seed ${SEED} run ${run}: ${rel}: ${m.what}`;
      const t0 = performance.now();
      writeFileSync(file, m.text, m.what.includes('random bytes') ? 'latin1' : 'utf8');
      try {
        let checked: Awaited<ReturnType<typeof checkContent>>;
        try {
          checked = await checkContent(root, work);
          // As `jixiao check` does: every unit that validated is viewed, errors elsewhere or not.
          planDocuments(checked);
        } catch (error) {
          throw new Error(`${where}: ${error instanceof Error ? error.stack : String(error)}`);
        }
        for (const f of checked.findings.items) {
          codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
          if (!f.at?.file || !(f.at.line >= 1))
            throw new Error(`${where}: finding without a place: ${JSON.stringify(f).slice(0, 300)}`);
          // A message quotes an excerpt of a value, never a whole 10 MB one.
          if (f.message.length > 2000)
            throw new Error(`${where}: ${f.code} message of ${f.message.length} characters`);
        }
        const t1 = performance.now();
        const cli = await runCli(['check', root], work);
        if (process.env['FUZZ_PROFILE'] && performance.now() - t1 > 1000)
          console.log(
            `cli ${(performance.now() - t1).toFixed(0)} ms, check ${(t1 - t0).toFixed(0)} ms, out ${cli.out.length} chars, findings ${checked.findings.items.length}: ${checked.findings.items
              .map((f) => `${f.code} ${f.message.length}`)
              .join(', ')
              .slice(0, 400)}`,
          );
        const shown = `${cli.out}\n${cli.err}`;
        if (![0, 1].includes(cli.code) || /\n\s+at .+:\d+:\d+\)?/.test(shown) || shown.includes('内部错误'))
          throw new Error(`${where}: jixiao check exit ${cli.code}: ${shown.slice(-1000)}`);
      } finally {
        writeFileSync(file, original);
      }
      if (process.env['FUZZ_PROFILE'] && performance.now() - t0 > 300)
        console.log(`${(performance.now() - t0).toFixed(0)} ms ${where}`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${RUNS} runs in ${seconds.toFixed(1)} s (${(RUNS / seconds).toFixed(0)} runs/s), seed ${SEED}; ` +
        `finding codes: ${[...codes]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}`,
    );
    expect(codes.size).toBeGreaterThan(10);
  }, 600_000);
});
