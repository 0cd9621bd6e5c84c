import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { RenderCrash, RenderPool } from '../../src/render/worker-pool.js';
import { parseMarkup } from '../../src/template/markup.js';

const doc = parseMarkup(
  '<document title="池"><section paper="A4" grid="gongwen" page-numbers="gongwen"><title>工作线程</title><p>正文 2024 年。</p></section></document>',
);

describe('the render pool', () => {
  const pool = new RenderPool(resolveFonts(process.cwd()), 2);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-pool-'));
  afterAll(() => pool.close());

  it('warms a worker by rendering without writing anything, and still renders real jobs to their files', async () => {
    const warmed = await Promise.all([pool.warm(doc, 'pdf'), pool.warm(doc, 'docx')]);
    expect(warmed.every((w) => w.bytes > 1000)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    const file = path.join(dir, 'out.pdf');
    const done = await pool.render({ doc, format: 'pdf', file });
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(file).length).toBe(done.bytes);
  });
});

describe('a render worker that dies', () => {
  it('fails only its own job, is replaced, and the pool renders on', async () => {
    // The worker's test hook: a document holding this text ends the worker thread mid-job. A worker reads
    // it when it starts, so it stays set while replacements start too (either worker may take a job).
    process.env.JIXIAO_TEST_WORKER_EXIT_ON = '【退出】';
    const pool = new RenderPool(resolveFonts(process.cwd()), 2);
    try {
      const deadly = parseMarkup(
        '<document title="池"><section paper="A4"><p>【退出】</p></section></document>',
      );
      const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-pool-'));
      const jobs = [deadly, doc, deadly, doc, doc].map((d, i) =>
        pool.render({ doc: d, format: 'pdf', file: path.join(dir, `${i}.pdf`) }),
      );
      const settled = await Promise.allSettled(jobs);
      expect(settled.map((s) => s.status)).toEqual([
        'rejected',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const crash = (settled[0] as PromiseRejectedResult).reason;
      expect(crash).toBeInstanceOf(RenderCrash);
      expect(crash.message).toBe('渲染线程意外退出（退出码 70）');
      expect(readdirSync(dir).sort()).toEqual(['1.pdf', '3.pdf', '4.pdf']);
      // Both places are filled again: two documents render side by side.
      const after = await Promise.all([
        pool.render({ doc, format: 'pdf', file: path.join(dir, 'a.pdf') }),
        pool.render({ doc, format: 'docx', file: path.join(dir, 'b.docx') }),
      ]);
      expect(after.every((d) => d.bytes > 1000)).toBe(true);
    } finally {
      delete process.env.JIXIAO_TEST_WORKER_EXIT_ON;
      await pool.close();
    }
  });
});
