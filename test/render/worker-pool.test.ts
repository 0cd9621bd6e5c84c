import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { RenderPool } from '../../src/render/worker-pool.js';
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
