/**
 * jixiao as a dependency: a project that has jixiao in its node_modules imports `check` and `build`
 * from 'jixiao' (package.json `exports`, the built dist/), gets findings and written files as data,
 * and its TypeScript sees the result types.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
let project: string;

/** Runs a script of the consuming project with Node, as its own code would. */
function runScript(name: string, source: string): unknown {
  writeFileSync(path.join(project, name), source);
  return JSON.parse(execFileSync(process.execPath, [name], { cwd: project, encoding: 'utf8' }));
}

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'jixiao-consumer-'));
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', type: 'module', dependencies: { jixiao: 'file:../jixiao' } }),
  );
  // What `npm install <path to jixiao>` leaves: a link to the package folder.
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(REPO, path.join(project, 'node_modules/jixiao'), 'dir');
  cpSync(path.join(REPO, 'content/2022'), path.join(project, 'content/2022'), { recursive: true });
});

describe("import { check, build } from 'jixiao'", () => {
  it('checks content and gives findings as data', () => {
    const good = runScript(
      'check.mjs',
      `import { check } from 'jixiao';
const r = await check();
const bad = await check({ contentDir: 'broken' });
console.log(JSON.stringify({ r, bad }));`,
    ) as { r: Record<string, unknown>; bad: Record<string, unknown> };
    expect(good.r).toMatchObject({ ok: true, errors: 0, units: [{ id: '2022/qingshan-minzheng' }] });
    expect((good.r['documents'] as unknown[]).length).toBeGreaterThan(0);
    expect(good.bad).toMatchObject({ ok: false, findings: [{ severity: 'error' }] });
  });

  it('builds the documents and says which files it wrote', () => {
    const { first, second } = runScript(
      'build.mjs',
      `import { build } from 'jixiao';
const first = await build({ outDir: 'out', formats: ['docx'] });
const second = await build({ outDir: 'out', formats: ['docx'] });
console.log(JSON.stringify({ first, second }));`,
    ) as Record<string, { ok: boolean; written: Array<{ file: string }>; unchanged: unknown[] }>;
    expect(first!.ok).toBe(true);
    expect(first!.written.length).toBeGreaterThan(0);
    for (const w of first!.written) expect(w.file.startsWith(path.join(project, 'out'))).toBe(true);
    expect(second).toMatchObject({ ok: true, written: [], unchanged: first!.written });
  });

  it('has type definitions for what it returns', () => {
    writeFileSync(
      path.join(project, 'typed.ts'),
      `import { build, check, type BuildResult, type CheckResult, type Finding } from 'jixiao';
const checked: CheckResult = await check({ contentDir: 'content' });
const line: number | undefined = checked.findings[0]?.at?.line;
const built: BuildResult = await build({ formats: ['pdf'], only: ['2022'] });
const files: string[] = built.written.map((w) => w.file);
const f: Finding | undefined = built.findings[0];
// @ts-expect-error a format jixiao does not write
await build({ formats: ['odt'] });
export { line, files, f };
`,
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['typed.ts'],
      }),
    );
    const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' })).not.toThrow();
  });
});
