#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('jixiao 尚未编译：请先在项目目录运行 npm install（或 npm run build）。\n');
  process.exit(2);
}
// Node keeps the compiled code of jixiao and its packages on disk (os.tmpdir()/node-compile-cache), so a
// run after the first starts without compiling them again; the render workers do the same. Node 22.1+.
module.enableCompileCache?.();
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
