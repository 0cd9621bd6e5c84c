import {
  type Alias,
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  visit,
  type YAMLError,
  YAMLParseError,
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

/**
 * Upper bound on nodes produced by expanding aliases (a "billion laughs" file stops here). Nodes written
 * out in the file do not count: a large plain file is not a bomb.
 */
const MAX_EXPANDED_NODES = 200_000;

/** Deepest nesting accepted; content is a few levels deep, and yaml's composer recurses once per level. */
const MAX_DEPTH = 200;

/** A key that JavaScript objects treat as their prototype, not as data. */
const PROTOTYPE_KEY = '__proto__';

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
  MULTIPLE_DOCS: '一个文件中只能有一份内容；“---”之后的第二份内容请删除或另存为一个文件',
  MULTIPLE_ANCHORS: '一个值只能有一个锚点（&名称）',
  MULTIPLE_TAGS: '一个值只能有一个标签（!标签）',
  BLOCK_IN_FLOW: '方括号 [ ] 或花括号 { } 中不能再写分行的列表或“键: 值”；请改用逗号分隔，或全部改为分行写法',
  BAD_PROP_ORDER: '锚点和标签应写在“-”或“?”之后',
  NON_STRING_KEY: '键必须是文字',
  BAD_COLLECTION_TYPE: '标签与值的类型不符',
  RESOURCE_EXHAUSTION: '内容过于复杂，无法解析（可能嵌套层级过深）',
};

/** Said of a YAML problem whose code has no Chinese message of its own; never the library's English. */
const YAML_FALLBACK = '此处的写法不符合 YAML 格式';

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
  let message = `YAML 格式错误：${known ?? YAML_FALLBACK}`;
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

/**
 * Parses a YAML file; syntax problems, duplicate keys and YAML warnings become findings. The steps of
 * yaml's parseDocument are taken one by one so that nesting too deep for its recursive composer is found
 * in the syntax tree first (walked without recursion) and reported where it starts.
 */
export function parseYamlFile(path: string, text: string, findings: Findings): YamlFile | undefined {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const deep = tooDeepAt(tokens);
  if (deep !== undefined) {
    const { line, col } = lines.linePos(deep);
    findings.error('yaml-too-deep', tooDeepMessage(), { file: path, line, col });
    return undefined;
  }
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: true });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'multiple documents'),
      );
      break;
    }
  }
  // compose() always yields a document when forced, even for an empty text.
  if (!doc) return undefined;
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

function tooDeepMessage(): string {
  return `嵌套层级过深（超过 ${MAX_DEPTH} 层），请检查文件结构`;
}

/** Offset of the first value nested more than MAX_DEPTH levels deep, in document order. */
function tooDeepAt(tokens: CST.Token[]): number | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push({ token: tokens[i]!, depth: -1 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return token.offset;
    const children: Array<CST.Token | null | undefined> = [];
    if (token.type === 'document') children.push(token.value);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) children.push('key' in item ? item.key : undefined, item.value);
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ token: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Each alias's anchored node, found in one pass (Alias.resolve walks the whole document per call). */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * Turns a parsed document into plain data. Numbers become their source text so money keeps every digit
 * (`12.3400` stays "12.3400"); aliases are expanded with a budget so an alias bomb is a finding, not a hang.
 */
export function toPlainData(file: YamlFile, findings: Findings): unknown {
  let budget = MAX_EXPANDED_NODES;
  let exhausted = false;
  let reservedKey = false;
  let targets: Map<Alias, Node> | undefined;
  // The outermost alias being expanded: an alias bomb is reported where the author wrote it.
  let outerAlias: Node | undefined;
  const convert = (node: unknown, depth: number): unknown => {
    if (exhausted) return undefined;
    const tooDeep = depth > MAX_DEPTH;
    if (tooDeep || (outerAlias !== undefined && --budget < 0)) {
      exhausted = true;
      const culprit = tooDeep ? node : outerAlias;
      const at =
        culprit && typeof culprit === 'object' && 'range' in culprit ? (culprit as Node).range : undefined;
      findings.error(
        tooDeep ? 'yaml-too-deep' : 'yaml-alias-bomb',
        tooDeep ? tooDeepMessage() : '别名（*引用）展开后的内容过多，疑似“别名炸弹”；内容文件请直接写出数据',
        at ? positionOf(file, at[0]) : { file: file.path, line: 1, col: 1 },
      );
      return undefined;
    }
    if (isAlias(node)) {
      targets ??= aliasTargets(file.doc);
      const isOuter = outerAlias === undefined;
      if (isOuter) outerAlias = node;
      const value = convert(targets.get(node), depth + 1);
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
        if (key === PROTOTYPE_KEY) {
          // Assigned, it would replace the object's prototype: its fields would pass as inherited ones.
          // Reported once, where it is written, not again in each alias that repeats it.
          if (outerAlias === undefined) {
            const range = (pair.key as Node | null)?.range;
            findings.error(
              'reserved-key',
              `不能使用“${PROTOTYPE_KEY}”作为键：它在程序中有特殊含义，其中的内容不会被读取；请删除这一项或改用正式的字段名`,
              range ? positionOf(file, range[0]) : { file: file.path, line: 1, col: 1 },
            );
          }
          reservedKey = true;
          continue;
        }
        out[key] = convert(pair.value, depth + 1);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, depth + 1));
    return node ?? null;
  };
  const data = convert(file.doc.contents, 0);
  return exhausted || reservedKey ? undefined : data;
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
