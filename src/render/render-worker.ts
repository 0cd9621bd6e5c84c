/** A render worker (see worker-pool.ts): renders a document and hands its bytes back to be written. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { parseMarkup } from '../template/markup.js';
import { renderDocx, renderPdf, renderXlsx } from './index.js';
import { missingGlyphs } from './pdf/coverage.js';
import type { FromWorker, ToWorker } from './worker-pool.js';

const fonts = (workerData as { fonts: ResolvedFonts }).fonts;

/**
 * A small document that touches every font role and block kind. Rendered once when the worker starts, it
 * parses the fonts and compiles the renderers while the main thread is still checking the content, so the
 * first real document does not pay for them. The XLSX back-end is left cold: exceljs loads with a build's
 * first workbook, so that builds without XLSX do not pay for it.
 */
const WARM_UP = `<document title="预热"><section paper="A4" grid="gongwen" page-numbers="gongwen">
<title>预热文书</title><h1>一级标题</h1><h2>二级标题</h2><h3>三级标题</h3>
<p>正文，包括数字 2024 年 86.275 万元和<b>加粗</b>文字。</p><list style="decimal"><item>条目</item></list>
<table widths="1 1" header-rows="1" font-size="9" group-columns="0"><tr><td bold="true">表头</td><td>金额</td></tr>
<tr><td>分组</td><td align="right">1.00</td></tr></table></section></document>`;

const ready = (async () => {
  try {
    const doc = parseMarkup(WARM_UP);
    await renderPdf(doc, { fonts });
    await renderDocx(doc, { fonts });
  } catch {
    // A warm-up failure is not fatal: the real document reports its own error.
  }
})();

/**
 * Test hook: a worker given a document that contains this text ends at once, as one killed mid-render
 * (out of memory, a native crash) does, so the tests can check that the pool replaces it.
 */
const exitOn = process.env.JIXIAO_TEST_WORKER_EXIT_ON;

parentPort!.on('message', async ({ id, job }: ToWorker) => {
  let reply: FromWorker;
  await ready;
  if (exitOn && JSON.stringify(job.doc).includes(exitOn)) process.exit(70);
  try {
    const started = performance.now();
    const render = { docx: renderDocx, pdf: renderPdf, xlsx: renderXlsx }[job.format];
    const bytes = await render(job.doc, { fonts });
    const missing = job.format === 'pdf' && job.file !== undefined ? missingGlyphs(job.doc, fonts) : [];
    const done = { ms: performance.now() - started, bytes: bytes.length, missing };
    // A warm-up's bytes are not wanted; a real job's are copied to the pool, which writes the file.
    reply = job.file === undefined ? { id, ok: true, done } : { id, ok: true, done, data: bytes };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
