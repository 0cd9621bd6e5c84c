/** A render worker (see worker-pool.ts): renders a document and writes the file it was given. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { writeDurably } from '../output/atomic.js';
import { renderDocx, renderPdf } from './index.js';
import type { FromWorker, ToWorker } from './worker-pool.js';

const fonts = (workerData as { fonts: ResolvedFonts }).fonts;

parentPort!.on('message', async ({ id, job }: ToWorker) => {
  let reply: FromWorker;
  try {
    const started = performance.now();
    const bytes = await (job.format === 'docx' ? renderDocx : renderPdf)(job.doc, { fonts });
    await writeDurably(job.file, bytes);
    reply = { id, ok: true, done: { ms: performance.now() - started, bytes: bytes.length } };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
