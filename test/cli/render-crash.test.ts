import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPoolSize } from '../../src/render/worker-pool.js';
import { runCli } from '../helpers/cli.js';

/**
 * A render worker that dies (out of memory, a native crash) is jixiao's failure, not the clerk's: `jixiao
 * build` exits 2 with its own line, not 1 with "内容有 N 个错误". The worker's test hook ends it on a document
 * holding this text; documents go to workers only where there are two cores or more.
 */
const REPO = path.resolve(import.meta.dirname, '../..');
const CRASH = '【渲染线程退出测试】';
const UNIT = 'content/2024/futian-minzheng';
let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'jixiao-crash-'));
  cpSync(path.join(REPO, UNIT), path.join(work, UNIT), { recursive: true });
  const tasks = path.join(work, UNIT, 'tasks.yaml');
  writeFileSync(tasks, readFileSync(tasks, 'utf8').replace('主要用于人员', `${CRASH}主要用于人员`));
  process.env.JIXIAO_TEST_WORKER_EXIT_ON = CRASH;
});

afterEach(() => {
  delete process.env.JIXIAO_TEST_WORKER_EXIT_ON;
  rmSync(work, { recursive: true, force: true });
});

describe('jixiao build when a render worker crashes', () => {
  it.skipIf(defaultPoolSize() < 2)(
    'exits 2 with an internal-failure line, not a content error',
    async () => {
      const r = await runCli(['build', '--out', 'out', '--format', 'pdf'], work);
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/unit\.yaml:1:1 错误.*渲染线程意外退出/);
      expect(r.out).toContain('渲染线程意外退出（jixiao 内部错误，不是内容有误），未生成任何文件');
      expect(r.out).not.toMatch(/内容有 \d+ 个错误/);
      expect(existsSync(path.join(work, 'out/2024'))).toBe(false);

      const json = await runCli(['build', '--out', 'out', '--format', 'pdf', '--json'], work);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.out).findings.map((f: { code: string }) => f.code)).toContain('render-crashed');
    },
    120_000,
  );
});
