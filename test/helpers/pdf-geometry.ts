/**
 * Where a PDF draws its table rules and where a reader finds its text, to tell text that crosses a cell
 * border. Rules are read from the page content streams (a small reader of the path operators with the
 * graphics state); text boxes are poppler's (`pdftotext -bbox`: a word's box is its font's ascent to
 * descent, so a box is never smaller than the ink). Both in points, origin top left, y downwards.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { requireTool } from './read-output.js';

export interface Rule {
  /** A horizontal rule has y1 = y2, a vertical one x1 = x2 (after sorting, x1 ≤ x2 and y1 ≤ y2). */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageGeometry {
  width: number;
  height: number;
  rules: Rule[];
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** Every `N 0 obj … endobj` of the file (pdfkit writes no object streams), streams inflated. */
function readObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body });
      re.lastIndex = end;
      continue;
    }
    const dict = body.slice(0, s);
    let from = start + s + 'stream'.length;
    if (text[from] === '\r') from++;
    if (text[from] === '\n') from++;
    const to = text.lastIndexOf('endstream', end);
    let raw = bytes.subarray(from, to);
    if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw);
    objects.set(Number(m[1]), { dict, stream: raw });
    re.lastIndex = end;
  }
  return objects;
}

const refs = (s: string) => [...s.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

function pageObjects(objects: Map<number, PdfObject>): PdfObject[] {
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  if (!catalog) throw new Error('PDF 中没有 Catalog');
  const pages: PdfObject[] = [];
  const walk = (id: number) => {
    const node = objects.get(id)!;
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)![1]!;
      for (const kid of refs(kids)) walk(kid);
    } else pages.push(node);
  };
  walk(refs(/\/Pages\s+(\d+ 0 R)/.exec(catalog.dict)![1]!)[0]!);
  return pages;
}

type Token = number | string;

/** Content-stream tokens: numbers and operators; strings, names, arrays and dictionaries are skipped. */
function* tokens(content: string): Generator<Token> {
  let i = 0;
  const n = content.length;
  while (i < n) {
    const c = content[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && content[i] !== '\n' && content[i] !== '\r') i++;
    } else if (c === '(') {
      let depth = 0;
      for (; i < n; i++) {
        const d = content[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      i++;
      yield '(string)';
    } else if (c === '<' && content[i + 1] === '<') {
      i += 2;
      yield '<<';
    } else if (c === '>' && content[i + 1] === '>') {
      i += 2;
      yield '>>';
    } else if (c === '<') {
      i = content.indexOf('>', i) + 1;
      yield '<hex>';
    } else if (c === '[' || c === ']') {
      i++;
      yield c;
    } else if (c === '/') {
      i++;
      while (i < n && !/[\s/[\]<>()%]/.test(content[i]!)) i++;
      yield '/name';
    } else {
      const start = i;
      while (i < n && !/[\s/[\]<>()%]/.test(content[i]!)) i++;
      const word = content.slice(start, i);
      const num = Number(word);
      yield Number.isFinite(num) && /^[-+.\d]/.test(word) ? num : word;
    }
  }
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** Straight axis-parallel strokes (and thin filled rectangles) of one page, in top-left coordinates. */
function pageRules(content: string, height: number): Rule[] {
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let lineWidth = 1;
  const stack: Array<{ ctm: Matrix; lineWidth: number }> = [];
  let path: Array<[number, number][]> = [];
  let rects: Array<[number, number, number, number]> = [];
  let operands: number[] = [];
  const toPage = (x: number, y: number): [number, number] => {
    const [px, py] = apply(ctm, x, y);
    return [px, height - py];
  };
  const scale = () => Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]));
  const addRule = (a: [number, number], b: [number, number], width: number) => {
    const horizontal = Math.abs(a[1] - b[1]) < 0.01;
    const vertical = Math.abs(a[0] - b[0]) < 0.01;
    if (!horizontal && !vertical) return;
    rules.push({
      x1: Math.min(a[0], b[0]),
      y1: Math.min(a[1], b[1]),
      x2: Math.max(a[0], b[0]),
      y2: Math.max(a[1], b[1]),
      width,
    });
  };
  for (const t of tokens(content)) {
    if (typeof t === 'number') {
      operands.push(t);
      continue;
    }
    const o = operands;
    operands = [];
    switch (t) {
      case 'q':
        stack.push({ ctm, lineWidth });
        break;
      case 'Q':
        ({ ctm, lineWidth } = stack.pop() ?? { ctm, lineWidth });
        break;
      case 'cm':
        ctm = multiply(o as Matrix, ctm);
        break;
      case 'w':
        lineWidth = o[0]!;
        break;
      case 'm':
        path.push([toPage(o[0]!, o[1]!)]);
        break;
      case 'l':
        path[path.length - 1]?.push(toPage(o[0]!, o[1]!));
        break;
      case 're': {
        const [x, y, w, h] = o as [number, number, number, number];
        const a = toPage(x, y);
        const b = toPage(x + w, y + h);
        rects.push([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])]);
        break;
      }
      case 'S':
      case 's':
      case 'B':
      case 'B*': {
        const width = lineWidth * scale();
        for (const sub of path) for (let i = 1; i < sub.length; i++) addRule(sub[i - 1]!, sub[i]!, width);
        for (const [x1, y1, x2, y2] of rects) {
          addRule([x1, y1], [x2, y1], width);
          addRule([x1, y2], [x2, y2], width);
          addRule([x1, y1], [x1, y2], width);
          addRule([x2, y1], [x2, y2], width);
        }
        path = [];
        rects = [];
        break;
      }
      case 'f':
      case 'F':
      case 'f*':
        // A filled rectangle thinner than 2 pt is drawn as a rule.
        for (const [x1, y1, x2, y2] of rects) {
          if (y2 - y1 < 2 && x2 - x1 > y2 - y1)
            rules.push({ x1, y1: (y1 + y2) / 2, x2, y2: (y1 + y2) / 2, width: y2 - y1 });
          else if (x2 - x1 < 2 && y2 - y1 > x2 - x1)
            rules.push({ x1: (x1 + x2) / 2, y1, x2: (x1 + x2) / 2, y2, width: x2 - x1 });
        }
        path = [];
        rects = [];
        break;
      case 'n':
        path = [];
        rects = [];
        break;
    }
  }
  return rules;
}

/** The rules of every page, in page order. */
export function pdfRules(file: string): PageGeometry[] {
  const objects = readObjects(readFileSync(file));
  return pageObjects(objects).map((page) => {
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(page.dict)![1]!.trim().split(/\s+/).map(Number);
    const height = box[3]! - box[1]!;
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    const content = refs(contents)
      .map((id) => objects.get(id)!.stream!.toString('latin1'))
      .join('\n');
    return { width: box[2]! - box[0]!, height, rules: pageRules(content, height) };
  });
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Poppler's word boxes, per page. */
export function pdfWordBoxes(file: string): WordBox[][] {
  const html = execFileSync(requireTool('pdftotext'), ['-bbox', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return html
    .split(/<page\b/)
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        text: xmlText(m[5]!),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      })),
    );
}

export interface Crossing {
  page: number;
  text: string;
  /** Which way the rule runs and where it is. */
  rule: string;
  /** How far, in points, the text box reaches into the rule's stroke. */
  depth: number;
}

/** Overlap along one axis; below this, a box only touches a rule's end. */
const TOUCH = 0.5;

/**
 * Every word whose box reaches into a drawn rule's stroke by more than `tolerance` points. A word in a
 * cell stays within its borders exactly when it crosses none of the rules around it.
 */
export function textCrossingRules(file: string, tolerance = 0.05): Crossing[] {
  const pages = pdfRules(file);
  const words = pdfWordBoxes(file);
  const out: Crossing[] = [];
  words.forEach((boxes, p) => {
    const rules = pages[p]?.rules ?? [];
    for (const w of boxes) {
      for (const r of rules) {
        const half = r.width / 2;
        if (r.y1 === r.y2) {
          const along = Math.min(w.xMax, r.x2) - Math.max(w.xMin, r.x1);
          const depth = Math.min(w.yMax - (r.y1 - half), r.y1 + half - w.yMin);
          if (along > TOUCH && depth > tolerance)
            out.push({ page: p + 1, text: w.text, rule: `横线 y=${r.y1.toFixed(2)}`, depth });
        } else {
          const along = Math.min(w.yMax, r.y2) - Math.max(w.yMin, r.y1);
          const depth = Math.min(w.xMax - (r.x1 - half), r.x1 + half - w.xMin);
          if (along > TOUCH && depth > tolerance)
            out.push({ page: p + 1, text: w.text, rule: `竖线 x=${r.x1.toFixed(2)}`, depth });
        }
      }
    }
  });
  return out;
}

/**
 * The text of every table cell of each page, as a reader of that cell sees it: each word is placed in the
 * cell whose drawn rules enclose its centre, and a cell's words are read line by line, left to right
 * (whitespace removed). Text outside every table is one more entry per page. Reading the PDF in flowing
 * order instead interleaves the lines of neighbouring cells that wrap.
 */
export function pdfCellTexts(file: string): string[][] {
  const geometry = pdfRules(file);
  return pdfWordBoxes(file).map((words, p) => {
    const rules = geometry[p]?.rules ?? [];
    const vertical = rules.filter((r) => r.x1 === r.x2);
    const horizontal = rules.filter((r) => r.y1 === r.y2);
    const cells = new Map<string, WordBox[]>();
    for (const w of words) {
      const cx = (w.xMin + w.xMax) / 2;
      const cy = (w.yMin + w.yMax) / 2;
      const left = Math.max(
        -1,
        ...vertical.filter((r) => r.x1 <= cx && r.y1 <= cy && r.y2 >= cy).map((r) => r.x1),
      );
      const top = Math.max(
        -1,
        ...horizontal.filter((r) => r.y1 <= cy && r.x1 <= cx && r.x2 >= cx).map((r) => r.y1),
      );
      const key = left < 0 || top < 0 ? 'outside' : `${top.toFixed(1)}|${left.toFixed(1)}`;
      cells.set(key, [...(cells.get(key) ?? []), w]);
    }
    return [...cells.values()].map((ws) =>
      ws
        .sort((a, b) => (Math.abs(a.yMin - b.yMin) > 1 ? a.yMin - b.yMin : a.xMin - b.xMin))
        .map((w) => w.text)
        .join('')
        .replace(/\s+/g, ''),
    );
  });
}
