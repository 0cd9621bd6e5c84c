/**
 * The versions of the packages that turn a document into bytes, as installed: the PDF patches apply
 * only on the versions they were written against, and the build manifest rebuilds everything when one
 * of them (or Node, or its zlib) changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Every package whose version can change an output file's bytes. */
export const ENGINE_PACKAGES = [
  'pdfmake',
  'pdfkit',
  'fontkit',
  'docx',
  'exceljs',
  'fflate',
  'handlebars',
] as const;

/**
 * Test hook, read from the environment so that render workers see it too:
 * `JIXIAO_TEST_ENGINE_VERSIONS=pdfmake@0.3.12,fontkit@2.0.5` makes those packages look like other
 * versions than the installed ones.
 */
const FAKE_VERSIONS = 'JIXIAO_TEST_ENGINE_VERSIONS';

export function installedVersion(pkg: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const pair of (env[FAKE_VERSIONS] ?? '').split(',')) {
    const at = pair.lastIndexOf('@');
    if (at > 0 && pair.slice(0, at).trim() === pkg) return pair.slice(at + 1).trim();
  }
  try {
    // The package.json beside the code that is loaded (fontkit's exports do not list its package.json).
    let dir = path.dirname(require.resolve(pkg));
    for (;;) {
      const file = path.join(dir, 'package.json');
      if (existsSync(file)) {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg) return json.version;
      }
      const up = path.dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  } catch {
    return undefined;
  }
}

/** `name@version` of every engine package, Node and its zlib, one a line. */
export function engineVersions(env: NodeJS.ProcessEnv = process.env): string {
  return [
    ...ENGINE_PACKAGES.map((pkg) => `${pkg}@${installedVersion(pkg, env) ?? '?'}`),
    `node@${process.versions.node}`,
    `zlib@${process.versions.zlib}`,
  ].join('\n');
}
