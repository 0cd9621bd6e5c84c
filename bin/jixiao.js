#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('jixiao 尚未编译：请先在项目目录运行 npm install（或 npm run build）。\n');
  process.exit(2);
}
// Start-up tuning first, before the CLI's modules are compiled (see src/cli/v8-startup.ts); optional.
try {
  const { startUpQuickly } = await import(new URL('../dist/cli/v8-startup.js', import.meta.url).href);
  startUpQuickly();
} catch {
  // A dist/ built before the tuning existed: run without it.
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
