import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';

/** Runs the CLI in-process and captures what a user would see on the terminal. */
export async function runCli(
  args: string[],
  cwd = process.cwd(),
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd };
  const code = await run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
