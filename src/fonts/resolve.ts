/**
 * Resolves each font role to a file: the project's fonts/ folder first (users' licensed official fonts),
 * then the system's font folders, then the Noto fallback that `npm install` brings.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FONT_ROLES, type FontRole } from '../document/types.js';
import { type FileCandidate, ROLE_SPECS } from './faces.js';

export type FontSource = 'project' | 'system' | 'fallback';

export interface FontFile {
  path: string;
  /** PostScript name inside a .ttc collection. */
  postscriptName?: string;
}

export interface ResolvedFace {
  role: FontRole;
  /** The face the DOCX names for East Asian text. */
  officialFace: string;
  /** The face the DOCX names for Latin text and digits. */
  latinFace: string;
  regular: FontFile;
  /** Same as regular when the face has no bold file. */
  bold: FontFile;
  source: FontSource;
}

export type ResolvedFonts = Record<FontRole, ResolvedFace>;

export interface ResolveOptions {
  /** Look in the system's font folders (default true; tests turn it off for repeatable output). */
  system?: boolean;
  /** Override the official face names the DOCX writes, per role. */
  faces?: Partial<Record<FontRole, string>>;
  /** Extra system folders (tests). */
  systemDirs?: string[];
}

export function systemFontDirs(): string[] {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32': {
      const win = process.env['WINDIR'] ?? 'C:\\Windows';
      const local = process.env['LOCALAPPDATA'];
      return [path.join(win, 'Fonts'), ...(local ? [path.join(local, 'Microsoft', 'Windows', 'Fonts')] : [])];
    }
    case 'darwin':
      return [
        '/System/Library/Fonts',
        '/System/Library/Fonts/Supplemental',
        '/Library/Fonts',
        path.join(home, 'Library', 'Fonts'),
      ];
    default:
      return [
        '/usr/share/fonts',
        '/usr/local/share/fonts',
        path.join(home, '.local/share/fonts'),
        path.join(home, '.fonts'),
      ];
  }
}

const indexCache = new Map<string, Map<string, string>>();

/** Lower-cased file name → full path, for every font file under dir (recursive, first found wins). */
function indexDir(dir: string): Map<string, string> {
  const cached = indexCache.get(dir);
  if (cached) return cached;
  const index = new Map<string, string>();
  const walk = (d: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < 4) walk(full, depth + 1);
      } else if (/\.(ttf|otf|ttc)$/i.test(e) && !index.has(e.toLowerCase())) {
        index.set(e.toLowerCase(), full);
      }
    }
  };
  walk(dir, 0);
  indexCache.set(dir, index);
  return index;
}

function find(dirs: string[], candidates: FileCandidate[]): FontFile | undefined {
  for (const c of candidates) {
    for (const dir of dirs) {
      const hit = indexDir(dir).get(c.file.toLowerCase());
      if (hit) return c.postscriptName ? { path: hit, postscriptName: c.postscriptName } : { path: hit };
    }
  }
  return undefined;
}

const require = createRequire(import.meta.url);

function fallbackFile(spec: string): string {
  const [scope, name, ...rest] = spec.split('/');
  const pkgJson = require.resolve(`${scope}/${name}/package.json`);
  return path.join(path.dirname(pkgJson), ...rest);
}

/** Resolves every role. The project's fonts/ folder is `<projectDir>/fonts`. */
export function resolveFonts(projectDir: string, options: ResolveOptions = {}): ResolvedFonts {
  const projectFonts = path.join(projectDir, 'fonts');
  const projectDirs = existsSync(projectFonts) ? [projectFonts] : [];
  const systemDirs = options.system === false ? [] : [...(options.systemDirs ?? []), ...systemFontDirs()];
  const out = {} as ResolvedFonts;
  for (const role of FONT_ROLES) {
    const spec = ROLE_SPECS[role];
    const officialFace = options.faces?.[role] ?? spec.officialFace;
    let source: FontSource = 'project';
    let regular = find(projectDirs, spec.candidates);
    let bold = regular && find(projectDirs, spec.boldCandidates);
    if (!regular) {
      source = 'system';
      regular = find(systemDirs, spec.candidates);
      bold = regular && find(systemDirs, spec.boldCandidates);
    }
    if (!regular) {
      source = 'fallback';
      regular = { path: fallbackFile(spec.fallback.regular) };
      bold = { path: fallbackFile(spec.fallback.bold) };
    }
    out[role] = { role, officialFace, latinFace: spec.latinFace, regular, bold: bold ?? regular, source };
  }
  return out;
}

const SOURCE_LABEL: Record<FontSource, string> = {
  project: '项目 fonts/ 目录',
  system: '系统字体目录',
  fallback: '备用开源字体（PDF 中字形与正式字体不同）',
};

/** Chinese lines for `jixiao fonts` and the build summary: which file served each role. */
export function formatFontReport(fonts: ResolvedFonts, cwd = process.cwd()): string[] {
  return FONT_ROLES.map((role) => {
    const f = fonts[role];
    const rel = path.relative(cwd, f.regular.path);
    const shown = rel.startsWith('..') ? f.regular.path : rel;
    const ps = f.regular.postscriptName ? `（${f.regular.postscriptName}）` : '';
    return `${ROLE_SPECS[role].label}：DOCX 写“${f.officialFace}”；PDF 嵌入 ${shown}${ps}，来自${SOURCE_LABEL[f.source]}`;
  });
}
