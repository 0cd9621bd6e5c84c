/**
 * Renders documents on worker threads, one per core: each worker loads the renderers and parses the fonts
 * once, then renders job after job. A job's bytes come back to this thread, which writes them to the
 * job's staged path while the worker renders its next document (a synced write mostly waits for the
 * disk); a file's bytes are let go once it is written, so memory stays flat however many documents a
 * build has.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IntermediateDocument } from '../document/types.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import { writeDurably } from '../output/atomic.js';
import type { MissingGlyph } from './pdf/coverage.js';

export type RenderFormat = 'docx' | 'pdf' | 'xlsx';

export interface RenderJob {
  doc: IntermediateDocument;
  format: RenderFormat;
  /** Where the bytes are written (a staged temporary file); none: render only, to warm the worker. */
  file?: string;
}

export interface RenderDone {
  /** Rendering time in the worker (the file's write is not counted). */
  ms: number;
  bytes: number;
  /** For a PDF: the characters its fonts cannot show (checked here, where the fonts are parsed already). */
  missing: MissingGlyph[];
}

/** Messages between the pool and its workers. */
export type ToWorker = { id: number; job: RenderJob };
export type FromWorker =
  | { id: number; ok: true; done: RenderDone; data?: Uint8Array }
  | { id: number; ok: false; message: string };

interface Slot {
  worker: Worker;
  /** The job this worker is rendering, if any. */
  job?: number;
  /** What the worker threw before it stopped, when it threw. */
  error?: Error;
}

/**
 * A render worker stopped while rendering this job (it ran out of memory, or a bug in a renderer ended
 * the thread). Only that job fails; the pool starts a new worker for the next one.
 */
export class RenderCrash extends Error {
  constructor(readonly reason: string) {
    super(`渲染线程意外退出（${reason}）`);
    this.name = 'RenderCrash';
  }
}

/** Workers that stop with no job in hand, one after another, before the pool gives up starting them. */
const MAX_IDLE_CRASHES = 3;

/**
 * Starts the worker script beside this file. From the compiled package it is plain JavaScript, loaded
 * after the worker turns on Node's compile cache (as bin/jixiao.js does: the renderers are most of what
 * a worker compiles); from the TypeScript sources (the test suite) a small bootstrap registers tsx in
 * the worker first.
 */
function startWorker(fonts: ResolvedFonts): Worker {
  const workerData = { fonts };
  if (!import.meta.url.endsWith('.ts')) {
    const script = JSON.stringify(new URL('./render-worker.js', import.meta.url).href);
    const bootstrap = `import('node:module').then((m) => m.enableCompileCache?.()).then(() => import(${script}));`;
    return new Worker(bootstrap, { eval: true, workerData });
  }
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
    { file?: string; resolve: (d: RenderDone) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  /** Files being written: while as many wait as there are workers, twice, no worker gets a new job. */
  private writing = 0;
  private roomWaiters: Array<() => void> = [];
  private closing = false;
  private idleCrashes = 0;
  /** Set when workers keep stopping as soon as they start: every job then fails at once with it. */
  private broken?: Error;

  constructor(
    readonly fonts: ResolvedFonts,
    readonly size = defaultPoolSize(),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  private start(): Slot {
    const slot: Slot = { worker: startWorker(this.fonts) };
    slot.worker.on('message', (msg: FromWorker) => this.settle(slot, msg));
    slot.worker.on('error', (error) => {
      slot.error = error;
    });
    slot.worker.on('exit', (code) => this.replace(slot, code));
    // Workers never keep a finished build (or the watch session's idle time) from exiting.
    slot.worker.unref();
    return slot;
  }

  render(job: RenderJob): Promise<RenderDone> {
    return this.enqueue(job, this.queue);
  }

  /** Renders a document without writing it, when the workers have nothing else to do. */
  warm(doc: IntermediateDocument, format: RenderFormat): Promise<RenderDone> {
    return this.enqueue({ doc, format }, this.idle);
  }

  private enqueue(job: RenderJob, queue: Array<{ id: number; job: RenderJob }>): Promise<RenderDone> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const promise = new Promise<RenderDone>((resolve, reject) =>
      this.pending.set(id, { file: job.file, resolve, reject }),
    );
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
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.writing >= this.size * 2) return;
      if (slot.job !== undefined) continue;
      const next = this.queue.shift() ?? this.idle.shift();
      if (!next) return;
      slot.job = next.id;
      slot.worker.ref();
      slot.worker.postMessage(next satisfies ToWorker);
    }
  }

  private settle(slot: Slot, msg: FromWorker): void {
    slot.job = undefined;
    slot.worker.unref();
    this.idleCrashes = 0;
    if (!msg.ok) {
      this.finish(msg.id, { error: new Error(msg.message) });
      return;
    }
    const file = this.pending.get(msg.id)?.file;
    if (file === undefined || !msg.data) {
      this.finish(msg.id, { done: msg.done });
      return;
    }
    // The worker is free for its next job at once; the job is done when its file is.
    this.writing++;
    this.pump();
    writeDurably(file, msg.data).then(
      () => {
        this.writing--;
        this.finish(msg.id, { done: msg.done });
      },
      // A write error keeps its errno code and path, so the build can report it as a finding.
      (error: Error) => {
        this.writing--;
        this.finish(msg.id, { error });
      },
    );
  }

  private finish(id: number, outcome: { done: RenderDone } | { error: Error }): void {
    const waiter = this.pending.get(id);
    this.pending.delete(id);
    if ('done' in outcome) waiter?.resolve(outcome.done);
    else waiter?.reject(outcome.error);
    this.pump();
    for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /** A worker stopped: its job (only that one) fails, and a new worker takes its place. */
  private replace(slot: Slot, code: number): void {
    if (this.closing) return;
    const crash = new RenderCrash(crashReason(slot.error, code));
    const job = slot.job;
    slot.job = undefined;
    if (job === undefined && ++this.idleCrashes >= MAX_IDLE_CRASHES) this.broken ??= crash;
    const index = this.slots.indexOf(slot);
    if (!this.broken) this.slots[index] = this.start();
    else {
      // Workers cannot even start (a broken install): waiting jobs fail rather than wait forever.
      this.slots.splice(index, 1);
      for (const { id } of [...this.queue.splice(0), ...this.idle.splice(0)])
        this.finish(id, { error: crash });
    }
    if (job !== undefined) this.finish(job, { error: crash });
    else this.pump();
  }
}

/** Why a worker stopped, in the words a finding shows. */
function crashReason(error: Error | undefined, code: number): string {
  if ((error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return '内存不足';
  if (error) return `出错：${error.message}`;
  return `退出码 ${code}`;
}
