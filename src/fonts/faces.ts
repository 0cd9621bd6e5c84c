/**
 * Font roles and the faces that serve them: the official face the DOCX names, the file names to look
 * for in the project's fonts/ folder and the system's font folders, and the open-licensed fallback.
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
  /** Fallback package file (relative to node_modules), regular and bold. */
  fallback: { regular: string; bold: string };
}

const SERIF = '@expo-google-fonts/noto-serif-sc';
const SANS = '@expo-google-fonts/noto-sans-sc';
const serif = (w: string) => `${SERIF}/${w}/NotoSerifSC_${w}.ttf`;
const sans = (w: string) => `${SANS}/${w}/NotoSansSC_${w}.ttf`;

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
    fallback: { regular: serif('700Bold'), bold: serif('900Black') },
  },
  body: {
    label: '正文（仿宋）',
    officialFace: '仿宋_GB2312',
    latinFace: 'Times New Roman',
    candidates: FANGSONG,
    boldCandidates: [],
    fallback: { regular: serif('400Regular'), bold: serif('700Bold') },
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
    fallback: { regular: sans('400Regular'), bold: sans('700Bold') },
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
    fallback: { regular: serif('500Medium'), bold: serif('700Bold') },
  },
  table: {
    label: '表格文字（仿宋）',
    officialFace: '仿宋_GB2312',
    latinFace: 'Times New Roman',
    candidates: FANGSONG,
    boldCandidates: [],
    fallback: { regular: serif('400Regular'), bold: serif('700Bold') },
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
    fallback: { regular: serif('400Regular'), bold: serif('700Bold') },
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
    fallback: { regular: serif('400Regular'), bold: serif('700Bold') },
  },
};
