/**
 * Renders documents on worker threads, one per core: each worker loads the renderers and parses the fonts
 * once, then renders job after job and writes each file itself (streamed to its staged path), so the main
 * thread holds no output bytes and memory stays flat however many documents a build has.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IntermediateDocument } from '../document/types.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import type { MissingGlyph } from './pdf/coverage.js';

export type RenderFormat = 'docx' | 'pdf';

export interface RenderJob {
  doc: IntermediateDocument;
  format: RenderFormat;
  /** Where the worker writes the bytes (a staged temporary file); none: render only, to warm the worker. */
  file?: string;
}

export interface RenderDone {
  ms: number;
  bytes: number;
  /** For a PDF: the characters its fonts cannot show (checked here, where the fonts are parsed already). */
  missing: MissingGlyph[];
}

/** Messages between the pool and its workers. */
export type ToWorker = { id: number; job: RenderJob };
export type FromWorker =
  | { id: number; ok: true; done: RenderDone }
  | { id: number; ok: false; message: string };

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * Starts the worker script beside this file. From the compiled package it is plain JavaScript; from the
 * TypeScript sources (the test suite) a small bootstrap registers tsx in the worker first.
 */
function startWorker(fonts: ResolvedFonts): Worker {
  const workerData = { fonts };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./render-worker.js', import.meta.url), { workerData });
  const entry = new URL('./render-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ id: number; job: RenderJob }> = [];
  /** Jobs that only warm a worker: taken when no real job waits. */
  private readonly idle: Array<{ id: number; job: RenderJob }> = [];
  private readonly pending = new Map<
    number,
    { resolve: (d: RenderDone) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private roomWaiters: Array<() => void> = [];

  constructor(
    readonly fonts: ResolvedFonts,
    readonly size = defaultPoolSize(),
  ) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(fonts);
      const slot: Slot = { worker, busy: false };
      worker.on('message', (msg: FromWorker) => this.settle(slot, msg));
      worker.on('error', (err) => this.failAll(err));
      // Workers never keep a finished build (or the watch session's idle time) from exiting.
      worker.unref();
      this.slots.push(slot);
    }
  }

  render(job: RenderJob): Promise<RenderDone> {
    return this.enqueue(job, this.queue);
  }

  /** Renders a document without writing it, when the workers have nothing else to do. */
  warm(doc: IntermediateDocument, format: RenderFormat): Promise<RenderDone> {
    return this.enqueue({ doc, format }, this.idle);
  }

  private enqueue(job: RenderJob, queue: Array<{ id: number; job: RenderJob }>): Promise<RenderDone> {
    const id = this.nextId++;
    const promise = new Promise<RenderDone>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    queue.push({ id, job });
    this.pump();
    return promise;
  }

  /** Jobs waiting for a free worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves once no more than `max` jobs wait: the producer pauses so queued documents stay few. */
  async room(max: number): Promise<void> {
    while (this.queue.length > max) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.queue.shift() ?? this.idle.shift();
      if (!next) return;
      slot.busy = true;
      slot.worker.ref();
      slot.worker.postMessage(next satisfies ToWorker);
    }
  }

  private settle(slot: Slot, msg: FromWorker): void {
    slot.busy = false;
    slot.worker.unref();
    const waiter = this.pending.get(msg.id);
    this.pending.delete(msg.id);
    if (msg.ok) waiter?.resolve(msg.done);
    else waiter?.reject(new Error(msg.message));
    this.pump();
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  private failAll(err: Error): void {
    for (const [, waiter] of this.pending) waiter.reject(err);
    this.pending.clear();
  }
}
