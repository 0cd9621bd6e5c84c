/**
 * Font roles and the faces that serve them: the official face the DOCX names, the file names to look
 * for in the project's fonts/ folder (and, when asked, the system's font folders), and the open-licensed
 * face that ships with jixiao and serves the PDF otherwise.
 */
import type { FontRole } from '../document/types.js';

export interface FileCandidate {
  /** File name, matched case-insensitively. */
  file: string;
  /** PostScript name of the face inside a .ttc collection. */
  postscriptName?: string;
}

export interface RoleSpec {
  /** What the role is for, in Chinese (for `jixiao fonts`). */
  label: string;
  /** The official face the DOCX names. */
  officialFace: string;
  /** East Asian face name the DOCX writes for Latin text in this role (Times New Roman for numbers). */
  latinFace: string;
  candidates: FileCandidate[];
  boldCandidates: FileCandidate[];
  fallback: Fallback;
}

/**
 * A face that ships with jixiao. A file is `<npm package>/<path>` (an npm dependency) or `vendor/<path>`
 * (kept in this repository with its licence beside it).
 */
export interface Fallback {
  /** The face's name, e.g. "FandolFang". */
  face: string;
  regular: string;
  bold: string;
  /** The bold file's face when it is another typeface (this one has no bold), for `jixiao fonts`. */
  boldFace?: string;
  /** Where it comes from and under which licence, in Chinese. */
  licence: string;
  /** Why this face serves the role, in Chinese. */
  why: string;
}

const SERIF = '@expo-google-fonts/noto-serif-sc';
const SANS = '@expo-google-fonts/noto-sans-sc';
const serif = (w: string) => `${SERIF}/${w}/NotoSerifSC_${w}.ttf`;
const sans = (w: string) => `${SANS}/${w}/NotoSansSC_${w}.ttf`;
// Fontsource names each file by its first subset; these "latin" files hold the whole LXGW WenKai font
// (30 000 glyphs); "500" is the face named LXGW WenKai (Regular).
const KAI = (w: string) => `@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-${w}-normal.woff`;
// Tinos' latin subset: Basic Latin and Latin-1, all the number face sets (ASCII, see splitLatin).
const TINOS = (w: string) => `@fontsource/tinos/files/tinos-latin-${w}-normal.woff`;
const FANG = 'vendor/fonts/fandol/FandolFang-Regular.otf';

const NOTO_SERIF = 'npm 包 @expo-google-fonts/noto-serif-sc，SIL OFL 1.1';

const FANGSONG_FALLBACK: Fallback = {
  face: 'FandolFang',
  regular: FANG,
  // No open FangSong has a bold; Windows' 仿宋 has none either (Word thickens it). A Song bold keeps
  // emphasis visible at the same width.
  bold: serif('700Bold'),
  boldFace: 'Noto Serif SC Bold',
  licence:
    'Fandol 字体（TeX Live 与 Debian 收录），GPL 3 并附字体例外（嵌入 PDF 不受 GPL 约束），随 jixiao 放在 vendor/fonts/fandol/',
  why: '能取得的开源仿宋中唯一收全简体常用字（GB 2312）的：cwTeX 仿宋只有繁体字形；朱雀仿宋（OFL）尚是预览版，npm 与 Debian 都没有完整字体文件',
};

// Debian's Noto CJK .ttc files are deliberately not candidates: they are the same typefaces as the npm
// fallback's TTF files, but fontkit subsets their CFF outlines into ≈50 KB and ≈15 ms per face per PDF
// whatever the glyph count (a stub for every unused subroutine), against ≈1 KB and <1 ms for the TTF.
const FANGSONG: FileCandidate[] = [
  { file: '仿宋_GB2312.ttf' },
  { file: 'FangSong_GB2312.ttf' },
  { file: 'fsgb2312.ttf' },
  { file: 'simfang.ttf' },
  { file: '仿宋.ttf' },
  { file: 'STFangsong.ttf' },
  { file: 'Fangsong.ttf' },
];

export const ROLE_SPECS: Record<FontRole, RoleSpec> = {
  title: {
    label: '标题（小标宋）',
    officialFace: '方正小标宋简体',
    latinFace: '方正小标宋简体',
    candidates: [
      { file: '方正小标宋简体.ttf' },
      { file: 'FZXBSJW.TTF' },
      { file: 'FZXiaoBiaoSong-B05S.ttf' },
      { file: '方正小标宋_GBK.ttf' },
      { file: 'FZXBSK.TTF' },
    ],
    boldCandidates: [],
    fallback: {
      face: 'Noto Serif SC Bold',
      regular: serif('700Bold'),
      bold: serif('900Black'),
      licence: NOTO_SERIF,
      why: '小标宋是笔画粗重的宋体；开源宋体中 Noto Serif SC（思源宋体）的粗体最接近',
    },
  },
  body: {
    label: '正文（仿宋）',
    officialFace: '仿宋_GB2312',
    latinFace: 'Times New Roman',
    candidates: FANGSONG,
    boldCandidates: [],
    fallback: FANGSONG_FALLBACK,
  },
  heading1: {
    label: '一级标题（黑体）',
    officialFace: '黑体',
    latinFace: '黑体',
    candidates: [
      { file: '黑体.ttf' },
      { file: 'simhei.ttf' },
      { file: 'STHeiti Medium.ttc', postscriptName: 'STHeitiSC-Medium' },
    ],
    boldCandidates: [],
    fallback: {
      face: 'Noto Sans SC Medium',
      regular: sans('500Medium'),
      bold: sans('700Bold'),
      licence: 'npm 包 @expo-google-fonts/noto-sans-sc，SIL OFL 1.1',
      why: '黑体是无衬线的等线体；Noto Sans SC（思源黑体）的中等粗细与 Windows 黑体的笔画粗细相近',
    },
  },
  heading2: {
    label: '二级标题（楷体）',
    officialFace: '楷体_GB2312',
    latinFace: '楷体_GB2312',
    candidates: [
      { file: '楷体_GB2312.ttf' },
      { file: 'KaiTi_GB2312.ttf' },
      { file: 'simkai.ttf' },
      { file: '楷体.ttf' },
      { file: 'STKaiti.ttf' },
      { file: 'Kaiti.ttc', postscriptName: 'STKaiti' },
    ],
    boldCandidates: [],
    fallback: {
      face: 'LXGW WenKai',
      regular: KAI('500'),
      bold: KAI('700'),
      licence: 'npm 包 @fontsource/lxgw-wenkai（霞鹜文楷），SIL OFL 1.1',
      why: '通过 npm 可取得的完整开源楷体（收字 3 万余，简体齐全）；文鼎 AR PL 楷体的许可证未说明能否把字体子集嵌入 PDF',
    },
  },
  table: {
    label: '表格文字（仿宋）',
    officialFace: '仿宋_GB2312',
    latinFace: 'Times New Roman',
    candidates: FANGSONG,
    boldCandidates: [],
    fallback: FANGSONG_FALLBACK,
  },
  song: {
    label: '页码（宋体）',
    officialFace: '宋体',
    latinFace: '宋体',
    candidates: [
      { file: '宋体.ttf' },
      { file: 'simsun.ttc', postscriptName: 'SimSun' },
      { file: 'Songti.ttc', postscriptName: 'STSongti-SC-Regular' },
    ],
    boldCandidates: [],
    fallback: {
      face: 'Noto Serif SC',
      regular: serif('400Regular'),
      bold: serif('700Bold'),
      licence: NOTO_SERIF,
      why: 'Noto Serif SC（思源宋体）是常规粗细的开源宋体',
    },
  },
  number: {
    label: '数字与西文（Times New Roman）',
    officialFace: 'Times New Roman',
    latinFace: 'Times New Roman',
    candidates: [
      { file: 'times.ttf' },
      { file: 'Times New Roman.ttf' },
      { file: 'LiberationSerif-Regular.ttf' },
    ],
    boldCandidates: [
      { file: 'timesbd.ttf' },
      { file: 'Times New Roman Bold.ttf' },
      { file: 'LiberationSerif-Bold.ttf' },
    ],
    fallback: {
      face: 'Tinos',
      regular: TINOS('400'),
      bold: TINOS('700'),
      licence: 'npm 包 @fontsource/tinos，SIL OFL 1.1',
      why: '与 Times New Roman 字宽完全相同（Liberation Serif 即由它而来），数字和西文的排版与 Word 一致',
    },
  },
};
