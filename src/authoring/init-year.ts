/**
 * `jixiao init YEAR --from PREVIOUS`: a new year's content folder made from last year's. Every unit
 * folder (sub-units too) and every file in it is carried; YAML through carry-yaml, report narratives
 * through carry-narrative, anything else copied as it is. The whole tree is built in a hidden folder
 * beside the target and renamed into place, so the new year appears whole or not at all, and an
 * existing year is never touched.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { parseDocument } from 'yaml';
import { displayPath, UNIT_FILE } from '../load/content-tree.js';
import { stripComments } from '../views/narrative/markdown.js';
import { carryNarrativeText } from './carry-narrative.js';
import { carryYamlText, FILL, OFFER, REVIEW } from './carry-yaml.js';

export interface PlannedFile {
  /** Path relative to the new year's folder, with forward slashes. */
  rel: string;
  data: Buffer;
}

/** One field to fill in, as it reads in the new file. */
export interface TodoItem {
  file: string;
  line: number;
  text: string;
  /** True for an empty value `jixiao check` reports until it is filled in; false for an optional one. */
  required: boolean;
}

/** A file whose carried content should be read over for the new year. */
export interface ReviewItem {
  file: string;
  /** Lines of carried text that still name last year. */
  lines: number[];
  /** Carried or shifted values marked `# 待核对：…` in the file. */
  notes: { line: number; text: string }[];
}

export interface InitPlan {
  fromYear: number;
  year: number;
  /** Absolute folders. */
  fromDir: string;
  targetDir: string;
  units: string[];
  files: PlannedFile[];
}

export type InitResult =
  | { ok: true; plan: InitPlan; written: string[]; todo: TodoItem[]; review: ReviewItem[] }
  | { ok: false; message: string; problems?: string[] };

/** Builds the new year in memory; nothing is written. */
export async function planYear(
  contentRoot: string,
  fromYear: number,
  year: number,
  cwd: string,
): Promise<{ ok: true; plan: InitPlan } | { ok: false; message: string; problems?: string[] }> {
  const root = path.resolve(cwd, contentRoot);
  const fromDir = path.join(root, String(fromYear));
  const targetDir = path.join(root, String(year));
  const show = (abs: string) => displayPath(abs, cwd);
  if (!existsSync(fromDir)) {
    return {
      ok: false,
      message: `找不到 ${fromYear} 年度的内容：${show(fromDir)}/ 不存在。请用 --from 指定已有的年度（${show(root)}/ 下的年度文件夹）。`,
    };
  }
  if (existsSync(targetDir)) {
    return {
      ok: false,
      message: `${year} 年度已经存在：${show(targetDir)}/。jixiao init 不会覆盖已有的内容；如需重新生成，请先自行移走或删除该文件夹。`,
    };
  }
  const entries = (
    await fg(['**/*'], { cwd: fromDir, onlyFiles: true, dot: false, followSymbolicLinks: false })
  ).sort();
  const unitDirs = entries
    .filter((e) => path.posix.basename(e) === UNIT_FILE)
    .map((e) => path.posix.dirname(e));
  if (unitDirs.length === 0) {
    return {
      ok: false,
      message: `${show(fromDir)}/ 中没有任何单位（没有 ${UNIT_FILE}），无法据此生成新年度。`,
    };
  }
  const inUnit = (rel: string) => {
    for (let d = path.posix.dirname(rel); ; d = path.posix.dirname(d)) {
      if (unitDirs.includes(d)) return true;
      if (d === '.' || d === '') return false;
    }
  };
  const files: PlannedFile[] = [];
  const problems: string[] = [];
  for (const rel of entries) {
    const abs = path.join(fromDir, rel);
    const raw = readFileSync(abs);
    const shown = show(abs);
    const isYaml = /\.ya?ml$/i.test(rel);
    const isNarrative = /\.md$/i.test(rel) && inUnit(rel);
    if (!isYaml && !isNarrative) {
      files.push({ rel, data: raw });
      continue;
    }
    const text = raw.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\uFFFD')) {
      problems.push(`${shown}：文件不是 UTF-8 编码，请先另存为 UTF-8`);
      continue;
    }
    if (isNarrative) {
      files.push({ rel, data: Buffer.from(carryNarrativeText(text, { fromYear, year, sourcePath: shown })) });
      continue;
    }
    const doc = parseDocument(text, { uniqueKeys: true, strict: true });
    if (doc.errors.length > 0) {
      problems.push(
        `${shown}：YAML 格式错误（${doc.errors[0]!.message.split('\n')[0]}），请先用 jixiao check 修正`,
      );
      continue;
    }
    // The new file sits at the same depth under the content root as last year's.
    const depth = rel.split('/').length;
    const schemaPrefix = '../'.repeat(depth + 1);
    files.push({
      rel,
      data: Buffer.from(carryYamlText(text, { fromYear, year, sourcePath: shown, schemaPrefix })),
    });
  }
  if (problems.length > 0) {
    return { ok: false, message: `${fromYear} 年度的文件无法读取，没有生成任何内容：`, problems };
  }
  return { ok: true, plan: { fromYear, year, fromDir, targetDir, units: unitDirs, files } };
}

/** Writes the planned tree into a hidden folder beside the target, then renames it into place. */
export async function writeYear(plan: InitPlan): Promise<void> {
  const parent = path.dirname(plan.targetDir);
  const tmp = path.join(parent, `.${plan.year}.init-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    for (const f of plan.files) {
      const target = path.join(tmp, ...f.rel.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, f.data, { flag: 'wx' });
    }
    await mkdir(tmp, { recursive: true });
    if (existsSync(plan.targetDir)) throw new Error(`${plan.targetDir} appeared while writing`);
    await rename(tmp, plan.targetDir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

const YAML_FILL = new RegExp(`#\\s*${FILL}(.*)$`);
const YAML_OFFER = new RegExp(`#\\s*${OFFER}(.*)$`);
const YAML_REVIEW = new RegExp(`#\\s*${REVIEW}(.*)$`);
const MD_FILL = new RegExp(`<!--\\s*${FILL}(.*?)\\s*-->`);

/** What the author must fill in, read back from the files as written, so the lines are the real ones. */
export function todoList(plan: InitPlan, cwd: string): TodoItem[] {
  const out: TodoItem[] = [];
  for (const f of plan.files) {
    const file = displayPath(path.join(plan.targetDir, ...f.rel.split('/')), cwd);
    const yaml = /\.ya?ml$/i.test(f.rel);
    const md = /\.md$/i.test(f.rel);
    if (!yaml && !md) continue;
    const lines = f.data.toString('utf8').split('\n');
    lines.forEach((line, i) => {
      const fill = md ? MD_FILL.exec(line) : YAML_FILL.exec(line);
      if (fill) {
        out.push({ file, line: i + 1, text: fill[1]!.trim(), required: yaml });
        return;
      }
      const offer = yaml ? YAML_OFFER.exec(line) : null;
      if (offer) out.push({ file, line: i + 1, text: offer[1]!.trim(), required: false });
    });
  }
  return out;
}

/** Carried text that still names last year (a target "2024 年 12 月完成", a plan's title) is worth a look. */
export function reviewList(plan: InitPlan, cwd: string): ReviewItem[] {
  // Not inside a name such as shenzhen-2021 (a framework).
  const year = new RegExp(`(?<![\\w-])${plan.fromYear}(?!\\d)`);
  const out: ReviewItem[] = [];
  for (const f of plan.files) {
    const yaml = /\.ya?ml$/i.test(f.rel);
    if (!yaml && !/\.md$/i.test(f.rel)) continue;
    const file = displayPath(path.join(plan.targetDir, ...f.rel.split('/')), cwd);
    const lines: number[] = [];
    const notes: { line: number; text: string }[] = [];
    const text = f.data.toString('utf8');
    (yaml ? text : stripComments(text)).split('\n').forEach((line, i) => {
      const note = yaml ? YAML_REVIEW.exec(line) : null;
      if (note) notes.push({ line: i + 1, text: note[1]!.trim() });
      const content = yaml ? line.replace(/(^|\s)#.*$/, '') : line;
      // History keys (`2024: …`) are the shift itself, not stale text.
      if (year.test(content) && !/^\s*\d{4}\s*:/.test(content)) lines.push(i + 1);
    });
    out.push({ file, lines, notes });
  }
  return out;
}

export async function initYear(
  contentRoot: string,
  fromYear: number,
  year: number,
  cwd: string,
): Promise<InitResult> {
  const planned = await planYear(contentRoot, fromYear, year, cwd);
  if (!planned.ok) return planned;
  const { plan } = planned;
  await writeYear(plan);
  const written = plan.files.map((f) => displayPath(path.join(plan.targetDir, ...f.rel.split('/')), cwd));
  return { ok: true, plan, written, todo: todoList(plan, cwd), review: reviewList(plan, cwd) };
}
