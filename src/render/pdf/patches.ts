/**
 * Every change we make to pdfmake, pdfkit and fontkit, in one list: the package it changes, the version
 * it was written against (the exact version package.json pins) and its kind.
 *
 * - speed: the bytes a reader sees are the same, only faster. Off on any other version of its package,
 *   and all of them off with JIXIAO_PDF_PATCHES=0 (to compare, or to rule them out).
 * - correctness: changes what a reader sees (our layout depends on it). Off only on another version,
 *   where the PDF back-end takes its documented fallback.
 *
 * A patch that is off leaves the package's own code path to run; `skippedPdfPatches` says which, so a
 * build can say once that PDF rendering is slower or laid out differently. The decision needs nothing
 * but the installed versions and the environment: the build thread makes the same one as its workers.
 */
import { installedVersion } from '../engine-versions.js';

export type PatchKind = 'speed' | 'correctness';
export type EnginePackage = 'pdfmake' | 'pdfkit' | 'fontkit';

export interface PdfPatch {
  package: EnginePackage;
  writtenAgainst: string;
  kind: PatchKind;
  /** What it does, in a few words (for the build's notice and the README). */
  summary: string;
  /** The upstream report a correctness patch works around. */
  upstream?: string;
}

export const PDF_PATCHES = {
  /** TextInlines.widthOfText counts characterSpacing after every glyph, as PDF renders it (engine.ts). */
  'cjk-character-spacing': {
    package: 'pdfmake',
    writtenAgainst: '0.3.11',
    kind: 'correctness',
    summary: '中文字距计入行宽',
    upstream: 'https://github.com/bpampuch/pdfmake/issues/2116',
  },
  /** Justified Chinese text is broken into lines after W3C clreq (cjk-lines.ts). */
  'cjk-line-layout': {
    package: 'pdfmake',
    writtenAgainst: '0.3.11',
    kind: 'correctness',
    summary: '中文标点挤压与避头尾',
  },
  /** A table row taller than a page is split instead of cut short (tall-rows.ts). */
  'tall-rows': {
    package: 'pdfmake',
    writtenAgainst: '0.3.11',
    kind: 'correctness',
    summary: '高于一页的表格行分页',
  },
  /** A cell spanning rows is centred between the rules of its span, not past them (span-alignment.ts). */
  'span-alignment': {
    package: 'pdfmake',
    writtenAgainst: '0.3.11',
    kind: 'correctness',
    summary: '跨行单元格垂直居中',
  },
  /** The document is laid out again until group labels sit where pages begin (relayout.ts). */
  relayout: {
    package: 'pdfmake',
    writtenAgainst: '0.3.11',
    kind: 'correctness',
    summary: '续页重复分组名称',
  },
  /** A relayout reuses the text measurements of the first layout (relayout.ts). */
  'measurement-reuse': {
    package: 'pdfmake',
    writtenAgainst: '0.3.11',
    kind: 'speed',
    summary: '重排复用测量',
  },
  'style-lookup': { package: 'pdfmake', writtenAgainst: '0.3.11', kind: 'speed', summary: '样式查找' },
  measure: { package: 'pdfmake', writtenAgainst: '0.3.11', kind: 'speed', summary: '文字测量' },
  'provide-font': { package: 'pdfmake', writtenAgainst: '0.3.11', kind: 'speed', summary: '字体只解析一次' },
  'render-line': { package: 'pdfmake', writtenAgainst: '0.3.11', kind: 'speed', summary: '整行写出文字' },
  'line-builder': { package: 'pdfmake', writtenAgainst: '0.3.11', kind: 'speed', summary: '长段落断行' },
  'content-streams': { package: 'pdfkit', writtenAgainst: '0.19.1', kind: 'speed', summary: '内容流拼接' },
  'glyph-subsets': { package: 'fontkit', writtenAgainst: '2.0.4', kind: 'speed', summary: '字形子集' },
  'cff-subsets': { package: 'fontkit', writtenAgainst: '2.0.4', kind: 'speed', summary: 'CFF 字形子集' },
} as const satisfies Record<string, PdfPatch>;

export type PatchName = keyof typeof PDF_PATCHES;

export type SkipReason = 'version' | 'disabled';

/** Why a patch is not applied in this environment, or undefined when it is. */
export function whyNotApplied(name: PatchName, env: NodeJS.ProcessEnv = process.env): SkipReason | undefined {
  const patch: PdfPatch = PDF_PATCHES[name];
  if (installedVersion(patch.package, env) !== patch.writtenAgainst) return 'version';
  if (patch.kind === 'speed' && env['JIXIAO_PDF_PATCHES'] === '0') return 'disabled';
  return undefined;
}

/** Whether a patch site should install its patch. */
export function patchApplies(name: PatchName): boolean {
  return whyNotApplied(name) === undefined;
}

export interface SkippedPatch extends PdfPatch {
  name: PatchName;
  reason: SkipReason;
  installed: string | undefined;
}

export function skippedPdfPatches(env: NodeJS.ProcessEnv = process.env): SkippedPatch[] {
  const skipped: SkippedPatch[] = [];
  for (const name of Object.keys(PDF_PATCHES) as PatchName[]) {
    const reason = whyNotApplied(name, env);
    const patch: PdfPatch = PDF_PATCHES[name];
    if (reason) skipped.push({ ...patch, name, reason, installed: installedVersion(patch.package, env) });
  }
  return skipped;
}

/** What a build says, once, when patches are off (Chinese, for the user); undefined when all apply. */
export function pdfPatchNotice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const skipped = skippedPdfPatches(env);
  if (skipped.length === 0) return undefined;
  const parts: string[] = [];
  const versions = [
    ...new Set(
      skipped
        .filter((p) => p.reason === 'version')
        .map((p) => `${p.package} ${p.installed ?? '（未找到）'}（适配的是 ${p.writtenAgainst}）`),
    ),
  ];
  if (versions.length) parts.push(`安装的排版引擎版本与 jixiao 适配的不同：${versions.join('、')}`);
  if (skipped.some((p) => p.reason === 'disabled')) parts.push('JIXIAO_PDF_PATCHES=0 关闭了提速补丁');
  const effects: string[] = [];
  if (skipped.some((p) => p.kind === 'speed')) effects.push('PDF 生成会较慢');
  const layout = skipped.filter((p) => p.kind === 'correctness');
  if (layout.length)
    effects.push(
      `未启用的排版修正（${layout.map((p) => p.summary).join('、')}）会使 PDF 版式与正常情况不同（高于一页的表格行照常分页，不会丢失内容）`,
    );
  const advice = versions.length ? '请在 jixiao 目录运行 npm ci，按 package-lock.json 安装依赖。' : '';
  return `${parts.join('；')}：${effects.join('；')}。${advice}`;
}
