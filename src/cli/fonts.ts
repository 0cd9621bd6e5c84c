import path from 'node:path';
import { formatFontReport, resolveFonts } from '../fonts/resolve.js';
import type { CliIo } from './io.js';

export function fontsCommand(json: boolean, io: CliIo): number {
  const fonts = resolveFonts(io.cwd);
  if (json) {
    const rows = Object.values(fonts).map((f) => ({
      role: f.role,
      officialFace: f.officialFace,
      file: path.relative(io.cwd, f.regular.path).split(path.sep).join('/'),
      source: f.source,
    }));
    io.out(JSON.stringify({ fonts: rows }, null, 2));
    return 0;
  }
  for (const line of formatFontReport(fonts, io.cwd)) io.out(line);
  return 0;
}
