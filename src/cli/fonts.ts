import path from 'node:path';
import { FONT_ROLES } from '../document/types.js';
import { faceName, formatFontReport, resolveFonts } from '../fonts/resolve.js';
import type { CliIo } from './io.js';

export interface FontsArgs {
  json: boolean;
  /** Also look in the system's font folders, as `build --system-fonts` would. */
  systemFonts: boolean;
}

const shown = (cwd: string, file: string) => path.relative(cwd, file).split(path.sep).join('/');

/** `jixiao fonts`: the face, file and source of every role, and for a shipped face its licence and why. */
export function fontsCommand(args: FontsArgs, io: CliIo): number {
  const fonts = resolveFonts(io.cwd, { system: args.systemFonts });
  if (args.json) {
    const rows = FONT_ROLES.map((role) => {
      const f = fonts[role];
      return {
        role,
        officialFace: f.officialFace,
        face: faceName(f),
        file: shown(io.cwd, f.regular.path),
        boldFile: shown(io.cwd, f.bold.path),
        source: f.source,
        ...(f.fallback ? { licence: f.fallback.licence, reason: f.fallback.why } : {}),
      };
    });
    io.out(JSON.stringify({ fonts: rows }, null, 2));
    return 0;
  }
  for (const line of formatFontReport(fonts, io.cwd, true)) io.out(line);
  if (!args.systemFonts)
    io.out('未查找系统字体目录：把有授权的正式字体放进项目的 fonts/ 目录，或加 --system-fonts。');
  return 0;
}
