/**
 * Carries one content YAML file from last year to a new year with the `yaml` Document API, so key order,
 * text style and the comments on carried values stay as the author wrote them.
 *
 * What happens to each field (see README, 开始新的年度):
 * - carried: names, codes, texts, goals, indicator names, targets, 指标性质 and standards, unit facts;
 *   项目属性 becomes 延续 (a project carried on is a continuing one);
 * - filled ("待填写"): every amount of the new year (项目年度预算金额 and its 年初预算数 by fund source, 当年预算,
 *   任务金额) and every figure of the evidence and judged score is left empty with a comment naming the field
 *   and last year's value, so `jixiao check` reports each one at its line until it is filled in;
 * - offered ("可填写"): optional results written at the year-end self-evaluation (完成值, 完成情况, 问题,
 *   整改, 实施内容, 评价结论, 预算调整, 各资金来源的调整后预算数和执行数, 得分系数, 填报日期) are removed and a
 *   comment line marks where they go;
 * - dropped: check values of last year's filed forms (填报执行率), overrides, deviation notes and 年初指标值;
 * - shifted: 近两年指标值 and 近两年收支情况 move on by a year, last year's 指标值 / 预算 becoming the later year.
 */
import {
  type Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Node,
  Pair,
  parseDocument,
  Scalar,
  visit,
  YAMLMap,
} from 'yaml';
import { z } from 'zod';
import { UnitContent } from '../model/content.js';
import { schemaAt, titleOf } from '../validate/schema-walk.js';

export const FILL = '待填写：';
export const OFFER = '可填写：';
export const REVIEW = '待核对：';

export interface CarryContext {
  fromYear: number;
  year: number;
  /** Last year's file as shown to the user, named in the new file's header. */
  sourcePath: string;
  /** `../` steps from the file's folder up to the content root's parent, for the schema comment. */
  schemaPrefix: string;
}

type Seg = string | number;

const SCHEMA_LINE = /^\s*yaml-language-server:.*$/m;

/** Parses, carries and prints one YAML file; throws on YAML syntax errors (checked by the caller first). */
export function carryYamlText(text: string, ctx: CarryContext): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const schemaLine =
    headerSchemaLine(doc) ?? ` yaml-language-server: $schema=${ctx.schemaPrefix}schema/content.schema.json`;
  stripComments(doc);
  const root = doc.contents;
  if (isMap(root)) new Carrier(ctx).map(root, [], undefined);
  doc.commentBefore = [
    schemaLine,
    ` ${ctx.year} 年度，由 jixiao init 根据 ${ctx.fromYear} 年度的 ${ctx.sourcePath} 生成。`,
    ` “${FILL}”的字段值为空，须按本年度填写（jixiao check 会逐项报告）；“${OFFER}”的内容在年终自评或需要时填写。`,
    ` 其余内容沿用 ${ctx.fromYear} 年度，请按本年度核对修改。`,
  ].join('\n');
  return doc.toString({ lineWidth: 0, nullStr: '', flowCollectionPadding: true });
}

function headerSchemaLine(doc: Document): string | undefined {
  for (const c of headerComments(doc)) {
    const m = c ? SCHEMA_LINE.exec(c) : null;
    if (m) return m[0].startsWith(' ') ? m[0] : ` ${m[0].trimStart()}`;
  }
  return undefined;
}

function headerComments(doc: Document): (string | null | undefined)[] {
  const root = doc.contents;
  const first = isMap(root) ? root.items[0] : undefined;
  const firstKey = first && isScalar(first.key) ? first.key : undefined;
  return [doc.commentBefore, root?.commentBefore, firstKey?.commentBefore];
}

/**
 * Last year's comments explain last year's file and figures ("the seed prints 449.85", "102 − 6 − 2 = 94");
 * next to this year's values they would mislead, so none is carried: the new file's comments are the
 * new header and the marks of what to fill in. Blank lines between items stay.
 */
function stripComments(doc: Document): void {
  doc.commentBefore = null;
  doc.comment = null;
  visit(doc, {
    Node(_key, node) {
      node.commentBefore = undefined;
      node.comment = undefined;
    },
    Pair(_key, pair) {
      for (const part of [pair.key, pair.value]) {
        if (isNode(part)) {
          part.commentBefore = undefined;
          part.comment = undefined;
        }
      }
    },
  });
}

/** The model's path for a data path: list indices become 0 so `schemaAt` finds the element schema. */
function modelPath(path: readonly Seg[]): Seg[] {
  return path.map((s) => (typeof s === 'number' ? 0 : s));
}

function meta(path: readonly Seg[]): { title: string; money: boolean } {
  const schema = schemaAt(UnitContent, modelPath(path));
  const title = titleOf(schema) ?? String(path[path.length - 1] ?? '');
  return { title, money: descriptionOf(schema).includes('万元') };
}

/** The description attached with `named()`, looking through optional/default wrappers. */
function descriptionOf(schema: unknown): string {
  let s = schema as { _zod?: { def?: { innerType?: unknown } } } | undefined;
  for (let i = 0; s && i < 8; i++) {
    const m = z.globalRegistry.get(s as z.ZodType) as { description?: string } | undefined;
    if (m?.description) return m.description;
    s = s._zod?.def?.innerType as typeof s;
  }
  return '';
}

/** The shape of a path with list indices as `*`, e.g. `projects.*.budget`. */
function shape(path: readonly Seg[]): string {
  return path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
}

function sourceText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const t = (typeof node.source === 'string' ? node.source : String(node.value)).replace(/\s+/g, ' ').trim();
  if (t === '') return undefined;
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

type Action =
  | { kind: 'carry' }
  | { kind: 'drop' }
  | { kind: 'offer'; label: string }
  | { kind: 'fill' }
  | { kind: 'history'; base: string }
  | { kind: 'spending' }
  | { kind: 'refill' }
  | { kind: 'scores' }
  | { kind: 'continued' };

const INDICATOR_ITEM = /(^|\.)indicators\.\*\.items\.\*$/;

function actionFor(parent: string, key: string): Action {
  if (parent === '') {
    if (key === 'evidence') return { kind: 'refill' };
    return { kind: 'carry' };
  }
  if (INDICATOR_ITEM.test(parent)) {
    if (key === 'actual') return { kind: 'offer', label: '完成值（年终自评时填写）' };
    if (key === 'history') return { kind: 'history', base: 'target' };
    if (key === 'coefficient') return { kind: 'offer', label: '得分系数（年终自评时填写）' };
    // Last year's 年初指标值 records last year's adjustment; the carried target is the new year's start.
    if (key === 'score' || key === 'score_reason' || key === 'deviation' || key === 'initial_target')
      return { kind: 'drop' };
    return { kind: 'carry' };
  }
  switch (`${parent}.${key}`) {
    case 'unit.date':
      return { kind: 'offer', label: '填报日期' };
    case 'funding.income.*.budget':
    case 'funding.expenditure.*.budget':
    case 'tasks.*.amount':
    case 'tasks.*.other_funds':
    case 'tasks.*.items.*.amount':
    case 'projects.*.budget':
    case 'projects.*.funds.*.budget':
      return { kind: 'fill' };
    case 'projects.*.funds.*.adjusted_budget':
      return { kind: 'offer', label: '调整后预算数（年内有调整或年终自评时填写）' };
    case 'projects.*.funds.*.spending':
      return { kind: 'offer', label: '执行数（年终自评时填写）' };
    case 'projects.*.attribute':
      return { kind: 'continued' };
    case 'projects.*.implementation':
      return { kind: 'offer', label: '实施内容及过程概述（年终自评时填写）' };
    case 'projects.*.conclusion':
      return { kind: 'offer', label: '评价结论（年终自评时填写）' };
    case 'funding.income.*.history':
    case 'funding.expenditure.*.history':
      return { kind: 'history', base: 'budget' };
    case 'tasks.*.approved':
      return { kind: 'offer', label: '预算批复数（核对用）' };
    case 'projects.*.adjustments':
      return { kind: 'offer', label: '预算调整（年内有调剂、统筹收回、追加、调减时）' };
    case 'projects.*.spending':
      return { kind: 'spending' };
    case 'projects.*.completion':
      return { kind: 'offer', label: '绩效目标整体完成情况（年终自评时填写）' };
    case 'projects.*.problems':
      return { kind: 'offer', label: '项目执行中存在的问题（年终自评时填写）' };
    case 'projects.*.rectification':
      return { kind: 'offer', label: '整改情况（年终自评时填写）' };
    case 'projects.*.filed_rate':
      return { kind: 'drop' };
    case 'evaluation.scores':
      return { kind: 'scores' };
    default:
      return { kind: 'carry' };
  }
}

class Carrier {
  constructor(private readonly ctx: CarryContext) {}

  /** `owner` is the name of the nearest enclosing item (项目, 任务, 明细, 资金行), to say whose field it is. */
  map(map: YAMLMap, path: Seg[], owner: string | undefined): void {
    const parent = shape(path);
    const named = map.get('name', true);
    const own = isScalar(named) && named.value !== null ? String(named.value) : owner;
    const originals = new Map<string, unknown>();
    for (const pair of map.items) if (isScalar(pair.key)) originals.set(String(pair.key.value), pair.value);
    const offers: { index: number; label: string }[] = [];
    const kept: Pair[] = [];
    for (const pair of map.items) {
      if (!isScalar(pair.key)) {
        kept.push(pair);
        continue;
      }
      const key = String(pair.key.value);
      const childPath = [...path, key];
      const action = actionFor(parent, key);
      switch (action.kind) {
        case 'carry':
          this.node(pair.value, childPath, own);
          kept.push(pair);
          break;
        case 'drop':
          break;
        case 'offer':
          offers.push({ index: kept.length, label: this.offerLabel(action.label, pair.value, own) });
          break;
        case 'fill':
          this.fill(pair, childPath, own);
          kept.push(pair);
          break;
        case 'history':
          pair.value = this.history(pair.value, originals.get(action.base), childPath, own);
          kept.push(pair);
          break;
        case 'spending':
          pair.value = this.spending(pair.value, childPath, own);
          clearKeyComments(pair);
          kept.push(pair);
          break;
        case 'refill':
          this.refill(pair, childPath);
          kept.push(pair);
          break;
        case 'scores':
          pair.value = this.scores(pair.value, childPath);
          kept.push(pair);
          break;
        case 'continued':
          this.continued(pair, own);
          kept.push(pair);
          break;
      }
    }
    map.items = kept;
    // A comment line where each removed optional field was, before the next kept key or at the map's end.
    for (const offer of offers.reverse()) {
      const line = ` ${OFFER}${offer.label}`;
      const next = kept[offer.index];
      if (next && isScalar(next.key)) {
        next.key.commentBefore = next.key.commentBefore ? `${line}\n${next.key.commentBefore}` : line;
      } else {
        map.comment = map.comment ? `${line}\n${map.comment}` : line;
      }
    }
  }

  node(node: unknown, path: Seg[], owner: string | undefined): void {
    if (isMap(node)) this.map(node, path, owner);
    else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        this.node(item, [...path, i], owner);
      });
    }
  }

  /** Last year's value is named only for an amount (预算批复数); last year's results are no guide. */
  private offerLabel(label: string, old: unknown, owner: string | undefined): string {
    const text = sourceText(old);
    const was = text !== undefined && /^\d+(\.\d+)?$/.test(text) ? text : undefined;
    return `${owner ? `“${owner}”的` : ''}${label}${was !== undefined ? `；${this.ctx.fromYear} 年为 ${was}` : ''}`;
  }

  private fillLabel(path: Seg[], old: unknown, owner: string | undefined): string {
    const { title, money } = meta(path);
    const was = sourceText(old);
    const whose = owner ? `“${owner}”的` : '';
    return ` ${FILL}${whose}${title}${money ? '（万元）' : ''}${was !== undefined ? `；${this.ctx.fromYear} 年为 ${was}` : ''}`;
  }

  /** Empties a value and marks it, keeping last year's value in the comment for reference. */
  private fill(pair: Pair, path: Seg[], owner?: string): void {
    const label = this.fillLabel(path, pair.value, owner);
    const value = new Scalar(null);
    value.comment = label;
    pair.value = value;
    clearKeyComments(pair);
  }

  /** Every scalar of the part is refilled (evidence: last year's facts say nothing about this year). */
  private refill(pair: Pair, path: Seg[]): void {
    clearKeyComments(pair);
    const value = pair.value;
    if (isMap(value)) {
      value.flow = false;
      value.commentBefore = undefined;
      value.comment = undefined;
      for (const p of value.items) if (isScalar(p.key)) this.refill(p, [...path, String(p.key.value)]);
    } else if (isSeq(value)) {
      value.commentBefore = undefined;
      value.comment = undefined;
      value.items.forEach((item, i) => {
        if (isMap(item)) {
          item.commentBefore = undefined;
          for (const p of item.items) if (isScalar(p.key)) this.refill(p, [...path, i, String(p.key.value)]);
        }
      });
    } else {
      this.fill(pair, path);
    }
  }

  /**
   * 近两年 (the two years before the new year) from what last year knew: its own two prior years plus its
   * own 指标值 or 预算, which becomes the later prior year. A year nobody knows is left to fill in.
   */
  private history(value: unknown, base: unknown, path: Seg[], owner: string | undefined): YAMLMap {
    const known = new Map<string, Scalar>();
    if (isMap(value))
      for (const p of value.items)
        if (isScalar(p.key) && isScalar(p.value)) known.set(String(p.key.value), p.value);
    if (isScalar(base) && base.value !== null) known.set(String(this.ctx.fromYear), base);
    const isBudget = path[path.length - 1] === 'history' && path[0] === 'funding';
    const out = new YAMLMap<Scalar, Scalar>();
    for (const y of [this.ctx.year - 2, this.ctx.year - 1]) {
      const from = known.get(String(y));
      if (from) {
        const copy = from.clone() as Scalar;
        copy.commentBefore = undefined;
        copy.comment =
          from === base && isBudget
            ? ` ${REVIEW}${y} 年取自上年的当年预算；如这一栏应填决算（实际）数，请改为决算数`
            : undefined;
        out.items.push(new Pair(new Scalar(y), copy));
      } else {
        const empty = new Scalar(null);
        empty.comment = ` ${FILL}${owner ? `“${owner}”的` : ''}${meta(path).title}（${y} 年）`;
        out.items.push(new Pair(new Scalar(y), empty));
      }
    }
    return out;
  }

  /** 实际支出金额: one empty line per fund source used last year (一般公共预算 when none was). */
  private spending(value: unknown, path: Seg[], owner: string | undefined): YAMLMap {
    const out = new YAMLMap();
    const used: Pair[] = [];
    if (isMap(value)) {
      for (const p of value.items) {
        if (isScalar(p.key) && isScalar(p.value) && p.value.value !== null && String(p.value.value) !== '-')
          used.push(new Pair(new Scalar(String(p.key.value)), p.value));
      }
    }
    if (used.length === 0) used.push(new Pair(new Scalar('general_budget'), null));
    for (const p of used) {
      const key = String((p.key as Scalar).value);
      this.fill(p, [...path, key], owner);
      out.items.push(p);
    }
    return out;
  }

  /** A project carried into a new year continues: 项目属性 becomes 延续, marked for review when it was 新增. */
  private continued(pair: Pair, owner: string | undefined): void {
    const was = sourceText(pair.value);
    clearKeyComments(pair);
    const value = new Scalar('延续');
    if (was !== '延续')
      value.comment = ` ${REVIEW}${owner ? `“${owner}”的` : ''}项目属性由 ${this.ctx.fromYear} 年的“${was ?? ''}”改为“延续”`;
    pair.value = value;
  }

  /** Judged scores and coefficients are refilled; notes, overrides and computed leaves (scored from evidence) are dropped. */
  private scores(value: unknown, path: Seg[]): Node {
    const out = new YAMLMap();
    if (isMap(value)) {
      for (const entry of value.items) {
        if (!isScalar(entry.key) || !isMap(entry.value)) continue;
        const leaf = String(entry.key.value);
        const fresh = new YAMLMap();
        // A judged score and an entered 得分系数 are both the evaluator's: emptied, last year's named.
        for (const key of ['score', 'coefficient']) {
          const given = entry.value.get(key, true);
          if (given === undefined) continue;
          const p = new Pair(new Scalar(key), given);
          this.fill(p, [...path, leaf, key], leaf);
          fresh.items.push(p);
        }
        const parts = entry.value.get('parts', true);
        if (isMap(parts)) {
          const freshParts = new YAMLMap();
          for (const part of parts.items) {
            if (!isScalar(part.key)) continue;
            const p = new Pair(new Scalar(String(part.key.value)), part.value);
            this.fill(p, [...path, leaf, 'parts', String(part.key.value)], leaf);
            freshParts.items.push(p);
          }
          fresh.items.push(new Pair(new Scalar('parts'), freshParts));
        }
        if (fresh.items.length > 0) out.items.push(new Pair(new Scalar(leaf), fresh));
      }
    }
    if (out.items.length === 0) out.flow = true;
    return out;
  }
}

function clearKeyComments(pair: Pair): void {
  if (isScalar(pair.key)) {
    pair.key.commentBefore = undefined;
    pair.key.comment = undefined;
  }
  const v = pair.value as Node | null;
  if (v && typeof v === 'object' && 'commentBefore' in v) {
    v.commentBefore = undefined;
  }
}
