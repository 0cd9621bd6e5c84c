import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { SourcePosition } from '../diagnostics/finding.js';
import { positionOf, type YamlFile } from './yaml-file.js';

export type DataPath = readonly PropertyKey[];

/** Where a top-level part of a unit came from; a list part may come in several segments. */
export interface PartSource {
  file: YamlFile;
  /** For list parts split over files: index of this segment's first element in the merged list. */
  offset: number;
  length: number;
}

export interface Located {
  at: SourcePosition;
  /** The source text of the value, for "found …" in messages. */
  source?: string;
  /** True when the path itself does not exist and `at` is its nearest existing parent. */
  missing: boolean;
}

/**
 * Finds the source position of a data path inside one YAML document: the value node when it exists,
 * the key of an empty value, or the nearest parent when the path is missing (a required field).
 */
export function locateInFile(file: YamlFile, path: DataPath): Located {
  let node: unknown = file.doc.contents;
  let lastKeyNode: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (p: Pair) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return { at: nodeStart(file, node, lastKeyNode), missing: true };
      lastKeyNode = pair.key as Node;
      if (pair.value === null || pair.value === undefined) {
        return i === path.length - 1
          ? { at: nodeStart(file, pair.key as Node), missing: false, source: '' }
          : { at: nodeStart(file, pair.key as Node), missing: true };
      }
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined || item === null)
        return { at: nodeStart(file, node, lastKeyNode), missing: true };
      lastKeyNode = undefined;
      node = item;
    } else {
      return { at: nodeStart(file, node as Node | undefined, lastKeyNode), missing: true };
    }
  }
  const n = node as Node | undefined;
  const range = n?.range;
  return {
    at: nodeStart(file, n, lastKeyNode),
    missing: false,
    ...(range ? { source: file.text.slice(range[0], range[1]).trim() } : {}),
  };
}

/** Position of a key node (for unknown keys). */
export function locateKey(file: YamlFile, path: DataPath, key: string): SourcePosition | undefined {
  const parent = resolveNode(file, path);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  const range = (pair?.key as Node | undefined)?.range;
  return range ? positionOf(file, range[0]) : undefined;
}

function resolveNode(file: YamlFile, path: DataPath): unknown {
  let node: unknown = file.doc.contents;
  for (const seg of path) {
    if (isMap(node)) {
      node = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      )?.value;
    } else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

function nodeStart(file: YamlFile, node: Node | undefined | null, fallbackKey?: Node): SourcePosition {
  const range = node?.range ?? fallbackKey?.range;
  return range ? positionOf(file, range[0]) : { file: file.path, line: 1, col: 1 };
}

/** Maps a path in a unit's merged data to the file and path it came from. */
export function locateInParts(
  parts: Map<string, PartSource[]>,
  path: DataPath,
): { file: YamlFile; path: DataPath } | undefined {
  const [head, index, ...rest] = path;
  const sources = parts.get(String(head));
  if (!sources || sources.length === 0) return undefined;
  if (sources.length === 1 || typeof index !== 'number') {
    const first = sources[0]!;
    return { file: first.file, path: index === undefined ? [head!] : [head!, index, ...rest] };
  }
  const seg =
    sources.find((s) => index >= s.offset && index < s.offset + s.length) ?? sources[sources.length - 1]!;
  return { file: seg.file, path: [head!, index - seg.offset, ...rest] };
}
