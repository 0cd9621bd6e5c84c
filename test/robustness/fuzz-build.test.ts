/**
 * Fuzz test of what `build` does with hostile text: names, indicators, goals and narrative lines of the
 * example content replaced by strings made of path parts (`../`, `/`, `\`), characters Windows forbids in
 * file names, reserved device names, control characters, markup, Handlebars and Markdown syntax, and very
 * long text. For every mutation: `check` does not throw and places every finding; when it finds no error,
 * every planned document goes through its template into an intermediate document without an error (what
 * can fail in `build` fails in `check` first); and every 50th run a real `jixiao build` writes only inside
 * its output folder, only file names Windows can hold, and never prints a stack trace.
 *
 * CI runs a fixed seed and 1,000 runs. A longer run:
 *
 *   FUZZ_BUILD_RUNS=5000 FUZZ_SEED=7 npx vitest run test/robustness/fuzz-build.test.ts
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/pipeline/check-content.js';
import { planDocuments } from '../../src/pipeline/plan-documents.js';
import { renderTemplateToDocument } from '../../src/render/index.js';
import { runCli } from '../helpers/cli.js';
import { contentFiles, int, mulberry32, pick, type Rand } from '../helpers/fuzz.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const RUNS = Number(process.env['FUZZ_BUILD_RUNS'] ?? 1000);
/** A real build (DOCX and PDF) every this many runs. */
const BUILD_EVERY = Number(process.env['FUZZ_BUILD_EVERY'] ?? 50);
const EXAMPLE = path.resolve(import.meta.dirname, '../../content');

/** Pieces of hostile text; a mutation strings one to four of them together around ordinary words. */
const PIECES = [
  '../',
  '../../../tmp/PWNED-',
  '..\\..\\',
  '/',
  '\\',
  'a/b',
  '<',
  '>',
  ':',
  '"',
  '|',
  '?',
  '*',
  '\t',
  '\n',
  '\r\n',
  'CON',
  'nul',
  'COM1',
  'LPT9.txt',
  ' ',
  '.',
  '. ',
  '{{',
  '}}',
  '}}}',
  '{{部门预算}}',
  '{{constructor}}',
  '{{__proto__}}',
  '{{this}}',
  '{{#each x}}',
  '**',
  '# ',
  '\n# 新章',
  '| 甲 | 乙 |',
  '1. ',
  '<!--',
  '-->',
  '<b>',
  '</td>',
  '&amp;',
  '&#x110000;',
  ']]>',
  '\u202E',
  '\u200B',
  '😀',
  '𠀀',
  '\uE000',
  '\x1b[31m',
  '\x07',
  '年',
  '字'.repeat(120),
  'x'.repeat(300),
];
const WORDS = ['社会组织管理', '民政局', '项目', '2020年', '指标'];

function hostile(r: Rand): string {
  let s = pick(r, WORDS);
  for (let i = 0, n = 1 + int(r, 4); i < n; i++) s += pick(r, PIECES) + (r() < 0.5 ? pick(r, WORDS) : '');
  return s;
}

/** Keys whose text reaches a document or a file name. */
const TEXT_KEYS =
  /^(\s*-?\s*)(name|short_name|supervisor|preparer|title|text|goal|completion|target|actual|standard|deviation|problems|rectification|functions|note)(: )(.*)$/;

function mutate(r: Rand, rel: string, text: string): { text: string; what: string } | undefined {
  const lines = text.split('\n');
  if (rel.endsWith('.md')) {
    const at = int(r, lines.length + 1);
    const h = hostile(r);
    lines.splice(at, r() < 0.5 ? 1 : 0, h);
    return { text: lines.join('\n'), what: `report line ${at + 1} = ${JSON.stringify(h)}` };
  }
  const candidates = lines.flatMap((l, i) => (TEXT_KEYS.test(l) ? [i] : []));
  if (!candidates.length) return undefined;
  const at = pick(r, candidates);
  const h = hostile(r);
  // A JSON string is a YAML double-quoted scalar: the hostile text arrives as typed.
  lines[at] = lines[at]!.replace(TEXT_KEYS, (_, lead, key, sep) => `${lead}${key}${sep}${JSON.stringify(h)}`);
  return { text: lines.join('\n'), what: `line ${at + 1} = ${JSON.stringify(h)}` };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [e.name, ...walk(path.join(dir, e.name)).map((f) => `${e.name}/${f}`)] : [e.name],
  );
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
/** Why a path component could not be created on Windows (or on Linux as one component), if it could not. */
function unportable(name: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  if (/[<>:"/\\|?*\x00-\x1f]/.test(name)) return 'forbidden character';
  if (/[. ]$/.test(name)) return 'ends with a dot or space';
  if (WINDOWS_RESERVED.test(name)) return 'reserved device name';
  if (Buffer.byteLength(name) > 255) return 'longer than 255 bytes';
  return undefined;
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-fuzz-build-'));
  for (const year of readdirSync(EXAMPLE).filter((y) => /^\d{4}$/.test(y)))
    cpSync(path.join(EXAMPLE, year), path.join(work, `y${year}`, year), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuzzed text on its way into documents and file names', () => {
  it(`${RUNS} mutations with seed ${SEED}: check places every finding, a clean check builds, nothing escapes the output folder`, async () => {
    const files = contentFiles(EXAMPLE).filter((f) => /\.(ya?ml|md)$/.test(f));
    const r = mulberry32(SEED);
    let clean = 0;
    let built = 0;
    for (let run = 0; run < RUNS; run++) {
      const rel = pick(r, files);
      const root = `y${rel.split('/')[0]}`;
      const file = path.join(work, root, rel);
      const original = readFileSync(file, 'utf8');
      const m = mutate(r, rel, original);
      if (!m) continue;
      const where = `seed ${SEED} run ${run}: ${rel}: ${m.what}`;
      writeFileSync(file, m.text);
      try {
        const checked = await checkContent(root, work).catch((error: unknown) => {
          throw new Error(`${where}: check threw ${error instanceof Error ? error.stack : String(error)}`);
        });
        // As `jixiao check` does: the views (narrative figures) run for every unit that validated.
        const planned = planDocuments(checked);
        if (checked.findings.errorCount === 0) {
          clean++;
          for (const p of planned) {
            try {
              renderTemplateToDocument(p.kind.template, p.context);
            } catch (error) {
              throw new Error(
                `${where}: check was clean but ${p.kind.id} failed in its template: ${error instanceof Error ? error.message : String(error)}`,
              );
            }
          }
        }
        for (const f of checked.findings.items)
          if (!f.at?.file || !(f.at.line >= 1))
            throw new Error(`${where}: finding without a place: ${JSON.stringify(f).slice(0, 300)}`);
        if (run % BUILD_EVERY === 0) {
          built++;
          // The output folder sits two levels down, so a name climbing out of it lands in `jail`.
          const jail = path.join(work, 'out', String(run));
          mkdirSync(jail, { recursive: true });
          const out = path.join(jail, 'a', 'b');
          const cli = await runCli(['build', root, '--out', out], work);
          const shown = `${cli.out}\n${cli.err}`;
          expect([0, 1], `${where}: exit ${cli.code}: ${shown.slice(-800)}`).toContain(cli.code);
          expect(/\n\s+at .+:\d+:\d+\)?/.test(shown), `${where}: stack trace: ${shown.slice(-800)}`).toBe(
            false,
          );
          // Nothing beside the output folder's own path (a build stopped by errors makes no folder at all).
          for (const [dir, only] of [
            [jail, 'a'],
            [path.join(jail, 'a'), 'b'],
          ] as const) {
            const entries = readdirSync(dir);
            expect(
              entries.filter((e) => e !== only),
              `${where}: written outside the output folder`,
            ).toEqual([]);
            if (!entries.includes(only)) break;
          }
          // Exit 1 may still have built the units without errors: their names are checked too.
          if (!existsSync(out)) {
            rmSync(jail, { recursive: true, force: true });
            continue;
          }
          for (const written of walk(out).filter((f) => !f.startsWith('.jixiao'))) {
            for (const part of written.split('/'))
              expect(unportable(part), `${where}: ${JSON.stringify(written)}`).toBeUndefined();
          }
          rmSync(jail, { recursive: true, force: true });
        }
      } finally {
        writeFileSync(file, original);
      }
    }
    console.log(`fuzz build: ${RUNS} runs, seed ${SEED}; ${clean} passed check, ${built} real builds`);
    // The mutations must not all be rejected: most hostile text is legal content.
    expect(clean).toBeGreaterThan(RUNS / 4);
  }, 1_200_000);
});
