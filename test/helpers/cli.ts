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

/**
 * Ends a command a test started (`jixiao watch`): SIGTERM, as a user's terminal would send, then SIGKILL
 * if it has not exited within `graceMs`, so a test run never leaves a process behind.
 */
export async function endProcess(child: import('node:child_process').ChildProcess, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Waits until what a running command printed since `from` (`read()` gives all of it) matches; returns that. */
export async function waitForOutput(
  read: () => string,
  pattern: RegExp,
  from: number,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fresh = read().slice(from);
    if (pattern.test(fresh)) return fresh;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern}; output so far:\n${read().slice(from)}`);
}
