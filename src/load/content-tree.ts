import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import { LIST_PARTS } from '../model/content.js';
import { cleanedMessage, cleanText } from './control-chars.js';
import { type InheritedFacts, inheritedFacts } from './inherited-facts.js';
import {
  type DataPath,
  type Located,
  locateInFile,
  locateInParts,
  locateKey,
  type PartSource,
} from './locate.js';
import { parseYamlFile, toPlainData, type YamlFile } from './yaml-file.js';

/** A narrative text file (Markdown) that belongs to a unit. */
export interface NarrativeSource {
  /** File name without extension, e.g. `report`. */
  name: string;
  path: string;
  text: string;
}

/** One unit's files, merged into plain data, with a way back to the source position of any value. */
export interface LoadedUnit {
  /** Path of the unit folder relative to the content root, e.g. `2020/longgang-minzheng`. */
  id: string;
  /** The unit folder as shown to the user. */
  displayDir: string;
  year: number;
  parentId?: string;
  /** True when one of the unit's files could not be read or parsed: its data is partial, so it is not validated. */
  incomplete: boolean;
  data: Record<string, unknown>;
  /** 评价框架 and 评分规则 as this unit states them or inherits them from the units above it. */
  inherited: InheritedFacts;
  narratives: NarrativeSource[];
  files: YamlFile[];
  locate(path: DataPath): Located;
  locateKey(path: DataPath, key: string): SourcePosition | undefined;
}

export interface LoadedContent {
  /** The content root: the folder holding the year folders (inferred when a year or unit folder was given). */
  root: string;
  /** The project folder (the content root's parent): where its own frameworks/ and rules/ are looked up. */
  projectDir: string;
  /** Every unit loaded, in folder order (a unit, then its sub-units). */
  units: LoadedUnit[];
  /** Every unit folder found (relative to the root), also those that could not be loaded: what `check` counts. */
  unitFolders: string[];
  /** Source text by displayed path, for printing the offending line. */
  sources: Map<string, string>;
}

export const UNIT_FILE = 'unit.yaml';

/** Shows paths relative to where the user ran the command, with forward slashes on every system. */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, absolute);
  return (rel && !rel.startsWith('..') ? rel : absolute).split(path.sep).join('/');
}

function readText(absolute: string, shown: string, findings: Findings): string | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(absolute);
  } catch {
    findings.error('file-unreadable', `无法读取文件 ${shown}`, { file: shown, line: 1, col: 1 });
    return undefined;
  }
  // A U+FFFD written in the file is a character like any other; only bytes that are not UTF-8 are refused.
  const bad = firstInvalidUtf8(buf);
  if (bad >= 0) {
    const before = buf.subarray(0, bad).toString('utf8');
    findings.error('file-not-utf8', '文件不是 UTF-8 编码（可能以 GBK/ANSI 保存）；请在编辑器中另存为 UTF-8', {
      file: shown,
      line: before.split('\n').length,
      col: before.length - before.lastIndexOf('\n'),
    });
    return undefined;
  }
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Byte offset of the first byte sequence that is not UTF-8, or -1. */
function firstInvalidUtf8(buf: Buffer): number {
  try {
    strictUtf8.decode(buf);
    return -1;
  } catch {
    // Find where: the rare failing file is scanned by hand.
  }
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > buf.length) return i;
    if (n > 1) {
      // The shortest form only, no surrogates, nothing past U+10FFFF (as the decoder checks).
      const b1 = buf[i + 1]!;
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (b1 < lo || b1 > hi) return i;
      for (let k = 2; k < n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += n;
  }
  return -1;
}

const YEAR_FOLDER = /^(19|20)\d{2}$/;

const isDir = (abs: string) => {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
};

/**
 * The folder given may be the content root (`content`), one year (`content/2025`) or one unit
 * (`content/2025/futian-minzheng`, or a sub-unit's folder). Years and unit ids are read from the path
 * below the content root, so a year or unit folder is widened to its content root and the walk kept to
 * the folder given (its `scope`, relative to the root). A folder is a year folder when its name is a
 * year and it holds no year folders itself; a unit folder when it holds `unit.yaml` inside a year folder.
 */
export function contentScope(absPath: string): { root: string; scope: string } {
  const looksLikeYear = (abs: string) =>
    YEAR_FOLDER.test(path.basename(abs)) &&
    !readdirSafe(abs).some((e) => e.isDirectory() && YEAR_FOLDER.test(e.name));
  if (looksLikeYear(absPath)) return { root: path.dirname(absPath), scope: path.basename(absPath) };
  if (statSafe(path.join(absPath, UNIT_FILE))) {
    for (let d = path.dirname(absPath); d !== path.dirname(d); d = path.dirname(d)) {
      if (looksLikeYear(d)) {
        const root = path.dirname(d);
        return { root, scope: path.relative(root, absPath).split(path.sep).join('/') };
      }
    }
  }
  return { root: absPath, scope: '' };
}

function readdirSafe(abs: string): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true });
  } catch {
    return [];
  }
}

function statSafe(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads every unit under the content root. A folder holding `unit.yaml` is a unit; a unit inside another
 * unit's folder is its sub-unit; the first folder level is the year (`content/2021/...`). Given a year or
 * a unit folder, reads only the units in it (see contentScope).
 */
export async function loadContent(
  root: string,
  findings: Findings,
  cwd = process.cwd(),
): Promise<LoadedContent> {
  const given = path.resolve(cwd, root);
  const show = (abs: string) => displayPath(abs, cwd);
  if (!isDir(given) && statSafe(given)) {
    findings.error(
      'content-not-folder',
      `“${show(given)}”是一个文件，不是内容文件夹；请给出内容文件夹，如 jixiao check content（检查的是整个文件夹中的所有单位）`,
      { file: show(given), line: 1, col: 1 },
    );
    return { root: given, projectDir: path.dirname(given), units: [], unitFolders: [], sources: new Map() };
  }
  const { root: absRoot, scope } = contentScope(given);
  // One walk that does not follow links: regular content files are read; a symbolic link is never read,
  // and one that leads outside the content folder is refused with a finding (a file reference must stay inside).
  const walked = walk(absRoot, scope, findings, show);
  const entries = walked
    .filter((e) => e.dirent.isFile() && /\.(ya?ml|md)$/.test(e.path))
    .map((e) => e.path)
    .sort();
  checkLinks(
    absRoot,
    walked.filter((e) => e.dirent.isSymbolicLink()).map((e) => e.path),
    findings,
    show,
  );
  const sources = new Map<string, string>();
  const unitDirs = new Set(
    entries.filter((e) => path.posix.basename(e) === UNIT_FILE).map((e) => path.posix.dirname(e)),
  );
  const loadable = [...unitDirs].sort(byFolder);
  // A sub-unit checked alone is still a sub-unit: its parents' unit.yaml mark them as units (not loaded).
  for (let d = path.posix.dirname(scope); d !== '.' && d !== ''; d = path.posix.dirname(d))
    if (statSafe(path.join(absRoot, d, UNIT_FILE))) unitDirs.add(d);

  const ownerOf = (rel: string): string | undefined => {
    let dir = path.posix.dirname(rel);
    while (true) {
      if (unitDirs.has(dir)) return dir;
      if (dir === '.' || dir === '') return undefined;
      dir = path.posix.dirname(dir);
    }
  };

  const byUnit = new Map<string, string[]>();
  for (const rel of entries) {
    const shown = show(path.join(absRoot, rel));
    if (rel.endsWith('.yml')) {
      findings.warning('file-extension', '内容文件请使用 .yaml 扩展名；.yml 文件同样会被读取', {
        file: shown,
        line: 1,
        col: 1,
      });
    }
    const owner = ownerOf(rel);
    if (owner === undefined) {
      if (!rel.endsWith('.md') && !/^readme/i.test(path.posix.basename(rel))) {
        findings.error('file-outside-unit', `文件不属于任何单位：所在文件夹及其上级都没有 ${UNIT_FILE}`, {
          file: shown,
          line: 1,
          col: 1,
        });
      }
      continue;
    }
    byUnit.set(owner, [...(byUnit.get(owner) ?? []), rel]);
  }

  const units: LoadedUnit[] = [];
  for (const dir of loadable) {
    const unit = loadUnit(absRoot, dir, byUnit.get(dir) ?? [], unitDirs, sources, findings, show);
    if (unit) units.push(unit);
  }
  const inherited = inheritedFacts(units, absRoot, unitDirs, sources, show);
  for (const unit of units) unit.inherited = inherited.get(unit.id) ?? {};
  if (loadable.length === 0) {
    findings.error('no-units', `在 ${show(given)} 下没有找到任何单位（需要 ${UNIT_FILE}）`);
  }
  return { root: absRoot, projectDir: path.dirname(absRoot), units, unitFolders: loadable, sources };
}

/** Folder order by path segment, so a unit's sub-units follow it directly (`a`, `a/b`, `a-x`). */
function byFolder(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++)
    if (sa[i] !== sb[i]) return sa[i]! < sb[i]! ? -1 : 1;
  return sa.length - sb.length;
}

interface WalkEntry {
  /** Path relative to the root, with forward slashes. */
  path: string;
  dirent: Dirent;
}

/**
 * Every entry under the root, without following links. A folder that cannot be read (no permission) is a
 * finding: its files are missing from the check, so the result is not complete.
 */
function walk(
  absRoot: string,
  scope: string,
  findings: Findings,
  show: (abs: string) => string,
): WalkEntry[] {
  const out: WalkEntry[] = [];
  const pending = [scope];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    const abs = rel ? path.join(absRoot, rel) : absRoot;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A root that does not exist has no units (reported by the caller); anything else is unreadable.
      if (rel === scope && code === 'ENOENT') continue;
      findings.error(
        'folder-unreadable',
        `无法读取文件夹 ${show(abs)}${code ? `（${code}）` : ''}，其中的文件没有检查；请确认有权限打开这个文件夹`,
        { file: show(abs), line: 1, col: 1 },
      );
      continue;
    }
    for (const dirent of dirents) {
      // Hidden entries (.git, .DS_Store) are not content.
      if (dirent.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      out.push({ path: child, dirent });
      if (dirent.isDirectory()) pending.push(child);
    }
  }
  return out;
}

function loadUnit(
  absRoot: string,
  dir: string,
  files: string[],
  unitDirs: Set<string>,
  sources: Map<string, string>,
  findings: Findings,
  show: (abs: string) => string,
): LoadedUnit | undefined {
  const displayDir = show(path.join(absRoot, dir));
  const yearText = dir.split('/')[0] ?? '';
  const unitFileShown = show(path.join(absRoot, dir, UNIT_FILE));
  if (!YEAR_FOLDER.test(yearText)) {
    findings.error(
      'unit-year-folder',
      `单位文件夹应放在年度文件夹下，如 content/2021/单位名/；这里是“${dir}”`,
      {
        file: unitFileShown,
        line: 1,
        col: 1,
      },
    );
    return undefined;
  }

  let parentId: string | undefined;
  for (let d = path.posix.dirname(dir); d !== '.' && d !== ''; d = path.posix.dirname(d)) {
    if (unitDirs.has(d)) {
      parentId = d;
      break;
    }
  }

  const parts = new Map<string, PartSource[]>();
  const data: Record<string, unknown> = {};
  const yamlFiles: YamlFile[] = [];
  const narratives: NarrativeSource[] = [];
  let incomplete = false;
  // unit.yaml first, then the rest in name order, so list parts concatenate predictably.
  const ordered = [...files].sort((a, b) =>
    path.posix.basename(a) === UNIT_FILE
      ? -1
      : path.posix.basename(b) === UNIT_FILE
        ? 1
        : a < b
          ? -1
          : a > b
            ? 1
            : 0,
  );
  for (const rel of ordered) {
    const abs = path.join(absRoot, rel);
    const shown = show(abs);
    const text = readText(abs, shown, findings);
    if (text === undefined) {
      incomplete = true;
      continue;
    }
    if (rel.endsWith('.md')) {
      const cleaned = cleanText(text);
      if (cleaned && cleaned.removed.length > 0) {
        const before = text.slice(0, cleaned.first);
        findings.warning('control-character', cleanedMessage(cleaned.removed), {
          file: shown,
          line: before.split('\n').length,
          col: cleaned.first - before.lastIndexOf('\n'),
        });
      }
      sources.set(shown, cleaned?.text ?? text);
      narratives.push({ name: path.posix.basename(rel, '.md'), path: shown, text: cleaned?.text ?? text });
      continue;
    }
    sources.set(shown, text);
    const file = parseYamlFile(shown, text, findings);
    if (!file) {
      incomplete = true;
      continue;
    }
    yamlFiles.push(file);
    const plain = toPlainData(file, findings);
    if (plain === undefined) incomplete = true;
    if (plain === undefined || plain === null) {
      if (plain === null)
        findings.warning('file-empty', '文件为空，没有内容', { file: shown, line: 1, col: 1 });
      continue;
    }
    if (typeof plain !== 'object' || Array.isArray(plain)) {
      findings.error(
        'file-not-map',
        '文件顶层应为“键: 值”的形式，如 unit: …、projects: …',
        locateInFile(file, []).at,
      );
      continue;
    }
    for (const [key, value] of Object.entries(plain as Record<string, unknown>)) {
      const existing = parts.get(key);
      if (existing && LIST_PARTS.has(key) && Array.isArray(value) && Array.isArray(data[key])) {
        const merged = data[key] as unknown[];
        existing.push({ file, offset: merged.length, length: value.length });
        merged.push(...value);
      } else if (existing) {
        const first = existing[0]!.file.path;
        findings.error(
          'part-duplicate',
          `“${key}”已在 ${first} 中填写；同一单位的每一部分只能写在一个文件中（列表类除外）`,
          locateKeyOrStart(file, key),
        );
      } else {
        parts.set(key, [{ file, offset: 0, length: Array.isArray(value) ? value.length : 0 }]);
        data[key] = Array.isArray(value) ? [...value] : value;
      }
    }
  }
  const unitYaml = yamlFiles.find((f) => f.path === unitFileShown);
  return {
    id: dir,
    displayDir,
    year: Number(yearText),
    ...(parentId ? { parentId } : {}),
    incomplete,
    data,
    inherited: {},
    narratives,
    files: yamlFiles,
    locate(p: DataPath): Located {
      const target = locateInParts(parts, p);
      if (target) return locateInFile(target.file, target.path);
      // The top-level part is missing altogether: point at the start of unit.yaml.
      return { at: { file: unitYaml?.path ?? unitFileShown, line: 1, col: 1 }, missing: true };
    },
    locateKey(p: DataPath, key: string): SourcePosition | undefined {
      if (p.length === 0) {
        const holder = [...(parts.get(key) ?? [])][0]?.file;
        return holder ? locateKey(holder, [], key) : undefined;
      }
      const target = locateInParts(parts, p);
      return target ? locateKey(target.file, target.path, key) : undefined;
    },
  };
}

function locateKeyOrStart(file: YamlFile, key: string): SourcePosition {
  return locateKey(file, [], key) ?? { file: file.path, line: 1, col: 1 };
}

/** Is `target` the folder `root` or inside it? */
function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Symbolic links in the content folder are not read. One leading outside the content folder (a file or a
 * folder) is an error: content must not pull in files from elsewhere on the machine. One leading inside, or
 * nowhere, is a warning, so the author knows the file was skipped.
 */
function checkLinks(
  absRoot: string,
  links: string[],
  findings: Findings,
  show: (abs: string) => string,
): void {
  if (links.length === 0) return;
  let realRoot = absRoot;
  try {
    realRoot = realpathSync(absRoot);
  } catch {
    // The root itself is unreadable: the walk found nothing to check.
  }
  for (const rel of [...links].sort()) {
    const abs = path.join(absRoot, rel);
    const at = { file: show(abs), line: 1, col: 1 };
    let target: string | undefined;
    try {
      target = realpathSync(abs);
    } catch {
      target = undefined;
    }
    if (target !== undefined && !isInside(realRoot, target)) {
      findings.error(
        'link-outside-content',
        `符号链接指向内容文件夹以外的“${target.split(path.sep).join('/')}”，已拒绝读取；内容文件必须放在内容文件夹内`,
        at,
      );
    } else {
      findings.warning(
        'link-ignored',
        target === undefined
          ? '符号链接指向的文件不存在，已跳过'
          : '符号链接不会被读取；请把文件本身放在单位文件夹中',
        at,
      );
    }
  }
}
