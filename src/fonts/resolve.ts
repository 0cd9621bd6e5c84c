/**
 * Resolves each font role to a file: the project's fonts/ folder first (users' licensed official fonts),
 * then — only when asked (`--system-fonts`) — the system's font folders, then the open face that ships
 * with jixiao (npm dependencies and vendor/fonts/). The system folders are off by default so that the
 * same content gives the same PDF bytes on every machine.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_ROLES, type FontRole } from '../document/types.js';
import { type Fallback, type FileCandidate, ROLE_SPECS } from './faces.js';

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
  /** The shipped face, its licence and why it was chosen, when source is 'fallback'. */
  fallback?: Fallback;
}

export type ResolvedFonts = Record<FontRole, ResolvedFace>;

export interface ResolveOptions {
  /** Also look in the system's font folders (default false: the PDF then depends on the machine). */
  system?: boolean;
  /** Override the official face names the DOCX writes, per role. */
  faces?: Partial<Record<FontRole, string>>;
  /** The system's font folders to look in instead of this platform's own (tests). */
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
/** jixiao's own folder: two levels above src/fonts/ and dist/fonts/ alike. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The file of a shipped face: `vendor/…` in jixiao's folder, else `<npm package>/<path>`. */
export function fallbackFile(spec: string): string {
  if (spec.startsWith('vendor/')) return path.join(PACKAGE_ROOT, ...spec.split('/'));
  const parts = spec.split('/');
  const nameParts = parts[0]!.startsWith('@') ? 2 : 1;
  const pkgJson = require.resolve(`${parts.slice(0, nameParts).join('/')}/package.json`);
  return path.join(path.dirname(pkgJson), ...parts.slice(nameParts));
}

/** Resolves every role. The project's fonts/ folder is `<projectDir>/fonts`. */
/**
 * The fonts with every face found in a system folder replaced by jixiao's shipped one: what a renderer
 * measures when its output must not depend on the machine (the DOCX's cell padding), while the PDF may
 * embed the system's faces the user asked for with --system-fonts.
 */
export function withoutSystemFaces(fonts: ResolvedFonts): ResolvedFonts {
  const out = { ...fonts };
  for (const role of FONT_ROLES) {
    const face = fonts[role];
    if (face.source !== 'system') continue;
    const spec = ROLE_SPECS[role];
    out[role] = {
      ...face,
      regular: { path: fallbackFile(spec.fallback.regular) },
      bold: { path: fallbackFile(spec.fallback.bold) },
      source: 'fallback',
      fallback: spec.fallback,
    };
  }
  return out;
}

export function resolveFonts(projectDir: string, options: ResolveOptions = {}): ResolvedFonts {
  const projectFonts = path.join(projectDir, 'fonts');
  const projectDirs = existsSync(projectFonts) ? [projectFonts] : [];
  const systemDirs = options.system ? (options.systemDirs ?? systemFontDirs()) : [];
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
      out[role] = {
        role,
        officialFace,
        latinFace: spec.latinFace,
        regular: { path: fallbackFile(spec.fallback.regular) },
        bold: { path: fallbackFile(spec.fallback.bold) },
        source: 'fallback',
        fallback: spec.fallback,
      };
      continue;
    }
    out[role] = { role, officialFace, latinFace: spec.latinFace, regular, bold: bold ?? regular, source };
  }
  return out;
}

const SOURCE_LABEL: Record<FontSource, string> = {
  project: '项目 fonts/ 目录',
  system: '系统字体目录（--system-fonts）',
  fallback: '随 jixiao 安装的开源字体（字形与正式字体不同）',
};

function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/** The face a role's PDF text is set in, as `jixiao fonts` names it. */
export function faceName(f: ResolvedFace): string {
  if (f.fallback) return f.fallback.face;
  return f.regular.postscriptName ?? path.basename(f.regular.path);
}

/**
 * Chinese lines for `jixiao fonts` and the build summary: which face and file served each role. With
 * `detail`, a shipped face is followed by its bold, its licence and why it was chosen.
 */
export function formatFontReport(fonts: ResolvedFonts, cwd = process.cwd(), detail = false): string[] {
  return FONT_ROLES.flatMap((role) => {
    const f = fonts[role];
    const line = `${ROLE_SPECS[role].label}：DOCX 写“${f.officialFace}”；PDF 用 ${faceName(f)}（${shownPath(f.regular.path, cwd)}），来自${SOURCE_LABEL[f.source]}`;
    if (!detail || !f.fallback) return [line];
    const bold = f.fallback.boldFace ? `粗体用 ${f.fallback.boldFace}。` : '';
    return [line, `    ${bold}来源：${f.fallback.licence}。选用理由：${f.fallback.why}。`];
  });
}
