/**
 * The faces jixiao ships: each role's file is there, readable by fontkit as a TrueType or CFF font,
 * and covers what the role sets; a user's licensed file in the project's fonts/ is picked by its role;
 * the system's font folders are read only when asked.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FONT_ROLES } from '../../src/document/types.js';
import { ROLE_SPECS } from '../../src/fonts/faces.js';
import { readFontFile, woffToSfnt } from '../../src/fonts/font-file.js';
import { fallbackFile, resolveFonts } from '../../src/fonts/resolve.js';
import { runCli } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
interface Glyph {
  advanceWidth: number;
  path: { toSVG(): string };
}
interface Font {
  type: string;
  postscriptName: string;
  familyName: string;
  numGlyphs: number;
  directory: { tables: Record<string, unknown> };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): Glyph;
}
const fontkit = require('fontkit') as { create(buf: Buffer): Font };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jixiao-faces-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// What the CJK roles set: jixiao's own headings and labels, and a sentence of report text.
const CJK_TEXT =
  '一、部门基本情况（一）部门职能。根据预算绩效管理要求，本单位对二〇二三年度项目支出开展了绩效自评：' +
  '产出指标、效益指标、满意度指标；数量、质量、时效、成本。总得分 合计 附注“整体”《报告》——';
const ASCII = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCodePoint(0x21 + i)).join('');

const fonts = resolveFonts(tmp);

describe('the faces that ship with jixiao', () => {
  it('serve every role when the project has no fonts and the system folders are not asked', () => {
    for (const role of FONT_ROLES) expect(fonts[role].source, role).toBe('fallback');
  });

  it.each(FONT_ROLES)('%s: a TrueType or CFF font fontkit reads, covering what the role sets', (role) => {
    const face = fonts[role];
    for (const file of [face.regular, face.bold]) {
      const font = fontkit.create(readFontFile(file.path));
      const tables = font.directory.tables;
      expect(Boolean(tables['glyf']) || Boolean(tables['CFF ']), file.path).toBe(true);
      const text = role === 'number' ? ASCII : CJK_TEXT + ASCII;
      const missing = [...text].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(missing.join(''), `${role}: ${file.path}`).toBe('');
    }
  });

  it('are the faces that look like each role', () => {
    const family = (role: (typeof FONT_ROLES)[number]) =>
      fontkit.create(readFontFile(fonts[role].regular.path)).postscriptName;
    expect(family('body')).toBe('FandolFang-Regular');
    expect(family('table')).toBe('FandolFang-Regular');
    expect(family('heading2')).toBe('LXGWWenKai-Regular');
    expect(family('heading1')).toBe('NotoSansSC-Medium');
    expect(family('title')).toBe('NotoSerifSC-Bold');
    expect(family('number')).toBe('Tinos-Regular');
  });

  it('keep a licence beside every file kept in this repository', () => {
    for (const role of FONT_ROLES) {
      const spec = ROLE_SPECS[role].fallback;
      for (const file of [spec.regular, spec.bold].filter((f) => f.startsWith('vendor/'))) {
        const dir = path.dirname(fallbackFile(file));
        expect(readFileSync(path.join(dir, 'COPYING'), 'utf8')).toContain('GNU GENERAL PUBLIC LICENSE');
        expect(readFileSync(path.join(dir, 'README'), 'utf8')).toContain('GPL font exception');
      }
    }
  });

  it('give Tinos the widths of Times New Roman: digits half an em, as Word lays numbers out', () => {
    const tinos = fontkit.create(readFontFile(fonts.number.regular.path));
    // Times New Roman's digits are 1024 of 2048 units; its space 512, its period 512.
    for (const c of '0123456789') expect(tinos.glyphForCodePoint(c.codePointAt(0)!).advanceWidth).toBe(1024);
    expect(tinos.glyphForCodePoint(0x2e).advanceWidth).toBe(512);
  });
});

describe('a WOFF file read for the PDF', () => {
  const woff = fallbackFile(ROLE_SPECS.heading2.fallback.regular);

  it('becomes the TrueType font it wraps: the same glyphs, outlines and widths', () => {
    const raw = readFileSync(woff);
    const sfnt = woffToSfnt(raw);
    const decoded = fontkit.create(sfnt);
    const direct = fontkit.create(raw);
    expect(decoded.type).toBe('TTF');
    expect(direct.type).toBe('WOFF');
    expect(decoded.numGlyphs).toBe(direct.numGlyphs);
    // Few characters: fontkit inflates the whole glyf table anew for each glyph it reads from a WOFF.
    for (const c of '楷（9') {
      const a = decoded.glyphForCodePoint(c.codePointAt(0)!);
      const b = direct.glyphForCodePoint(c.codePointAt(0)!);
      expect(a.advanceWidth).toBe(b.advanceWidth);
      expect(a.path.toSVG()).toBe(b.path.toSVG());
    }
    // The table directory is in tag order with each table on a 4-byte boundary, as sfnt requires.
    const count = sfnt.readUInt16BE(4);
    const tags = Array.from({ length: count }, (_, i) => sfnt.readUInt32BE(12 + i * 16));
    expect([...tags].sort((x, y) => x - y)).toEqual(tags);
    for (let i = 0; i < count; i++) expect(sfnt.readUInt32BE(12 + i * 16 + 8) % 4).toBe(0);
  });

  it('refuses a damaged file instead of embedding a broken font', () => {
    const raw = Buffer.from(readFileSync(fallbackFile(ROLE_SPECS.number.fallback.regular)));
    // The first table's original length, one byte longer than its data inflates to.
    raw.writeUInt32BE(raw.readUInt32BE(44 + 12) + 1, 44 + 12);
    expect(() => woffToSfnt(raw)).toThrow('WOFF 字体文件已损坏');
  });
});

describe("a user's licensed fonts", () => {
  // Stand-ins for Windows' simkai.ttf and simfang.ttf: open fonts under those names.
  const project = path.join(tmp, 'project');
  mkdirSync(path.join(project, 'fonts'), { recursive: true });
  writeFileSync(path.join(project, 'fonts', 'SimKai.TTF'), readFontFile(fonts.heading2.regular.path));
  copyFileSync(fonts.heading1.regular.path, path.join(project, 'fonts', 'simfang.ttf'));

  it('in the project fonts/ folder serve their role, whatever the case of the file name', () => {
    const own = resolveFonts(project);
    expect(own.heading2).toMatchObject({ source: 'project', officialFace: '楷体_GB2312' });
    expect(own.heading2.regular.path).toBe(path.join(project, 'fonts', 'SimKai.TTF'));
    // 仿宋 serves body and table text; the official face has no bold, so bold is the same file.
    for (const role of ['body', 'table'] as const) {
      expect(own[role].source).toBe('project');
      expect(own[role].regular.path).toBe(path.join(project, 'fonts', 'simfang.ttf'));
      expect(own[role].bold.path).toBe(own[role].regular.path);
    }
    expect(own.title.source).toBe('fallback');
    expect(own.number.source).toBe('fallback');
  });

  it('are named by `jixiao fonts` with where they came from, the shipped faces with licence and reason', async () => {
    const r = await runCli(['fonts'], project);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.find((l) => l.startsWith('二级标题（楷体）'))).toBe(
      '二级标题（楷体）：DOCX 写“楷体_GB2312”；PDF 用 SimKai.TTF（fonts/SimKai.TTF），来自项目 fonts/ 目录',
    );
    expect(lines.find((l) => l.startsWith('正文（仿宋）'))).toContain(
      'PDF 用 simfang.ttf（fonts/simfang.ttf）',
    );
    const number = lines.findIndex((l) => l.startsWith('数字与西文'));
    expect(lines[number]).toContain('PDF 用 Tinos（');
    expect(lines[number]).toContain('来自随 jixiao 安装的开源字体');
    expect(lines[number + 1]).toContain('SIL OFL 1.1');
    expect(lines[number + 1]).toContain('与 Times New Roman 字宽完全相同');
    expect(r.out).toContain('未查找系统字体目录');
  });

  it('in the fallback report, say why FandolFang serves 仿宋 and that its bold is a Song bold', async () => {
    const r = await runCli(['fonts', '--json'], tmp);
    const rows = JSON.parse(r.out).fonts as { role: string; face: string; source: string; reason?: string }[];
    const body = rows.find((row) => row.role === 'body')!;
    expect(body).toMatchObject({ face: 'FandolFang', source: 'fallback' });
    expect(body.reason).toContain('GB 2312');
    const text = (await runCli(['fonts'], tmp)).out;
    expect(text).toContain('粗体用 Noto Serif SC Bold');
  });
});

describe('the system font folders', () => {
  const system = path.join(tmp, 'system');
  mkdirSync(path.join(system, 'truetype'), { recursive: true });
  copyFileSync(fonts.heading1.regular.path, path.join(system, 'truetype', 'times.ttf'));

  it('are not read unless asked, so the machine does not change the PDF', () => {
    const r = resolveFonts(tmp, { systemDirs: [system] });
    expect(r.number.source).toBe('fallback');
  });

  it('are read, below the project folder, when asked', () => {
    const r = resolveFonts(tmp, { system: true, systemDirs: [system] });
    expect(r.number).toMatchObject({
      source: 'system',
      regular: { path: path.join(system, 'truetype', 'times.ttf') },
    });
    // No bold file there: the regular serves bold too.
    expect(r.number.bold.path).toBe(r.number.regular.path);
    expect(r.body.source).toBe('fallback');
  });
});
