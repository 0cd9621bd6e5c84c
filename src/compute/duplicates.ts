import type { SourcePosition } from '../diagnostics/finding.js';
import type { DataPath } from '../load/locate.js';
import type { CheckContext } from './context.js';

/** One named entry of a list, with the path of the value that names it. */
export interface NamedEntry {
  name: string;
  path: DataPath;
}

/** `file:line`, as the author finds the place in the editor. */
export function placeText(at: SourcePosition | undefined): string {
  return at ? `${at.file}:${at.line}` : '（位置不明）';
}

/**
 * A name written twice in one list (a project, task, task item or indicator) would be counted twice in every
 * total, so each repeat is an error at every place it is written, naming all the places: the copies may sit
 * in different files of the unit, as list parts may be split.
 */
export function checkUnique(
  entries: readonly NamedEntry[],
  code: string,
  /**
   * What the entry is, where it must be unique (`本单位`, `任务“一般管理事务”`) and what a repeat does
   * (`在合计中重复计算`).
   */
  what: { noun: string; field: string; within: string; effect: string },
  ctx: CheckContext,
): void {
  const byName = new Map<string, NamedEntry[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    const places = same.map((e) => ctx.at(e.path));
    const list = places.map(placeText).join('、');
    for (const at of places) {
      ctx.findings.error(
        code,
        `${what.within}的${what.noun}“${name}”填写了 ${same.length} 次（${list}）；重复的${what.noun}会${what.effect}，请删去重复的一处，如确为不同的${what.noun}请在名称中区分`,
        at,
        { field: what.field, found: name },
      );
    }
  }
}
