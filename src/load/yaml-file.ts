import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLError,
} from 'yaml';
import type { Findings, SourcePosition } from '../diagnostics/finding.js';
import { cleanedMessage, cleanText } from './control-chars.js';

/** One parsed YAML file with what is needed to point back into it. */
export interface YamlFile {
  /** Path as shown to the user (relative to the working directory). */
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Upper bound on nodes produced while expanding aliases: a "billion laughs" file stops here. */
const MAX_EXPANDED_NODES = 200_000;

/** YAML syntax problems reported per file; the rest are counted in one finding. */
const MAX_YAML_PROBLEMS = 20;

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: '同一层级中键重复',
  TAB_AS_INDENT: '缩进中不能使用制表符（Tab），请改用空格',
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少必要的字符（如引号或括号未闭合）',
  BLOCK_AS_IMPLICIT_KEY: '多行内容不能作为键',
  MULTILINE_IMPLICIT_KEY: '键不能跨行，可能是冒号后缺少空格或缩进错误',
  UNEXPECTED_TOKEN: '出现意外的字符',
  BAD_SCALAR_START: '值的开头字符不合法（含特殊符号的文字请加引号）',
  TAG_RESOLVE_FAILED: '无法识别的标签',
  BAD_ALIAS: '别名引用不正确',
  BAD_DIRECTIVE: '指令不正确',
  IMPOSSIBLE: '无法解析的内容',
  KEY_OVER_1024_CHARS: '键过长（超过 1024 个字符）',
  ALIAS_PROPS: '别名不能带标签或锚点',
  BAD_DQ_ESCAPE: '双引号字符串中的转义序列不正确',
  UNEXPECTED_BLOCK: '出现意外的块内容',
};

export function positionOf(file: YamlFile, offset: number): SourcePosition {
  const { line, col } = file.lines.linePos(offset);
  return { file: file.path, line, col };
}

function reportYamlProblem(
  file: YamlFile,
  problem: YAMLError,
  findings: Findings,
  severity: 'error' | 'warning',
) {
  const at = positionOf(file, problem.pos[0]);
  const known = YAML_MESSAGES[problem.code];
  let message = known ? `YAML 格式错误：${known}` : `YAML 格式错误：${problem.message.split('\n')[0]}`;
  if (problem.code === 'DUPLICATE_KEY') {
    const key = (/^[^:\n]*/.exec(file.text.slice(problem.pos[0]))?.[0] ?? '').trim();
    message = `键“${key}”在同一层级中重复；每个字段只能写一次`;
  }
  if (problem.code === 'TAG_RESOLVE_FAILED' || (severity === 'warning' && /tag/i.test(problem.message))) {
    const tag = /!\S*/.exec(problem.message)?.[0] ?? '';
    message = `未知的 YAML 标签${tag ? `“${tag}”` : ''}；内容文件中不使用标签，请删除`;
  }
  // Unknown tags are only warnings in the yaml library; in content they are mistakes.
  findings.error(`yaml-${problem.code.toLowerCase().replace(/_/g, '-')}`, message, at);
}

/** Parses a YAML file; syntax problems, duplicate keys and YAML warnings become findings. */
export function parseYamlFile(path: string, text: string, findings: Findings): YamlFile | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const file: YamlFile = { path, text, doc, lines };
  // A damaged file can give thousands of errors (one per stray token): the first ones say what to fix.
  for (const e of doc.errors.slice(0, MAX_YAML_PROBLEMS)) reportYamlProblem(file, e, findings, 'error');
  for (const w of doc.warnings.slice(0, MAX_YAML_PROBLEMS)) reportYamlProblem(file, w, findings, 'warning');
  const more = doc.errors.length - MAX_YAML_PROBLEMS;
  if (more > 0) {
    findings.error(
      'yaml-more-errors',
      `此文件还有 ${more} 个 YAML 格式错误未列出；请先修正上面的错误再检查`,
      positionOf(file, doc.errors[MAX_YAML_PROBLEMS]!.pos[0]),
    );
  }
  if (doc.errors.length > 0) return undefined;
  return file;
}

/**
 * Turns a parsed document into plain data. Numbers become their source text so money keeps every digit
 * (`12.3400` stays "12.3400"); aliases are expanded with a budget so an alias bomb is a finding, not a hang.
 */
export function toPlainData(file: YamlFile, findings: Findings): unknown {
  let budget = MAX_EXPANDED_NODES;
  let exhausted = false;
  // The outermost alias being expanded: an alias bomb is reported where the author wrote it.
  let outerAlias: Node | undefined;
  const convert = (node: unknown, depth: number): unknown => {
    if (exhausted) return undefined;
    if (--budget < 0 || depth > 200) {
      exhausted = true;
      const culprit = depth > 200 ? node : (outerAlias ?? node);
      const at =
        culprit && typeof culprit === 'object' && 'range' in culprit ? (culprit as Node).range : undefined;
      findings.error(
        depth > 200 ? 'yaml-too-deep' : 'yaml-alias-bomb',
        depth > 200
          ? '嵌套层级过深（超过 200 层），请检查文件结构'
          : '别名（*引用）展开后的内容过多，疑似“别名炸弹”；内容文件请直接写出数据',
        at ? positionOf(file, at[0]) : { file: file.path, line: 1, col: 1 },
      );
      return undefined;
    }
    if (isAlias(node)) {
      const isOuter = outerAlias === undefined;
      if (isOuter) outerAlias = node;
      const value = convert(node.resolve(file.doc), depth + 1);
      if (isOuter) outerAlias = undefined;
      return value;
    }
    if (isScalar(node)) {
      if (typeof node.value === 'number' || typeof node.value === 'bigint') {
        return typeof node.source === 'string' ? node.source : String(node.value);
      }
      if (typeof node.value === 'string') return cleanScalar(file, node, node.value, findings);
      return node.value;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(convert(pair.key, depth + 1));
        out[key] = convert(pair.value, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, depth + 1));
    return node ?? null;
  };
  const data = convert(file.doc.contents, 0);
  return exhausted ? undefined : data;
}

/** A string value without control characters; a warning points at the first one (or the value). */
function cleanScalar(file: YamlFile, node: Node, value: string, findings: Findings): string {
  const cleaned = cleanText(value);
  if (!cleaned) return value;
  if (cleaned.removed.length > 0) {
    const range = node.range;
    // Written as the raw character: point at it; written as an escape (\x01): point at the value.
    const raw = range ? cleanText(file.text.slice(range[0], range[1])) : undefined;
    const offset = range ? range[0] + (raw && raw.first >= 0 ? raw.first : 0) : undefined;
    findings.warning(
      'control-character',
      cleanedMessage(cleaned.removed),
      offset === undefined ? { file: file.path, line: 1, col: 1 } : positionOf(file, offset),
    );
  }
  return cleaned.text;
}
